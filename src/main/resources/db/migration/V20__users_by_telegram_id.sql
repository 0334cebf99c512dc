-- BJS names users by their Telegram id too (Bot.run({user_telegramid}), Bot.getProp({user_telegramid})), as payment
-- providers' callbacks carry it; this finds one without a scan of the bot's users.
CREATE INDEX users_by_telegram_id ON users (bot_id, (data->>'telegramid'));

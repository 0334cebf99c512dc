-- The outbox holds any Telegram Bot API call a script makes (Api.sendPhoto, Bot.editMessage, ...), not only
-- sendMessage, with the commands BB runs with the API's answer.
ALTER TABLE messages ADD COLUMN method TEXT NOT NULL DEFAULT 'sendMessage';
ALTER TABLE messages ADD COLUMN on_result TEXT;
ALTER TABLE messages ADD COLUMN on_error TEXT;

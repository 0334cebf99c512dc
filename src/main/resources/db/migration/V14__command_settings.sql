-- What Bots.Business keeps beside a command's code (aliases, answer, keyboard, help, ...), from its /*CMD header
-- or the admin API. Aliases are matched in memory from a per-bot index, so they need no index here.
ALTER TABLE commands ADD COLUMN settings JSONB NOT NULL DEFAULT '{}';

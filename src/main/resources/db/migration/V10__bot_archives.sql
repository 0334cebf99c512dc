-- Bots moved in from a Bots.Business export keep each command's file path and /*CMD ... CMD*/ header, and
-- the archive's other files (bot.json, README.md, libs/), so that an export gives the same files back.
ALTER TABLE commands ADD COLUMN file_path TEXT;
ALTER TABLE commands ADD COLUMN file_header TEXT;

CREATE TABLE bot_files (
    bot_id  BIGINT NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
    path    TEXT   NOT NULL,
    content BYTEA  NOT NULL,
    PRIMARY KEY (bot_id, path)
);

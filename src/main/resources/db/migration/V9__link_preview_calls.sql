-- Link previews (a chat app fetching a pasted webhook URL) are logged without running the command,
-- so that an author can see them beside the calls that ran.
ALTER TABLE webhook_calls DROP CONSTRAINT webhook_calls_origin_check;
ALTER TABLE webhook_calls ADD CONSTRAINT webhook_calls_origin_check
    CHECK (origin IN ('webhook', 'bot_run', 'link_preview'));

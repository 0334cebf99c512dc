-- BB's Auto Retry: a command whose auto_retry_time setting is a number of seconds runs on its own, without a user,
-- every that many seconds. A row per such command, kept by a trigger on commands, so every way a command is saved
-- (the API, an import) or deleted keeps it; a worker turns due rows into Bot.run jobs.
CREATE TABLE auto_retries (
    bot_id           BIGINT      NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
    command          TEXT        NOT NULL,
    interval_seconds BIGINT      NOT NULL,
    next_run_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (bot_id, command)
);
CREATE INDEX auto_retries_due ON auto_retries (next_run_at);

CREATE FUNCTION keep_auto_retry() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    seconds BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM auto_retries WHERE bot_id = OLD.bot_id AND command = OLD.name;
        RETURN NULL;
    END IF;
    -- BB writes the setting as text: a whole number of seconds, or nothing.
    IF NEW.settings->>'auto_retry_time' ~ '^\s*[0-9]{1,9}\s*$' THEN
        seconds := trim(NEW.settings->>'auto_retry_time')::BIGINT;
    END IF;
    IF seconds IS NULL OR seconds <= 0 THEN
        DELETE FROM auto_retries WHERE bot_id = NEW.bot_id AND command = NEW.name;
    ELSE
        INSERT INTO auto_retries (bot_id, command, interval_seconds, next_run_at)
        VALUES (NEW.bot_id, NEW.name, seconds, now() + make_interval(secs => seconds))
        ON CONFLICT (bot_id, command) DO UPDATE SET interval_seconds = EXCLUDED.interval_seconds,
            next_run_at = CASE WHEN auto_retries.interval_seconds = EXCLUDED.interval_seconds
                THEN auto_retries.next_run_at ELSE EXCLUDED.next_run_at END;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER commands_auto_retry AFTER INSERT OR UPDATE OR DELETE ON commands
    FOR EACH ROW EXECUTE FUNCTION keep_auto_retry();

-- Commands saved before this migration.
INSERT INTO auto_retries (bot_id, command, interval_seconds, next_run_at)
SELECT bot_id, name, trim(settings->>'auto_retry_time')::BIGINT,
       now() + make_interval(secs => trim(settings->>'auto_retry_time')::BIGINT)
FROM commands
WHERE settings->>'auto_retry_time' ~ '^\s*[0-9]{1,9}\s*$' AND trim(settings->>'auto_retry_time')::BIGINT > 0;

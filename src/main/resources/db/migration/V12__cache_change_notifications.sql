-- Every replica caches bots, commands and users for the webhook path. A change to one of them is
-- announced on the channel cache_changes (delivered at commit, to every listening replica), so that
-- each replica forgets its copy within a second instead of serving it until the TTL.
-- Payloads: "bots:<id>", "commands:<bot>:<name>", "users:<bot>:<id>", or "commands:<bot>" (all of that
-- bot's commands) when a name would not fit a notification.
CREATE FUNCTION notify_cache_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed RECORD;
    payload TEXT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := OLD;
    ELSE
        changed := NEW;
    END IF;
    IF TG_TABLE_NAME = 'bots' THEN
        payload := 'bots:' || changed.id;
    ELSE
        -- The rows a bot's deletion cascades to: nobody reads them once the bot is gone (ids are never
        -- reused), so a million users do not make a million notifications.
        IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM bots WHERE id = changed.bot_id) THEN
            RETURN NULL;
        END IF;
        IF TG_TABLE_NAME = 'commands' THEN
            payload := 'commands:' || changed.bot_id || ':' || changed.name;
            -- A notification holds less than 8000 bytes; more would fail the transaction.
            IF octet_length(payload) > 7000 THEN
                payload := 'commands:' || changed.bot_id;
            END IF;
        ELSE
            payload := 'users:' || changed.bot_id || ':' || changed.id;
        END IF;
    END IF;
    PERFORM pg_notify('cache_changes', payload);
    RETURN NULL;
END
$$;

CREATE TRIGGER bots_cache_change AFTER INSERT OR UPDATE OR DELETE ON bots
    FOR EACH ROW EXECUTE FUNCTION notify_cache_change();
CREATE TRIGGER commands_cache_change AFTER INSERT OR UPDATE OR DELETE ON commands
    FOR EACH ROW EXECUTE FUNCTION notify_cache_change();
CREATE TRIGGER users_cache_change AFTER INSERT OR UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION notify_cache_change();

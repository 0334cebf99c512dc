-- Bot.blockChat stores a bot property named BB_blockedChat_<chat id>; a user is read with whether its chat is
-- blocked. Setting or deleting such a property makes every replica forget the bot's cached users ("users:<bot>"),
-- so a block holds on every replica within a second, not after the cache's TTL.
CREATE FUNCTION notify_blocked_chat_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed RECORD;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := OLD;
    ELSE
        changed := NEW;
    END IF;
    IF changed.user_id IS NULL AND changed.name LIKE 'BB\_blockedChat\_%' THEN
        IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM bots WHERE id = changed.bot_id) THEN
            RETURN NULL;
        END IF;
        PERFORM pg_notify('cache_changes', 'users:' || changed.bot_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER properties_blocked_chat_change AFTER INSERT OR DELETE ON properties
    FOR EACH ROW EXECUTE FUNCTION notify_blocked_chat_change();

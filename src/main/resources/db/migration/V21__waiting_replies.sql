-- BB's "Wait for answer": a command with need_reply sends its question and keeps the user's property BB_waitingReply
-- ({command, options}); the user's next text that calls no command runs it. A user is read with its waiting reply
-- (the webhook path caches users), so a change to that property makes every replica forget that user's copy.
CREATE FUNCTION notify_waiting_reply_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed RECORD;
BEGIN
    IF TG_OP = 'DELETE' THEN
        changed := OLD;
    ELSE
        changed := NEW;
    END IF;
    IF changed.user_id IS NOT NULL AND changed.name = 'BB_waitingReply' THEN
        IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM bots WHERE id = changed.bot_id) THEN
            RETURN NULL;
        END IF;
        PERFORM pg_notify('cache_changes', 'users:' || changed.bot_id || ':' || changed.user_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER properties_waiting_reply_change AFTER INSERT OR UPDATE OR DELETE ON properties
    FOR EACH ROW EXECUTE FUNCTION notify_waiting_reply_change();

-- BB's Lists (new List({name}) in BJS): named collections of properties and users, the bot's own or a user's
-- (user_id). Two partial keys, as for properties, so that PostgreSQL 14 serves too.
CREATE TABLE bjs_lists (
    id         BIGSERIAL   PRIMARY KEY,
    bot_id     BIGINT      NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
    user_id    BIGINT,
    name       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX bjs_lists_of_bot ON bjs_lists (bot_id, name) WHERE user_id IS NULL;
CREATE UNIQUE INDEX bjs_lists_of_user ON bjs_lists (bot_id, user_id, name) WHERE user_id IS NOT NULL;

-- An entry is a property (property_user_id NULL: the bot's property) or a user of the bot (member_user_id). A
-- property's value is read from properties, so a list never holds a stale copy; an entry whose property was deleted
-- is not shown. The id orders entries as they were added (BB's default order).
CREATE TABLE bjs_list_entries (
    id               BIGSERIAL   PRIMARY KEY,
    list_id          BIGINT      NOT NULL REFERENCES bjs_lists (id) ON DELETE CASCADE,
    member_user_id   BIGINT,
    property_user_id BIGINT,
    property_name    TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((member_user_id IS NULL) <> (property_name IS NULL))
);
CREATE UNIQUE INDEX bjs_list_users ON bjs_list_entries (list_id, member_user_id) WHERE member_user_id IS NOT NULL;
CREATE UNIQUE INDEX bjs_list_bot_properties ON bjs_list_entries (list_id, property_name)
    WHERE property_name IS NOT NULL AND property_user_id IS NULL;
CREATE UNIQUE INDEX bjs_list_user_properties ON bjs_list_entries (list_id, property_user_id, property_name)
    WHERE property_name IS NOT NULL AND property_user_id IS NOT NULL;

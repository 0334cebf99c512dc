-- Idempotent deliveries: one row per (bot, scope, delivery id). A row is 'running' while its first
-- delivery runs (claimed by `token` until `claimed_until`, after which another delivery may take it
-- over: the owner crashed), then 'done' with the stored answer, replayed until `expires_at`.
-- `scope` is the command and user of the URL, so the same provider event sent to two URLs runs both.
CREATE TABLE idempotency_keys (
    bot_id        BIGINT      NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
    scope         TEXT        NOT NULL,
    key           TEXT        NOT NULL,
    state         TEXT        NOT NULL CHECK (state IN ('running', 'done')),
    token         UUID        NOT NULL,
    claimed_until TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    call_id       BIGINT,
    status        INT,
    content_type  TEXT,
    headers       JSONB,
    body          BYTEA,
    PRIMARY KEY (bot_id, scope, key)
);
CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);

-- A call run again from the call log names the call it replays.
ALTER TABLE webhook_calls ADD COLUMN replay_of BIGINT;

-- Bots: settings as JSON, the API key stored as a SHA-256 hash (keys are random, 256 bits),
-- the webhook secret that keys every URL signature.
CREATE TABLE bots (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    api_key_hash   BYTEA       NOT NULL UNIQUE,
    webhook_secret BYTEA       NOT NULL,
    settings       JSONB       NOT NULL DEFAULT '{}',
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One global sequence, so a command deleted and created again never reuses a version
-- (compiled scripts are cached by version).
CREATE SEQUENCE command_versions;

CREATE TABLE commands (
    bot_id     BIGINT      NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
    name       TEXT        NOT NULL,
    code       TEXT        NOT NULL,
    version    BIGINT      NOT NULL DEFAULT nextval('command_versions'),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (bot_id, name)
);

CREATE TABLE users (
    bot_id     BIGINT      NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
    id         BIGINT      NOT NULL,
    data       JSONB       NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (bot_id, id)
);

-- user_id NULL = a bot-scoped property. Two partial keys rather than NULLS NOT DISTINCT, so that
-- PostgreSQL 14 serves too.
CREATE TABLE properties (
    bot_id     BIGINT      NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
    user_id    BIGINT,
    name       TEXT        NOT NULL,
    type       TEXT        NOT NULL,
    value      JSONB       NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX properties_of_bot ON properties (bot_id, name) WHERE user_id IS NULL;
CREATE UNIQUE INDEX properties_of_user ON properties (bot_id, user_id, name) WHERE user_id IS NOT NULL;

-- Bodies are bytes: a webhook body may be binary, or text PostgreSQL's TEXT cannot hold (NUL).
-- The id comes from its own sequence: a run takes it before the insert, because the answer
-- (stored with the record) names it.
CREATE SEQUENCE webhook_call_ids;

CREATE TABLE webhook_calls (
    id              BIGINT      PRIMARY KEY DEFAULT nextval('webhook_call_ids'),
    bot_id          BIGINT      NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
    command         TEXT,
    user_id         BIGINT,
    method          TEXT        NOT NULL,
    url             TEXT        NOT NULL,
    ip              TEXT,
    request_headers JSONB       NOT NULL DEFAULT '{}',
    request_body    BYTEA,
    status          INT         NOT NULL,
    response_body   BYTEA,
    error_kind      TEXT,
    error           TEXT,
    cpu_ms          INT,
    duration_ms     INT         NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX webhook_calls_by_bot ON webhook_calls (bot_id, id DESC);

-- The outbox: messages of committed runs, delivered afterwards.
CREATE TABLE messages (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bot_id     BIGINT      NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
    call_id    BIGINT      REFERENCES webhook_calls (id) ON DELETE SET NULL,
    user_id    BIGINT,
    chat_id    TEXT        NOT NULL,
    text       TEXT        NOT NULL,
    options    JSONB       NOT NULL DEFAULT '{}',
    status     TEXT        NOT NULL DEFAULT 'pending',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX messages_by_bot ON messages (bot_id, id DESC);
CREATE INDEX messages_by_user ON messages (bot_id, user_id, id DESC);

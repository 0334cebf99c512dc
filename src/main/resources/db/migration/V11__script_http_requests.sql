-- HTTP requests of scripts (HTTP.get/post/...): stored with the run's commit, sent afterwards by a
-- worker (at least once: a crash between sending and recording re-sends), whose success or error
-- command then runs as a job with the response as its content.
CREATE TABLE http_requests (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bot_id           BIGINT      NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
    call_id          BIGINT      REFERENCES webhook_calls (id) ON DELETE SET NULL,
    user_id          BIGINT,
    method           TEXT        NOT NULL,
    url              TEXT        NOT NULL,
    headers          JSONB       NOT NULL DEFAULT '{}',
    body             BYTEA,
    follow_redirects BOOLEAN     NOT NULL DEFAULT false,
    success_command  TEXT,
    error_command    TEXT,
    status           TEXT        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
    attempts         INT         NOT NULL DEFAULT 0,
    claim            UUID,
    claimed_until    TIMESTAMPTZ,
    response_status  INT,
    error            TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at      TIMESTAMPTZ
);
CREATE INDEX http_requests_pending ON http_requests (id) WHERE status = 'pending';

-- A job's content: the response body an HTTP callback command gets as `content`.
ALTER TABLE scheduled_runs ADD COLUMN content TEXT;

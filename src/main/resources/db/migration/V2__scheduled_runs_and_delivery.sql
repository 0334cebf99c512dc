-- Where a call came from: a webhook request, or a Bot.run job. A job has no HTTP request.
ALTER TABLE webhook_calls
    ADD COLUMN origin TEXT NOT NULL DEFAULT 'webhook' CHECK (origin IN ('webhook', 'bot_run')),
    ALTER COLUMN method DROP NOT NULL,
    ALTER COLUMN url DROP NOT NULL;

-- Bot.run jobs. A worker claims due ones with FOR UPDATE SKIP LOCKED and a lease (claimed_until,
-- claim): a crashed worker's job is claimed again once its lease ends, and a worker that lost its
-- lease cannot complete the job (the completion checks the claim in the run's own transaction).
CREATE TABLE scheduled_runs (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bot_id         BIGINT      NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
    command        TEXT        NOT NULL,
    user_id        BIGINT,
    options        JSONB,
    label          TEXT,
    run_at         TIMESTAMPTZ NOT NULL,
    status         TEXT        NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'done', 'failed', 'cancelled')),
    attempts       INT         NOT NULL DEFAULT 0,
    claim          UUID,
    claimed_until  TIMESTAMPTZ,
    created_by_call BIGINT     REFERENCES webhook_calls (id) ON DELETE SET NULL,
    call_id        BIGINT      REFERENCES webhook_calls (id) ON DELETE SET NULL,
    error          TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at    TIMESTAMPTZ
);
-- What the workers poll: due pending jobs.
CREATE INDEX scheduled_runs_due ON scheduled_runs (run_at) WHERE status = 'pending';
-- Bot.clearRunAfter and the admin list.
CREATE INDEX scheduled_runs_pending_by_bot ON scheduled_runs (bot_id, label) WHERE status = 'pending';
CREATE INDEX scheduled_runs_by_bot ON scheduled_runs (bot_id, id DESC);

-- Delivery state of the outbox. status: pending (to send), sent, failed (permanently, see error),
-- stored (the bot has no chat token: kept as its chat log only).
ALTER TABLE messages
    ADD COLUMN attempts        INT         NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN claimed_until   TIMESTAMPTZ,
    ADD COLUMN error           TEXT,
    ADD COLUMN sent_at         TIMESTAMPTZ,
    ADD CONSTRAINT messages_status CHECK (status IN ('pending', 'sent', 'failed', 'stored'));
-- What the delivery worker polls, and the "no earlier message of this chat is pending" check that
-- keeps each chat in order.
CREATE INDEX messages_pending ON messages (id) WHERE status = 'pending';
CREATE INDEX messages_pending_by_chat ON messages (bot_id, chat_id, id) WHERE status = 'pending';

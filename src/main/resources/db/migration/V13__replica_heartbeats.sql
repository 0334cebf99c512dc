-- Each running replica beats here about every second. Replicas of one group count those heard from
-- lately and take their share of each bot's rate limit and of the ban threshold, so that the limits
-- hold for the whole deployment however many replicas the autoscaler runs.
CREATE TABLE replicas (
    id         UUID        PRIMARY KEY,
    grp        TEXT        NOT NULL,
    host       TEXT        NOT NULL,
    started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    seen_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX replicas_by_group ON replicas (grp, seen_at);

-- Jobs that ran, failed or were cancelled are deleted after webhooks.scheduled-runs.retention (a broadcast leaves one
-- per user): the sweep finds them by when they finished.
CREATE INDEX scheduled_runs_finished ON scheduled_runs (finished_at) WHERE status <> 'pending';

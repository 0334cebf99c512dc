-- What a call wrote to properties, for the console's view of a call: the properties table keeps only the latest
-- value, so a call's own writes are kept with it (bounded, see run.PropertyWrites). NULL: it wrote none.
ALTER TABLE webhook_calls ADD COLUMN property_writes JSONB;

-- A call's messages and jobs are found by the call that made them (the call view's effects); the same indexes let
-- the call log's retention sweep set those references to NULL without scanning the outbox and the jobs.
CREATE INDEX messages_by_call ON messages (call_id) WHERE call_id IS NOT NULL;
CREATE INDEX scheduled_runs_by_creating_call ON scheduled_runs (created_by_call) WHERE created_by_call IS NOT NULL;

-- Calls per minute of one bot over the last hours (the console's chart) read a range of one bot's calls by time.
CREATE INDEX webhook_calls_by_bot_and_time ON webhook_calls (bot_id, received_at);

-- The call log's retention sweep deletes by age.
CREATE INDEX webhook_calls_by_age ON webhook_calls (received_at);

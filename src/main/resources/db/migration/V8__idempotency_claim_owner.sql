-- Who holds a running claim: the instance (host and port) and the process incarnation. A restarted
-- instance deletes the running claims of its earlier incarnations at once, instead of leaving their
-- redeliveries to wait for the lease to lapse.
ALTER TABLE idempotency_keys ADD COLUMN owner TEXT;
ALTER TABLE idempotency_keys ADD COLUMN incarnation UUID;

-- Every write of a property gives it a new version from one sequence (never reused, so a property
-- deleted and written again cannot look unchanged). A run records the versions it read; its commit
-- checks them, so concurrent read-modify-write runs of one property are serializable.
CREATE SEQUENCE property_versions;
ALTER TABLE properties ADD COLUMN version BIGINT NOT NULL DEFAULT nextval('property_versions');

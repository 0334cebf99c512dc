-- Code Rhino cannot parse as written (classes, async/await, object rest...) is transpiled when saved; the author's
-- code stays in `code` (what the API returns), what the engine runs goes here. NULL: `code` runs as written.
ALTER TABLE commands ADD COLUMN runnable_code TEXT;

-- Kept in step with the SQLite schema, which rotates refresh tokens with a trigger on this
-- column. PostgreSQL rotates with a data-modifying CTE instead and leaves it NULL.
ALTER TABLE refresh_tokens ADD COLUMN predecessor_hash TEXT;

-- Refresh-token rotation in one statement: inserting a successor with `predecessor_hash` marks
-- the predecessor used in the same statement (SQLite has no data-modifying CTE). One write per
-- refresh keeps SQLite's single writer free twice as long.
ALTER TABLE refresh_tokens ADD COLUMN predecessor_hash TEXT;
CREATE TRIGGER refresh_tokens_rotate AFTER INSERT ON refresh_tokens
WHEN NEW.predecessor_hash IS NOT NULL
BEGIN
    UPDATE refresh_tokens SET used_at = NEW.issued_at, successor_hash = NEW.token_hash
    WHERE token_hash = NEW.predecessor_hash;
END;

-- Signing keys by kid. The newest key without `retired_at` signs; a retired key stays in the JWKS
-- (and verifies) until `retire_after`, the latest expiry of anything it can have signed, then
-- leaves. The key of `server_secrets.signing_key` is copied here at start (keys::Keys::load).
CREATE TABLE signing_keys (
    kid TEXT PRIMARY KEY,
    seed TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    retired_at BIGINT,
    retire_after BIGINT
);

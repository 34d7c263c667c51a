-- The User Management web portal (/admin). A session is tied to the token family its sign-in
-- opened: whatever ends that family (sign-out, a password reset, removal from the organization)
-- ends the portal session too. Only hashes of the cookie's token are stored.
CREATE TABLE admin_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    family_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX admin_sessions_user ON admin_sessions (user_id);
-- A bulk file between its check and its import: kept for its session only, removed on import
-- and by housekeeping after an hour.
CREATE TABLE admin_uploads (
    id TEXT PRIMARY KEY,
    session_hash TEXT NOT NULL REFERENCES admin_sessions(token_hash) ON DELETE CASCADE,
    org_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content BLOB NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX admin_uploads_session ON admin_uploads (session_hash);

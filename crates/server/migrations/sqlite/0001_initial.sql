-- Latchkey server schema, SQLite dialect. Never edit a landed migration: add a new one.
-- Times are Unix seconds (BIGINT); flags are 0/1 BIGINTs so both databases read them alike.
CREATE TABLE orgs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    offline_grace_days BIGINT NOT NULL DEFAULT 7,
    created_at BIGINT NOT NULL
);
CREATE TABLE subscriptions (
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    product TEXT NOT NULL,
    expires_at BIGINT,
    PRIMARY KEY (org_id, product)
);
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    email_key TEXT NOT NULL UNIQUE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    country TEXT NOT NULL,
    language TEXT NOT NULL,
    org_id TEXT REFERENCES orgs(id),
    password_hash TEXT,
    email_verified BIGINT NOT NULL DEFAULT 0,
    tos_accepted_version TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX users_org ON users(org_id);
CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);
CREATE TABLE domains (
    domain TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    verified BIGINT NOT NULL DEFAULT 0,
    auto_approve BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE TABLE join_requests (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);
-- One live code per address: a newer code replaces the older one.
CREATE TABLE codes (
    address TEXT PRIMARY KEY,
    code_mac TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    registration TEXT
);
CREATE TABLE rate_counters (
    key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    count BIGINT NOT NULL
);
CREATE TABLE signin_lockouts (
    address TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    lock_count BIGINT NOT NULL,
    locked_until BIGINT NOT NULL
);
CREATE TABLE token_families (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    client TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_reason TEXT
);
CREATE INDEX token_families_user ON token_families(user_id);
CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    family_id TEXT NOT NULL REFERENCES token_families(id) ON DELETE CASCADE,
    issued_at BIGINT NOT NULL,
    used_at BIGINT,
    successor_hash TEXT
);
CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id);
CREATE TABLE tos_versions (
    version TEXT NOT NULL,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    PRIMARY KEY (version, lang)
);
CREATE TABLE tos_tickets (
    ticket_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    refresh_token_hash TEXT,
    audience TEXT,
    client TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE TABLE tos_acceptances (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    accepted_at BIGINT NOT NULL,
    client TEXT NOT NULL
);
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    event TEXT NOT NULL,
    user_id TEXT,
    address TEXT,
    ip TEXT,
    detail TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL,
    recipient TEXT NOT NULL,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    locked_until BIGINT,
    sent_at BIGINT,
    failed_at BIGINT,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox(sent_at, next_attempt_at);
CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- Software delivery. A release is one installer of one version of a product for one platform; its
-- file lives in the release store under its SHA-256 (the data folder by default). The signed
-- manifest is not stored: it is signed when offered, with the current key, so that a key
-- rotation never strands an old release.
CREATE TABLE releases (
    id TEXT PRIMARY KEY,
    product TEXT NOT NULL,
    version TEXT NOT NULL,
    platform TEXT NOT NULL,
    file_name TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    package_id TEXT NOT NULL,
    notes TEXT,
    published_at BIGINT NOT NULL,
    yanked_at BIGINT,
    UNIQUE (product, version, platform)
);

-- What an organization lets its members install, per product (a product without a row: allowed,
-- latest version). `allowed` is 0/1.
CREATE TABLE org_software (
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    product TEXT NOT NULL,
    allowed BIGINT NOT NULL,
    pinned_version TEXT,
    PRIMARY KEY (org_id, product)
);

-- Latchkey's own update channel for the organization's members: auto, notify or off.
ALTER TABLE orgs ADD COLUMN update_channel TEXT NOT NULL DEFAULT 'auto';

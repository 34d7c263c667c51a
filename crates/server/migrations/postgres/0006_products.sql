-- Products' display names ("Acme Design Suite" for `acme-design`), set by the operator. Subscriptions
-- and entitlements keep naming a product by its identifier; a product without a row here is shown
-- by its identifier.
CREATE TABLE products (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

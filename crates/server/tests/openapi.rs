//! The committed OpenAPI document (`openapi/backend.json`) is the one the code generates.
//! `make openapi` rewrites it.

use std::path::Path;

#[test]
fn committed_openapi_document_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../openapi/backend.json");
    let generated = latchkey_server::openapi_document() + "\n";
    if std::env::var_os("LATCHKEY_UPDATE_OPENAPI").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == generated, "openapi/backend.json is stale: run `make openapi` and commit the result");
}

#[test]
fn the_document_is_openapi_3_1_and_covers_the_contract() {
    let document: serde_json::Value = serde_json::from_str(&latchkey_server::openapi_document()).unwrap();
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/v1/password/policy",
        "/v1/register",
        "/v1/password/forgot",
        "/v1/password/reset",
        "/v1/sessions",
        "/v1/tos/current",
        "/v1/tos/accept",
        "/v1/token",
        "/v1/sessions/revoke",
        "/v1/me",
        "/v1/entitlements",
        "/oauth2/token",
        "/oauth2/revoke",
        "/.well-known/openid-configuration",
        "/.well-known/jwks.json",
        "/healthz",
        "/readyz",
        "/metrics",
        "/v1/operator/orgs",
        "/v1/operator/tos",
        "/v1/operator/orgs/{org}/users:bulk",
        "/v1/roles",
        "/v1/orgs/{org}",
        "/v1/orgs/{org}/users",
        "/v1/orgs/{org}/users:bulk",
        "/v1/orgs/{org}/users/{user}/roles",
        "/v1/orgs/{org}/users/{user}",
        "/v1/orgs/{org}/domains",
        "/v1/orgs/{org}/domains/{domain}",
        "/v1/orgs/{org}/requests",
        "/v1/orgs/{org}/requests/{id}/approve",
        "/v1/orgs/{org}/requests/{id}/reject",
    ] {
        assert!(document["paths"].get(path).is_some(), "{path} is missing from the OpenAPI document");
    }
}

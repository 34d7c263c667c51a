//! The committed local API document (`openapi/local.json`) is the one the code generates, and
//! every route of the router is in it. `make openapi` rewrites it.

use std::path::Path;

#[test]
fn committed_local_api_document_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../openapi/local.json");
    let generated = latchkey_agent::openapi::document().to_owned() + "\n";
    if std::env::var_os("LATCHKEY_UPDATE_OPENAPI").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == generated, "openapi/local.json is stale: run `make openapi` and commit the result");
}

#[test]
fn every_route_of_the_router_is_documented() {
    let document: serde_json::Value = serde_json::from_str(latchkey_agent::openapi::document()).unwrap();
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    let source = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api.rs")).unwrap();
    let routes: Vec<(String, String)> = source
        .lines()
        .filter_map(|line| line.trim().strip_prefix(".route(\""))
        .map(|rest| {
            let (path, handler) = rest.split_once("\", ").unwrap();
            let method = handler.split('(').next().unwrap().to_owned();
            (path.to_owned(), method)
        })
        .collect();
    assert!(routes.len() >= 13, "{routes:?}");
    for (path, method) in &routes {
        assert!(document["paths"][path][method].is_object(), "{method} {path} is served but not in the OpenAPI document");
    }
    let documented = document["paths"].as_object().unwrap().len();
    assert_eq!(documented, routes.len(), "the document lists a path the router does not serve");
}

//! The committed C header is what cbindgen makes of the library today: a change to the boundary
//! that forgets the header fails here. `LATCHKEY_UPDATE_HEADER=1` rewrites it.

use std::path::Path;

#[test]
fn the_committed_header_matches_the_library() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")).unwrap();
    let mut fresh = Vec::new();
    cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .expect("cbindgen reads crates/ffi/src/lib.rs")
        .write(&mut fresh);
    let fresh = String::from_utf8(fresh).unwrap();
    let path = crate_dir.join("include/latchkey.h");
    if std::env::var_os("LATCHKEY_UPDATE_HEADER").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "crates/ffi/include/latchkey.h is stale: run `LATCHKEY_UPDATE_HEADER=1 cargo test -p latchkey-ffi --test header`"
    );
}

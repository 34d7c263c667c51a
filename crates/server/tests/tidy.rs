//! Tidy checks of the workspace, as ordinary tests: every source file says what it is for, and
//! the boundary crates keep their dependency allow-lists.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_source_file_opens_with_a_doc_line() {
    let mut files = Vec::new();
    rust_files(&root().join("crates"), &mut files);
    assert!(files.len() > 10);
    let missing: Vec<_> = files.iter().filter(|f| !std::fs::read_to_string(f).unwrap().starts_with("//!")).collect();
    assert!(missing.is_empty(), "these files do not open with a `//!` line saying what they are for: {missing:?}");
}

fn dependencies(manifest: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).unwrap();
    let table: toml::Table = text.parse().unwrap();
    table.get("dependencies").and_then(|d| d.as_table()).map(|d| d.keys().cloned().collect()).unwrap_or_default()
}

#[test]
fn protocol_depends_on_serde_only() {
    let deps = dependencies(&root().join("crates/protocol/Cargo.toml"));
    for dep in &deps {
        // serde, and the optional schema derives: utoipa (the OpenAPI documents), ts-rs (the window's TypeScript types)
        assert!(
            ["serde", "serde_json", "utoipa", "ts-rs"].contains(&dep.as_str()),
            "crates/protocol must stay serde-only, but depends on {dep}"
        );
    }
}

#[test]
fn core_is_pure() {
    // `core` knows nothing about HTTP, databases, the keyring or Tauri: no dependencies at all.
    let deps = dependencies(&root().join("crates/core/Cargo.toml"));
    assert!(deps.is_empty(), "crates/core must stay free of I/O crates, but depends on {deps:?}");
    let mut files = Vec::new();
    rust_files(&root().join("crates/core/src"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for forbidden in ["SystemTime::now", "Instant::now", "std::fs", "std::net", "std::env"] {
            assert!(!text.contains(forbidden), "{} uses {forbidden}: core takes time and input as arguments", file.display());
        }
    }
}

#[test]
fn unsafe_code_is_allowed_in_the_windows_transport_alone() {
    let mut files = Vec::new();
    for dir in ["crates", "bench", "fuzz/src"] {
        rust_files(&root().join(dir), &mut files);
    }
    let allowing: Vec<_> = files
        .iter()
        .filter(|f| std::fs::read_to_string(f).unwrap().contains(concat!("allow(", "unsafe_code)")))
        .map(|f| f.strip_prefix(root()).unwrap().display().to_string())
        .collect();
    assert_eq!(allowing, ["crates/transport/src/windows.rs"], "`unsafe` is denied everywhere but the Win32 FFI of the named pipe");
}

#[test]
fn the_transport_and_config_crates_stay_free_of_c_dependencies() {
    // So that `cargo check --target` for Windows and macOS works on Linux (make check-platforms).
    for (krate, allowed) in [("transport", &["thiserror", "tokio", "tracing"][..]), ("config", &["serde", "toml", "url"][..])] {
        let deps = dependencies(&root().join(format!("crates/{krate}/Cargo.toml")));
        for dep in &deps {
            assert!(
                allowed.contains(&dep.as_str()),
                "crates/{krate} gained the dependency {dep}: check that it builds for every target without a C compiler"
            );
        }
    }
}

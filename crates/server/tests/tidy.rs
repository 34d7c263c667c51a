//! Tidy checks of the workspace, as ordinary tests: every source file says what it is for, the
//! boundary crates keep their dependency allow-lists, and no two modules of a crate import each
//! other.

use std::collections::{BTreeMap, BTreeSet, HashMap};
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
fn unsafe_code_is_allowed_in_the_platform_transports_and_the_c_library_alone() {
    let mut files = Vec::new();
    for dir in ["crates", "bench", "fuzz/src"] {
        rust_files(&root().join(dir), &mut files);
    }
    let mut allowing: Vec<_> = files
        .iter()
        .filter(|f| std::fs::read_to_string(f).unwrap().contains(concat!("allow(", "unsafe_code)")))
        .map(|f| f.strip_prefix(root()).unwrap().display().to_string())
        .collect();
    allowing.sort();
    assert_eq!(
        allowing,
        ["crates/ffi/src/lib.rs", "crates/transport/src/macos.rs", "crates/transport/src/windows.rs"],
        "`unsafe` is denied everywhere but the C library's boundary, the Win32 FFI of the named pipe and macOS's proc_pidpath"
    );
}

#[test]
fn the_transport_and_config_crates_stay_free_of_c_dependencies() {
    // So that `cargo check --target` for Windows and macOS works on Linux (make check-platforms).
    // The protocol crate is serde only (config reads its one language table).
    for (krate, allowed) in
        [("transport", &["thiserror", "tokio", "tracing"][..]), ("config", &["latchkey-protocol", "serde", "toml", "url"][..])]
    {
        let deps = dependencies(&root().join(format!("crates/{krate}/Cargo.toml")));
        for dep in &deps {
            assert!(
                allowed.contains(&dep.as_str()),
                "crates/{krate} gained the dependency {dep}: check that it builds for every target without a C compiler"
            );
        }
    }
}

/// The module of `file` under `src`, as path segments (`routes/admin.rs` is `routes::admin`,
/// `routes/mod.rs` is `routes`, `lib.rs` and `main.rs` are the crate root).
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut segments: Vec<String> = relative.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    if segments.last().is_some_and(|s| s == "mod") || segments == ["lib"] || segments == ["main"] {
        segments.pop();
    }
    segments
}

/// The code of a file without its comments and its `#[cfg(test)]` module (tests may use anything).
fn code_of(text: &str) -> String {
    let text = text.find("#[cfg(test)]").map_or(text, |at| &text[..at]);
    text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// Every path the code names from `crate::` or `super::`, as (how many `super`s, or `None` for
/// `crate`; the segments), with `use` groups expanded one level (`crate::{a, b::c}`).
fn named_paths(code: &str) -> Vec<(Option<usize>, Vec<String>)> {
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while let Some(offset) = code[at..].find("::") {
        let colons = at + offset;
        at = colons + 2;
        // The word before the first `::` of a path: `crate`, or a run of `super::super`.
        let head_start = code[..colons].rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).map_or(0, |i| i + 1);
        let head = &code[head_start..colons];
        let supers = head.split("::").filter(|s| *s == "super").count();
        let base = if head == "crate" {
            None
        } else if supers > 0 && head.split("::").all(|s| s == "super") {
            Some(supers)
        } else {
            continue;
        };
        if head_start > 0 && bytes[head_start - 1] == b':' {
            continue;
        }
        // The segments after it, up to a group or the end of the path.
        let mut segments = Vec::new();
        let mut rest = &code[at..];
        loop {
            if let Some(group) = rest.strip_prefix('{') {
                let mut depth = 1;
                let end = group.char_indices().find(|(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                });
                let inner = &group[..end.map_or(group.len(), |(i, _)| i)];
                let mut depth = 0;
                let mut item = String::new();
                for c in inner.chars().chain(std::iter::once(',')) {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            let name = ident(item.trim_start());
                            if !name.is_empty() {
                                let mut path = segments.clone();
                                path.push(name);
                                found.push((base, path));
                            }
                            item.clear();
                            continue;
                        }
                        _ => {}
                    }
                    item.push(c);
                }
                break;
            }
            let name = ident(rest);
            if name.is_empty() || name == "super" {
                found.push((base, segments));
                break;
            }
            rest = &rest[name.len()..];
            segments.push(name);
            match rest.strip_prefix("::") {
                Some(more) => rest = more,
                None => {
                    found.push((base, segments));
                    break;
                }
            }
        }
    }
    found
}

/// Tarjan's strongly connected components of the module graph; any with two or more modules is a
/// cycle.
struct Walk<'a> {
    edges: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
    index: HashMap<Vec<String>, (usize, usize)>,
    stack: Vec<Vec<String>>,
    cycles: Vec<Vec<String>>,
}
impl Walk<'_> {
    fn visit(&mut self, node: &Vec<String>) {
        let n = self.index.len();
        self.index.insert(node.clone(), (n, n));
        self.stack.push(node.clone());
        for next in self.edges.get(node).into_iter().flatten() {
            if !self.index.contains_key(next) {
                self.visit(next);
                let low = self.index[next].1.min(self.index[node].1);
                self.index.get_mut(node).unwrap().1 = low;
            } else if self.stack.contains(next) {
                let low = self.index[next].0.min(self.index[node].1);
                self.index.get_mut(node).unwrap().1 = low;
            }
        }
        if self.index[node].0 == self.index[node].1 {
            let at = self.stack.iter().rposition(|m| m == node).unwrap();
            let mut component: Vec<String> = self.stack.drain(at..).map(|m| m.join("::")).collect();
            component.sort();
            if component.len() > 1 {
                self.cycles.push(component);
            }
        }
    }
}

/// The import cycles between sibling modules of the crate in `src`: each edge `a → b` is lifted
/// to the children of their nearest common module (so `routes::admin` using `portal::x` is
/// `routes → portal`); a module using its own parent or child is no edge.
fn module_cycles(src: &Path) -> Vec<Vec<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.retain(|f| !f.strip_prefix(src).unwrap().starts_with("bin"));
    let modules: BTreeMap<Vec<String>, &PathBuf> = files.iter().map(|f| (module_of(src, f), f)).collect();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (module, file) in &modules {
        for (base, segments) in named_paths(&code_of(&std::fs::read_to_string(file).unwrap())) {
            let mut full: Vec<String> = match base {
                None => Vec::new(),
                Some(supers) => module[..module.len().saturating_sub(supers)].to_vec(),
            };
            full.extend(segments);
            let target = (0..=full.len()).rev().map(|n| full[..n].to_vec()).find(|prefix| modules.contains_key(prefix)).unwrap_or_default();
            let common = module.iter().zip(&target).take_while(|(a, b)| a == b).count();
            if common == module.len() || common == target.len() {
                continue; // the module itself, an ancestor or a descendant
            }
            edges.entry(module[..=common].to_vec()).or_default().insert(target[..=common].to_vec());
        }
    }
    let mut walk = Walk { edges: &edges, index: HashMap::new(), stack: Vec::new(), cycles: Vec::new() };
    for node in edges.keys() {
        if !walk.index.contains_key(node) {
            walk.visit(node);
        }
    }
    walk.cycles
}

#[test]
fn no_crate_has_an_import_cycle_between_its_modules() {
    let mut sources: Vec<PathBuf> = std::fs::read_dir(root().join("crates")).unwrap().flatten().map(|e| e.path().join("src")).collect();
    sources.push(root().join("src-tauri/src"));
    sources.retain(|s| s.is_dir());
    assert!(sources.len() > 8, "{sources:?}");
    let cycles: Vec<_> = sources
        .iter()
        .flat_map(|src| module_cycles(src).into_iter().map(move |c| (src.strip_prefix(root()).unwrap().display().to_string(), c)))
        .collect();
    assert!(cycles.is_empty(), "modules that import each other (move what both need into a module of its own): {cycles:?}");
}

#[test]
fn the_cycle_check_finds_a_cycle_and_reads_groups_and_supers() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    std::fs::create_dir_all(src.join("routes")).unwrap();
    std::fs::write(src.join("lib.rs"), "//! root\npub mod routes; pub mod portal; pub mod http;\n").unwrap();
    std::fs::write(src.join("routes/mod.rs"), "//! r\nmod admin;\nuse crate::{http::Json, portal};\n").unwrap();
    std::fs::write(src.join("routes/admin.rs"), "//! a\nuse super::super::http;\n// crate::portal in a comment is no edge\n").unwrap();
    std::fs::write(src.join("portal.rs"), "//! p\nfn f() { crate::routes::admin::x(); }\n").unwrap();
    std::fs::write(src.join("http.rs"), "//! h\n#[cfg(test)]\nmod tests { use crate::portal; }\n").unwrap();
    assert_eq!(module_cycles(src), vec![vec!["portal".to_owned(), "routes".to_owned()]]);
    std::fs::write(src.join("portal.rs"), "//! p\nuse crate::http;\n").unwrap();
    assert_eq!(module_cycles(src), Vec::<Vec<String>>::new());
}

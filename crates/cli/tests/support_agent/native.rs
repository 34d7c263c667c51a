//! Native callers of the agent for the end-to-end tests: liblatchkey built as the packages ship
//! it (`cargo build -p latchkey-ffi`), and the C example compiled against its committed header
//! with the system's compiler.

use std::path::{Path, PathBuf};
use std::process::Command;

use latchkey_test_support as support;

pub use support::native_library_dir as library_dir;

/// Compiles `examples/c/latchkey_example.c` into `out` with `cc -Werror`. `variant` changes one
/// printed string, so two variants are two different executables (by SHA-256).
pub fn build_c_example(out: &Path, variant: &str) -> PathBuf {
    let root = support::workspace_root();
    let lib = library_dir();
    let output = Command::new("cc")
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-pthread"])
        .arg(format!("-DLATCHKEY_EXAMPLE_VARIANT=\"{variant}\""))
        .arg("-I")
        .arg(root.join("crates/ffi/include"))
        .arg(root.join("examples/c/latchkey_example.c"))
        .arg("-L")
        .arg(lib)
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .args(["-llatchkey", "-o"])
        .arg(out)
        .output()
        .expect("cc runs (make test installs build-essential)");
    assert!(output.status.success(), "cc failed: {}", String::from_utf8_lossy(&output.stderr));
    out.to_owned()
}

/// `key=value` lines of the examples' output, as pairs.
pub fn lines(stdout: &str) -> Vec<(String, String)> {
    stdout.lines().filter_map(|l| l.split_once('=')).map(|(k, v)| (k.to_owned(), v.to_owned())).collect()
}

/// The value of the first line `key=…`.
pub fn value<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// The SHA-256 of a file, as the agent names executables.
pub fn sha256_of(path: &Path) -> String {
    let output = Command::new("sha256sum").arg(path).output().unwrap();
    String::from_utf8_lossy(&output.stdout).split_whitespace().next().unwrap().to_owned()
}

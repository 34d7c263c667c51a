//! One Markdown rule set for the Terms of Service: the portal's parser (`markdown::parse`, Rust) and
//! the desktop window's (`parseMarkdown` in `ui/src/markdown.ts`, run by Node after esbuild bundles
//! it) give the same blocks for every document here, edge cases included.

use std::io::Write;
use std::process::{Command, Stdio};

use latchkey_test_support::workspace_root;
use serde_json::Value;

const DOCUMENTS: &[&str] = &[
    "# Terms\n\nPlease read **all** of this.\n\n- one\n- two\n\n<img src=x onerror=\"alert(1)\"><script>alert(1)</script>",
    "## Section\ntext right under it\nand a second line\n\n### Deeper\n#### Deeper still\n###### Six\n####### Seven is text",
    "#NoSpace is text\n# \n#\n  # indented is text",
    "- a\n* b\n+ c\n1. one\n2) two\n\n10. ten\n- back to bullets\ntext ends the list\n- new list",
    "*em* and _em_ and **strong** and `code` and [label](https://example.com/terms?x=1) and [no](url with space)",
    "**a*b** *a**b* __x__ ** not ** *a* `` ` `` [](x) [x]() [x](y",
    "Windows\r\nline ends\r\n\r\n- and\r\n- items\rold Mac",
    "Ünïcødé — «quotes» **fett** _kursiv_ `kód` 1. not a list mid-line\n\n   - indented item\n\t- tab item\n   3. indented number",
    "",
    "\n\n\n",
    "trailing spaces   \n   leading spaces\n\n-\n- \n-x\n1.\n1.x",
];

#[test]
fn the_portal_and_the_window_read_the_terms_alike() {
    let root = workspace_root();
    let esbuild = root.join("ui/node_modules/.bin/esbuild");
    assert!(esbuild.exists(), "esbuild is installed by scripts/ui-build.sh (make test runs it)");
    let bundled = Command::new(&esbuild)
        .arg(root.join("ui/src/markdown.ts"))
        .args(["--bundle", "--format=esm", "--platform=node", "--log-level=warning"])
        .output()
        .unwrap();
    assert!(bundled.status.success(), "esbuild: {}", String::from_utf8_lossy(&bundled.stderr));
    let dir = tempfile::tempdir().unwrap();
    let module = dir.path().join("markdown.mjs");
    std::fs::write(&module, &bundled.stdout).unwrap();
    let script = format!(
        "import {{ parseMarkdown }} from {:?};\n\
         let input = ''; for await (const chunk of process.stdin) input += chunk;\n\
         console.log(JSON.stringify(JSON.parse(input).map(parseMarkdown)));",
        module.display().to_string()
    );
    let mut node = Command::new("node")
        .args(["--input-type=module", "-e", &script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs (make test installs it for the window's build)");
    node.stdin.take().unwrap().write_all(serde_json::to_string(DOCUMENTS).unwrap().as_bytes()).unwrap();
    let output = node.wait_with_output().unwrap();
    assert!(output.status.success(), "node: {}", String::from_utf8_lossy(&output.stderr));
    let window: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(window.len(), DOCUMENTS.len());
    for (document, window) in DOCUMENTS.iter().zip(window) {
        let portal = serde_json::to_value(latchkey_server::markdown::parse(document)).unwrap();
        assert_eq!(portal, window, "the two parsers differ on {document:?}");
    }
}

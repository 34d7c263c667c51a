//! Software delivery for the tests: Debian packages built with dpkg-deb, published to a test
//! server's release store, and a throwaway dpkg root to install them into for real.

use std::path::{Path, PathBuf};
use std::process::Command;

use latchkey_protocol::delivery::{Platform, Release};

use crate::{Smtp, TestServer};

/// A Debian package `name` `version` of `payload` bytes (stored uncompressed, so its size is
/// about the payload's), with an optional `postinst` script.
pub fn build_deb(dir: &Path, name: &str, version: &str, payload: usize, postinst: Option<&str>) -> PathBuf {
    let tree = dir.join(format!("{name}-{version}"));
    std::fs::create_dir_all(tree.join("DEBIAN")).unwrap();
    std::fs::create_dir_all(tree.join(format!("opt/{name}"))).unwrap();
    std::fs::write(
        tree.join("DEBIAN/control"),
        format!("Package: {name}\nVersion: {version}\nArchitecture: all\nMaintainer: Tests <t@example.com>\nDescription: test package\n"),
    )
    .unwrap();
    if let Some(script) = postinst {
        let path = tree.join("DEBIAN/postinst");
        std::fs::write(&path, script).unwrap();
        std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    }
    let mut state = 0x2545_f491_4f6c_dd1d_u64 ^ payload as u64;
    let bytes: Vec<u8> = (0..payload)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    std::fs::write(tree.join(format!("opt/{name}/data.bin")), bytes).unwrap();
    std::fs::write(tree.join(format!("opt/{name}/VERSION")), version).unwrap();
    let deb = dir.join(format!("{name}_{version}_all.deb"));
    let built = Command::new("dpkg-deb").args(["--root-owner-group", "-Znone", "-b"]).arg(&tree).arg(&deb).output().unwrap();
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    deb
}

/// An empty dpkg database to install into (`LATCHKEY_INSTALL_ROOT`).
pub fn install_root(dir: &Path) -> PathBuf {
    let root = dir.join("root");
    for sub in ["var/lib/dpkg/info", "var/lib/dpkg/updates", "var/log"] {
        std::fs::create_dir_all(root.join(sub)).unwrap();
    }
    std::fs::write(root.join("var/lib/dpkg/status"), "").unwrap();
    root
}

/// The version of `package` installed in `root`, if it is installed.
pub fn installed(root: &Path, package: &str) -> Option<String> {
    let output = Command::new("dpkg-query")
        .arg(format!("--admindir={}", root.join("var/lib/dpkg").display()))
        .args(["-W", "-f=${db:Status-Abbrev}|${Version}", package])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let (status, version) = text.split_once('|')?;
    status.starts_with("ii").then(|| version.to_owned())
}

/// Publishes `file` as `product` `version` for `linux-x64-deb`, as the operator's command does.
pub async fn publish(server: &TestServer, product: &str, version: &str, file: &Path, package_id: &str) -> Release {
    let store = &server.state.release_store;
    let publication = latchkey_server::releases::Publication {
        product,
        version,
        platform: Platform::LinuxX64Deb,
        file,
        notes: Some(format!("What is new in {version}")),
        package_id: Some(package_id),
    };
    latchkey_server::releases::publish(&server.state.db, store, server.state.now(), publication).await.unwrap()
}

/// Adds `email` to `org` with the Product Delivery – Download role (as the operator's command
/// does) and sets the password through forgot password.
pub async fn member_with_download_role(server: &TestServer, smtp: &Smtp, org: &str, email: &str) {
    let request = latchkey_protocol::AddMemberRequest {
        email: email.into(),
        first_name: "Dee".into(),
        last_name: "Loader".into(),
        country: "gb".into(),
        roles: vec!["product_delivery_download".into()],
        language: None,
    };
    latchkey_server::members::add(&server.state.db, server.state.now(), &latchkey_server::members::Admin::operator(org), request)
        .await
        .unwrap();
    server.set_password(smtp, email, 1).await;
}

/// An S3-compatible server (moto's, from the Python registry: the `MinIO` server is not packaged for Debian), on loopback,
/// with the bucket `releases`. Stopped when dropped.
pub struct S3 {
    pub endpoint: String,
    process: crate::Process,
}

impl S3 {
    pub async fn start() -> S3 {
        let port = crate::free_port();
        let moto = crate::python().with_file_name("moto_server");
        let process = crate::Process(
            std::process::Command::new(&moto)
                .args(["-H", "127.0.0.1", "-p", &port.to_string()])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("{} runs (make test installs it into .venv): {e}", moto.display())),
        );
        let endpoint = format!("http://127.0.0.1:{port}");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let http = reqwest::Client::new();
        loop {
            if let Ok(created) = http.put(format!("{endpoint}/releases")).send().await {
                assert!(created.status().is_success(), "the bucket is created: {}", created.status());
                break;
            }
            assert!(std::time::Instant::now() < deadline, "the S3 server did not start");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        S3 { endpoint, process }
    }

    /// The server's settings for a store under `prefix` of the bucket.
    pub fn settings(&self, prefix: &str) -> Vec<(&'static str, String)> {
        vec![
            ("LATCHKEY_RELEASE_STORE", format!("s3://releases/{prefix}")),
            ("LATCHKEY_RELEASE_STORE_ENDPOINT", self.endpoint.clone()),
            ("LATCHKEY_RELEASE_STORE_REGION", "us-east-1".into()),
            ("LATCHKEY_RELEASE_STORE_ACCESS_KEY_ID", "test-key-id".into()),
            ("LATCHKEY_RELEASE_STORE_SECRET_ACCESS_KEY", "test-secret-key".into()),
        ]
    }

    /// The keys under `prefix` in the bucket, read back over the S3 API.
    pub async fn keys(&self, prefix: &str) -> Vec<String> {
        let listing = reqwest::get(format!("{}/releases?list-type=2&prefix={prefix}", self.endpoint)).await.unwrap().text().await.unwrap();
        listing.split("<Key>").skip(1).filter_map(|k| k.split("</Key>").next()).map(str::to_owned).collect()
    }

    pub fn stop(&mut self) {
        let _ = self.process.0.kill();
        let _ = self.process.0.wait();
    }
}

//! Software delivery: the operator's releases, the catalogue a user sees, the signed manifest a
//! client checks before it runs an installer, and an organization's software policy.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The product identifier under which Latchkey publishes its own installers. Its releases are
/// public: anyone may download the client (the seed's "download it from the store").
pub const LATCHKEY_PRODUCT: &str = "latchkey";

/// The `typ` of a release manifest's JWS, so that no other signed document passes for one.
pub const MANIFEST_TYP: &str = "release-manifest+jwt";

/// What an installer runs on, and so how a client installs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Platform {
    /// An MSI for 64-bit Windows.
    #[serde(rename = "windows-x64")]
    WindowsX64,
    /// An MSI for 32-bit Windows.
    #[serde(rename = "windows-x86")]
    WindowsX86,
    #[serde(rename = "linux-x64-deb")]
    LinuxX64Deb,
    #[serde(rename = "linux-x64-rpm")]
    LinuxX64Rpm,
    #[serde(rename = "macos-universal-pkg")]
    MacosUniversalPkg,
}

impl Platform {
    pub const ALL: [Platform; 5] =
        [Platform::WindowsX64, Platform::WindowsX86, Platform::LinuxX64Deb, Platform::LinuxX64Rpm, Platform::MacosUniversalPkg];

    pub fn as_str(self) -> &'static str {
        match self {
            Platform::WindowsX64 => "windows-x64",
            Platform::WindowsX86 => "windows-x86",
            Platform::LinuxX64Deb => "linux-x64-deb",
            Platform::LinuxX64Rpm => "linux-x64-rpm",
            Platform::MacosUniversalPkg => "macos-universal-pkg",
        }
    }

    pub fn parse(text: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One installer of one version of a product, as published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Release {
    pub id: String,
    pub product: String,
    pub version: String,
    pub platform: Platform,
    /// The installer's file name, as the operator published it.
    pub file_name: String,
    /// Bytes.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size: u64,
    /// Lower-case hex SHA-256 of the file.
    pub sha256: String,
    /// What the installed software calls itself, to tell the installed version: the Debian or RPM
    /// package name, the macOS package identifier, the Windows uninstall entry's display name.
    pub package_id: String,
    /// Release notes (Markdown), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub notes: Option<String>,
    pub published_at: String,
    /// When the operator withdrew it; a yanked release is neither offered nor served.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub yanked_at: Option<String>,
}

/// The signed statement of a release (`typ: release-manifest+jwt`): a client downloads the file,
/// checks its length and SHA-256 against this, and this against the backend's JWKS, before it
/// runs anything.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReleaseManifest {
    pub iss: String,
    pub iat: i64,
    /// The release's id.
    pub release: String,
    pub product: String,
    pub version: String,
    pub platform: Platform,
    pub file_name: String,
    pub size: u64,
    pub sha256: String,
    pub package_id: String,
}

/// A release as the catalogue offers it: the release and its signed manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OfferedRelease {
    #[serde(flatten)]
    pub release: Release,
    /// Compact JWS (`typ: release-manifest+jwt`) of the [`ReleaseManifest`].
    pub manifest: String,
    /// Where to download it: `GET /v1/releases/{id}/file`.
    pub download_url: String,
}

/// Why a user may not download a product's releases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DownloadBlock {
    /// The user lacks the Product Delivery – Download role: ask an administrator.
    RoleRequired,
    /// The organization's software policy does not let members install this product.
    NotAllowedByOrganization,
}

/// A product in a user's catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CatalogProduct {
    pub product: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub name: Option<String>,
    /// The user may download and install it.
    pub may_download: bool,
    /// Why not, when `may_download` is false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub blocked_by: Option<DownloadBlock>,
    /// The version the organization holds its members to, if it pinned one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub pinned_version: Option<String>,
    /// The offered release per platform: the pinned version, else the latest not yanked.
    pub releases: Vec<OfferedRelease>,
}

/// How Latchkey updates itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum UpdateChannel {
    /// Download and install a newer Latchkey when one is offered.
    #[default]
    Auto,
    /// Tell the user; they choose when.
    Notify,
    /// Neither: IT deploys updates.
    Off,
}

impl UpdateChannel {
    pub fn as_str(self) -> &'static str {
        match self {
            UpdateChannel::Auto => "auto",
            UpdateChannel::Notify => "notify",
            UpdateChannel::Off => "off",
        }
    }

    pub fn parse(text: &str) -> Option<UpdateChannel> {
        [UpdateChannel::Auto, UpdateChannel::Notify, UpdateChannel::Off].into_iter().find(|c| c.as_str() == text)
    }

    /// The stricter of two channels: a machine's `Updates` policy and the organization's.
    #[must_use]
    pub fn strictest(self, other: UpdateChannel) -> UpdateChannel {
        let rank = |c: UpdateChannel| match c {
            UpdateChannel::Auto => 0,
            UpdateChannel::Notify => 1,
            UpdateChannel::Off => 2,
        };
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }
}

/// `GET /v1/catalog`: the products the user is entitled to, Latchkey first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Catalog {
    pub products: Vec<CatalogProduct>,
    /// The organization's channel for Latchkey's own updates (`auto` without an organization).
    pub update_channel: UpdateChannel,
}

/// What an organization lets its members install, for one product.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ProductPolicy {
    pub product: String,
    /// Members may install it (with the Download role).
    pub allowed: bool,
    /// Hold members to this version; `null` for the latest.
    #[serde(default)]
    pub pinned_version: Option<String>,
}

/// An organization's software policy (`GET`/`PUT /v1/orgs/{org}/software`). A subscribed product
/// without an entry is allowed at its latest version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SoftwarePolicy {
    pub update_channel: UpdateChannel,
    pub products: Vec<ProductPolicy>,
}

/// Orders two version strings as people read them: split into runs of digits and of other
/// characters, digits compared as numbers (`2027.10` after `2027.9`), other runs as text, a
/// pre-release suffix (`1.0.0-rc1`) before its release (`1.0.0`).
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    let (a_main, a_pre) = a.split_once('-').map_or((a, None), |(m, p)| (m, Some(p)));
    let (b_main, b_pre) = b.split_once('-').map_or((b, None), |(m, p)| (m, Some(p)));
    compare_runs(a_main, b_main).then_with(|| match (a_pre, b_pre) {
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        (Some(x), Some(y)) => compare_runs(x, y),
    })
}

fn compare_runs(left: &str, right: &str) -> Ordering {
    let (mut lefts, mut rights) = (runs(left), runs(right));
    loop {
        match (lefts.next(), rights.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(this), Some(that)) => {
                let numbers = this.starts_with(|c: char| c.is_ascii_digit()) && that.starts_with(|c: char| c.is_ascii_digit());
                let order = if numbers {
                    // Any length: without leading zeros, the longer number is the larger.
                    let (this, that) = (this.trim_start_matches('0'), that.trim_start_matches('0'));
                    this.len().cmp(&that.len()).then_with(|| this.cmp(that))
                } else {
                    this.cmp(that)
                };
                if order != Ordering::Equal {
                    return order;
                }
            }
        }
    }
}

/// The runs of digits and of letters, separators dropped: `2027.1b` → `2027`, `1`, `b`.
fn runs(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
        let first = rest.chars().next()?;
        let end = rest.find(|c: char| c.is_ascii_digit() != first.is_ascii_digit() || !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
        let (run, tail) = rest.split_at(end);
        rest = tail;
        Some(run)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_order_as_people_read_them() {
        let ascending =
            ["0.9", "1.0.0-alpha", "1.0.0-rc1", "1.0.0-rc2", "1.0.0", "1.0.1", "1.2", "1.10", "2027.1.0", "2027.1.0b", "2027.9", "2027.10"];
        for pair in ascending.windows(2) {
            assert_eq!(compare_versions(pair[0], pair[1]), Ordering::Less, "{} < {}", pair[0], pair[1]);
            assert_eq!(compare_versions(pair[1], pair[0]), Ordering::Greater, "{} > {}", pair[1], pair[0]);
        }
        assert_eq!(compare_versions("1.0", "1.0"), Ordering::Equal);
        assert_eq!(compare_versions("v1.2", "1.2"), Ordering::Greater, "a letter run sorts after none");
        assert_eq!(
            compare_versions("99999999999999999999999999999999999999999", "100000000000000000000000000000000000000000"),
            Ordering::Less
        );
        assert_eq!(compare_versions("1.02", "1.2"), Ordering::Equal);
    }

    #[test]
    fn platforms_round_trip() {
        for platform in Platform::ALL {
            assert_eq!(Platform::parse(platform.as_str()), Some(platform));
            assert_eq!(serde_json::to_value(platform).unwrap(), platform.as_str());
        }
        assert_eq!(Platform::parse("windows"), None);
    }

    #[test]
    fn the_stricter_channel_wins() {
        use UpdateChannel::{Auto, Notify, Off};
        assert_eq!(Auto.strictest(Notify), Notify);
        assert_eq!(Off.strictest(Auto), Off);
        assert_eq!(Notify.strictest(Auto), Notify);
        assert_eq!(Auto.strictest(Auto), Auto);
    }
}

//! The generated icons (`icons/draw.py`) are what the bundles need: RGBA PNGs at every size, a Windows
//! `.ico` and a macOS `.icns` whose entries are PNGs of the sizes their headers claim.

use std::path::{Path, PathBuf};

fn icons() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../icons")
}

/// (width, height, colour type) from a PNG's IHDR.
fn png_header(bytes: &[u8]) -> (u32, u32, u8) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (width, height, bytes[25])
}

#[test]
fn every_png_is_rgba_at_its_named_size() {
    for size in [16, 32, 48, 64, 128, 256, 512] {
        let bytes = std::fs::read(icons().join(format!("app/icon-{size}.png"))).unwrap();
        assert_eq!(png_header(&bytes), (size, size, 6), "icon-{size}.png");
    }
    for state in ["signed-out", "signed-in", "attention", "offline"] {
        let bytes = std::fs::read(icons().join(format!("tray/{state}.png"))).unwrap();
        assert_eq!(png_header(&bytes), (64, 64, 6), "tray/{state}.png");
    }
}

#[test]
fn the_ico_holds_pngs_of_the_sizes_it_lists() {
    let bytes = std::fs::read(icons().join("app/icon.ico")).unwrap();
    let u16_at = |at: usize| u16::from_le_bytes(bytes[at..at + 2].try_into().unwrap());
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
    assert_eq!((u16_at(0), u16_at(2)), (0, 1), "ICONDIR reserved=0, type=1 (icon)");
    let count = usize::from(u16_at(4));
    let mut sizes = Vec::new();
    for entry in 0..count {
        let at = 6 + 16 * entry;
        let claimed = if bytes[at] == 0 { 256 } else { u32::from(bytes[at]) };
        let (length, offset) = (u32_at(at + 8), u32_at(at + 12));
        let (width, height, colour) = png_header(&bytes[offset..offset + length]);
        assert_eq!((width, height, colour), (claimed, claimed, 6));
        sizes.push(claimed);
    }
    assert_eq!(sizes, [16, 24, 32, 48, 64, 256]);
}

#[test]
fn the_icns_holds_pngs_of_the_sizes_its_types_mean() {
    let bytes = std::fs::read(icons().join("app/icon.icns")).unwrap();
    assert_eq!(&bytes[..4], b"icns");
    let u32_at = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
    assert_eq!(u32_at(4), bytes.len(), "the header's length is the file's");
    let mut at = 8;
    let mut found = Vec::new();
    while at < bytes.len() {
        let kind = std::str::from_utf8(&bytes[at..at + 4]).unwrap().to_owned();
        let length = u32_at(at + 4);
        let expected = match kind.as_str() {
            "icp4" => 16,
            "icp5" => 32,
            "ic07" => 128,
            "ic08" => 256,
            "ic09" => 512,
            "ic10" => 1024,
            other => panic!("unexpected icns entry {other}"),
        };
        assert_eq!(png_header(&bytes[at + 8..at + length]), (expected, expected, 6), "{kind}");
        found.push(kind);
        at += length;
    }
    assert_eq!(found, ["icp4", "icp5", "ic07", "ic08", "ic09", "ic10"]);
}

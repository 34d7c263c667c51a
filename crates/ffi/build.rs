//! Names the Linux shared library by its ABI (`liblatchkey.so.0`), as packages expect: programs
//! record that name, and the packages ship it with `liblatchkey.so` beside it for the linker.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,liblatchkey.so.0");
        // Both symbol hash tables, as distributions' checks expect of a shared library.
        println!("cargo:rustc-cdylib-link-arg=-Wl,--hash-style=both");
    }
}

//! Embeds the widget in the binary, so that `index-builder build` can write the whole search
//! (loader, API module, stylesheet, wasm glue and wasm) next to the index.
//!
//! The widget comes from `target/widget-pkg/` (what scripts/build-widget.sh writes; the
//! environment variable FAQ_SEARCH_WIDGET_PKG names another folder) and the loader, API module
//! and stylesheet from `www/`. Without a built widget the binary embeds nothing and `build`
//! asks for `--index-only`: native tests need no wasm toolchain.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The page highlighter, written beside the loader under a fixed name.
const HIGHLIGHTER_FILE: &str = "faq-search-highlight.js";

/// The loader line the builder rewrites to name the hashed asset folder and the version.
const LOADER_MARKER: &str = "var ASSETS = '', VERSION = '';";

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let root = manifest_dir
        .parent()
        .expect("index-builder lives in the workspace")
        .to_path_buf();
    println!("cargo:rerun-if-env-changed=FAQ_SEARCH_WIDGET_PKG");
    let pkg = env::var_os("FAQ_SEARCH_WIDGET_PKG")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/widget-pkg"));
    let www = root.join("www");
    println!("cargo:rerun-if-changed={}", pkg.display());
    for name in [
        "faq-search.js",
        "faq-search-api.js",
        "faq-search.css",
        HIGHLIGHTER_FILE,
    ] {
        println!("cargo:rerun-if-changed={}", www.join(name).display());
        println!("cargo:rerun-if-changed={}", pkg.join(name).display());
    }

    let out = PathBuf::from(env::var("OUT_DIR").expect("set by cargo")).join("widget.rs");
    let mut code = String::new();
    match widget_files(&pkg, &www) {
        Some(files) => {
            code.push_str("/// The widget's files: (path inside the asset folder, bytes).\n");
            code.push_str("pub const ASSETS: Option<&[(&str, &[u8])]> = Some(&[\n");
            for (name, path) in &files {
                writeln!(
                    code,
                    "    ({name:?}, include_bytes!({:?})),",
                    path.display()
                )
                .unwrap();
            }
            code.push_str("]);\n");
            let loader = www.join("faq-search.js");
            let text = fs::read_to_string(&loader).expect("www/faq-search.js is readable");
            assert!(
                text.contains(LOADER_MARKER),
                "www/faq-search.js must hold the line `{LOADER_MARKER}`: index-builder rewrites it"
            );
            writeln!(
                code,
                "/// The loader, with the line to rewrite.\npub const LOADER: &str = include_str!({:?});",
                loader.display()
            )
            .unwrap();
            // Minified by build-widget.sh into the package, else as www/ has it.
            let highlighter = [pkg.join(HIGHLIGHTER_FILE), www.join(HIGHLIGHTER_FILE)]
                .into_iter()
                .find(|p| p.is_file())
                .expect("www/faq-search-highlight.js is there");
            writeln!(
                code,
                "/// The page highlighter.\npub const HIGHLIGHTER: &str = include_str!({:?});",
                highlighter.display()
            )
            .unwrap();
        }
        None => {
            println!(
                "cargo:warning=no built widget in {}: this index-builder can only build with --index-only (run scripts/build-widget.sh first)",
                pkg.display()
            );
            code.push_str("pub const ASSETS: Option<&[(&str, &[u8])]> = None;\n");
            code.push_str("pub const LOADER: &str = \"\";\n");
            code.push_str("pub const HIGHLIGHTER: &str = \"\";\n");
        }
    }
    writeln!(code, "pub const LOADER_MARKER: &str = {LOADER_MARKER:?};").unwrap();
    fs::write(&out, code).expect("OUT_DIR is writable");
}

/// The files of the asset folder with their sources, or `None` without a built widget.
fn widget_files(pkg: &Path, www: &Path) -> Option<Vec<(String, PathBuf)>> {
    let glue = pkg.join("faq_search.js");
    let wasm = pkg.join("faq_search_bg.wasm");
    if !glue.is_file() || !wasm.is_file() {
        return None;
    }
    // The API module and the stylesheet as build-widget.sh minified them into the package,
    // else as www/ has them.
    let served = |name: &str| {
        let minified = pkg.join(name);
        if minified.is_file() {
            minified
        } else {
            www.join(name)
        }
    };
    let mut files = vec![
        ("faq-search-api.js".to_string(), served("faq-search-api.js")),
        ("faq-search.css".to_string(), served("faq-search.css")),
    ];
    // The glue, the wasm, the stemmer modules and the strings files of the package; not the
    // TypeScript declarations, nor the minified loader, API and stylesheet (placed above, or
    // rewritten).
    let mut entries: Vec<PathBuf> = fs::read_dir(pkg)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    (n.ends_with(".js")
                        || n.ends_with(".wasm")
                        || (n.starts_with("strings-") && n.ends_with(".json")))
                        && !n.ends_with(".d.ts")
                        && !n.starts_with("faq-search")
                })
        })
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name()?.to_str()?.to_string();
        files.push((format!("pkg/{name}"), path));
    }
    Some(files)
}

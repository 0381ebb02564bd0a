//! The whole search in one folder, as `build` writes it without `--index-only`:
//!
//! ```text
//! DIR/faq-search.js               the loader: the one script a page names (short-lived)
//! DIR/faq-search-highlight.js     the page highlighter, for article pages (short-lived)
//! DIR/faq-search.<hash>/          the widget: API module, stylesheet, wasm glue and wasm,
//!                                 in a folder named after their content (cacheable forever)
//! DIR/index/                      the manifest and the indexes (see `output`)
//! ```
//!
//! The widget's files are embedded at compile time (`build.rs`). The new asset folder is
//! written first (nobody names it yet), then the index, then the loader that names the new
//! folder; earlier asset folders stay for `keep` builds, for pages that loaded the previous
//! loader just before.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::input::InputSpec;
use crate::output;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/widget.rs"));
}

/// The loader's name in the output folder: the one file a page names.
pub const LOADER_FILE: &str = "faq-search.js";
/// The page highlighter's name in the output folder: article pages that want the searched
/// words marked name it.
pub const HIGHLIGHTER_FILE: &str = "faq-search-highlight.js";
/// The index's folder inside the output folder; the loader looks for it next to itself.
pub const INDEX_FOLDER: &str = "index";
const ASSET_PREFIX: &str = "faq-search.";

pub const WITHOUT_WIDGET: &str = "this index-builder was built without the widget: run scripts/build-widget.sh first, or pass --index-only";

/// Whether this binary holds the widget.
pub fn has_widget() -> bool {
    embedded::ASSETS.is_some()
}

fn assets() -> Result<&'static [(&'static str, &'static [u8])]> {
    embedded::ASSETS.context(WITHOUT_WIDGET)
}

/// The asset folder's name: `faq-search.` and the first 10 hex digits of the SHA-256 of every
/// file's path and bytes.
pub fn asset_folder() -> Result<String> {
    let mut hash = Sha256::new();
    for (name, bytes) in assets()? {
        hash.update((name.len() as u64).to_le_bytes());
        hash.update(name.as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    }
    let digest = hash.finalize();
    let hex: String = digest[..5].iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!("{ASSET_PREFIX}{hex}"))
}

fn is_asset_folder(name: &str) -> bool {
    name.strip_prefix(ASSET_PREFIX)
        .is_some_and(|h| h.len() == 10 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The loader, naming `folder` and this version.
pub fn loader(folder: &str) -> String {
    embedded::LOADER.replacen(
        embedded::LOADER_MARKER,
        &format!(
            "var ASSETS = '{folder}/', VERSION = '{}';",
            env!("CARGO_PKG_VERSION")
        ),
        1,
    )
}

/// Writes the asset folder into `out` unless it is there already (its name is its content).
/// Returns its name and whether this build created it.
pub fn write_assets(out: &Path, brotli_quality: Option<u32>) -> Result<(String, bool)> {
    let folder = asset_folder()?;
    let target = out.join(&folder);
    if target.is_dir() {
        return Ok((folder, false));
    }
    fs::create_dir_all(out)
        .with_context(|| format!("cannot create output folder {}", out.display()))?;
    let staging = out.join(format!(".staging-{}-assets", std::process::id()));
    let result = (|| -> Result<()> {
        fs::create_dir_all(staging.join("pkg"))
            .with_context(|| format!("cannot create {}", staging.display()))?;
        let files: Vec<output::FileOut> = assets()?
            .par_iter()
            .map(|(name, bytes)| output::compress(name.to_string(), bytes.to_vec(), brotli_quality))
            .collect();
        let mut written = Vec::new();
        for f in &files {
            for (suffix, bytes) in [("", &f.raw), (".gz", &f.gzip), (".br", &f.brotli)] {
                let path = staging.join(format!("{}{suffix}", f.name));
                output::write_file(&path, bytes)?;
                written.push(path);
            }
        }
        output::flush_to_disk(&written)?;
        fs::rename(&staging, &target)
            .with_context(|| format!("cannot move {} into place", target.display()))
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result.map(|()| (folder, true))
}

/// Writes the loader naming `folder`, and the page highlighter, each through a temporary file,
/// so a reader sees the old file or the new one.
pub fn write_loader(out: &Path, folder: &str) -> Result<()> {
    write_in_place(out, HIGHLIGHTER_FILE, embedded::HIGHLIGHTER.as_bytes())?;
    write_in_place(out, LOADER_FILE, loader(folder).as_bytes())
}

fn write_in_place(out: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let path = out.join(name);
    let temp = out.join(format!(".{name}.{}.tmp", std::process::id()));
    output::write_file(&temp, bytes)?;
    output::flush_to_disk(std::slice::from_ref(&temp))?;
    fs::rename(&temp, &path).with_context(|| {
        let _ = fs::remove_file(&temp);
        format!("cannot move {} into place", path.display())
    })
}

/// Removes asset folders of builds older than the `keep` previous ones; returns what could not
/// be removed.
pub fn prune(out: &Path, folder: &str, keep: usize) -> Vec<PathBuf> {
    let present: BTreeSet<String> = fs::read_dir(out)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| is_asset_folder(n))
                .collect()
        })
        .unwrap_or_default();
    let keep =
        crate::generations::record(out, BTreeSet::from([folder.to_string()]), keep, &present);
    let mut failed = Vec::new();
    for name in present.difference(&keep) {
        let path = out.join(name);
        if fs::remove_dir_all(&path).is_err() {
            failed.push(path);
        }
    }
    failed
}

/// `path` made absolute and without `.` and `..`, without touching the disk.
fn absolute(path: &Path) -> PathBuf {
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut clean = PathBuf::new();
    for c in full.components() {
        match c {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            c => clean.push(c),
        }
    }
    clean
}

/// The output folder's path inside the first input folder that holds it, with `/`.
pub fn inside_input(inputs: &[InputSpec], out: &Path) -> Option<String> {
    let out = absolute(out);
    inputs.iter().filter(|i| i.path.is_dir()).find_map(|i| {
        let rel = out.strip_prefix(absolute(&i.path)).ok()?;
        Some(
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        )
    })
}

/// Leaves the output folder out of every input folder that holds it: a site build indexes
/// `public/` and writes the search into `public/search/`.
pub fn exclude_output(inputs: &mut [InputSpec], out: &Path) -> Result<()> {
    let out_abs = absolute(out);
    for input in inputs.iter_mut().filter(|i| i.path.is_dir()) {
        let Ok(rel) = out_abs.strip_prefix(absolute(&input.path)) else {
            continue;
        };
        if rel.as_os_str().is_empty() {
            continue;
        }
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let escaped = glob::Pattern::escape(&rel);
        for pattern in [escaped.clone(), format!("{escaped}/*")] {
            input
                .exclude
                .push(glob::Pattern::new(&pattern).context("the output folder as a pattern")?);
        }
    }
    Ok(())
}

/// The line a page needs, and where the widget files went.
pub fn print_summary(out: &Path, folder: &str, inside: Option<&str>) {
    println!(
        "search: {} names the widget in {}/ (version {})",
        out.join(LOADER_FILE).display(),
        folder,
        env!("CARGO_PKG_VERSION")
    );
    let src = |file: &str| match inside {
        Some("") => format!("/{file}"),
        Some(rel) => format!("/{rel}/{file}"),
        None => format!("/search/{file}"),
    };
    match inside {
        Some(_) => {
            println!("add search to a page with this one line (the search box goes where it is):")
        }
        None => println!(
            "add search to a page with this one line, the src being where {} is served (the search box goes where it is):",
            out.join(LOADER_FILE).display()
        ),
    }
    println!("  <script src=\"{}\" defer></script>", src(LOADER_FILE));
    println!("  (or data-target=\"#id\" on the tag fills an element of the page instead)");
    println!("to mark the searched words on the article a result opens, add data-highlight-param=\"fqs\"");
    println!("to that tag and this line to the article pages:");
    println!(
        "  <script src=\"{}\" defer></script>",
        src(HIGHLIGHTER_FILE)
    );
}

/// Checks before anything is read that a full build can be written.
pub fn check_widget() -> Result<()> {
    if !has_widget() {
        bail!(WITHOUT_WIDGET);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asset_folders_are_recognised() {
        assert!(is_asset_folder("faq-search.0123456789"));
        assert!(!is_asset_folder("faq-search.json"));
        assert!(!is_asset_folder("faq-search.012345678z"));
    }

    #[test]
    fn the_loader_names_the_folder() {
        if has_widget() {
            let text = loader("faq-search.0123456789");
            assert!(text.contains("var ASSETS = 'faq-search.0123456789/', VERSION = '"));
            assert!(!text.contains(embedded::LOADER_MARKER));
        }
    }
}

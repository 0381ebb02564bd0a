//! The output folder as a static host serves it: content-hashed index files with precompressed
//! `.br` and `.gz` copies, and the fixed-name manifest `faq-search.json` that names them.
//!
//! Everything is prepared in memory first, then written into a staging folder inside the
//! output folder and moved into place. The manifest moves last: until it does, readers keep
//! seeing the previous build, whose files are still there. Only once the new manifest is in
//! place are older builds' files removed: those of the previous build stay (`keep` builds, see
//! `generations`), for pages that loaded the previous manifest just before, and only files that
//! look like the builder's own (`*.idx`, `*.bin`, their `.br`/`.gz`, `faq-search.json*`) are
//! ever removed; whatever else a site keeps in the folder stays.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use flate2::{write::GzEncoder, Compression};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::manifest::{Manifest, ManifestIndex, ManifestPart, ManifestSplit, MANIFEST_FILE_NAME};

/// The index files of one locale, before they have names.
pub struct LocaleFiles {
    pub locale: String,
    pub documents: u32,
    /// The main index file (`<locale>.<hash>.idx`).
    pub main: Vec<u8>,
    /// Further files the main one refers to, by logical name (`("terms-0", bytes)` becomes
    /// `<locale>.terms-0.<hash>.bin`). Listed in the manifest's `parts`, in this order.
    pub extra: Vec<(String, Vec<u8>)>,
    /// The parts of a split index, already named by the engine from a hash of them all
    /// (`<locale>.<hash>.t12.bin`). The main file names them, so the manifest only counts
    /// them.
    pub parts: Vec<(String, Vec<u8>)>,
}

/// One file of the output with its compressed copies.
pub struct FileOut {
    pub name: String,
    pub raw: Vec<u8>,
    pub gzip: Vec<u8>,
    pub brotli: Vec<u8>,
}

/// What a locale became: its files, main first, then the `extra` ones, then split parts.
pub struct LocaleOut {
    pub locale: String,
    pub documents: u32,
    pub files: Vec<FileOut>,
    /// How many of `files`, at the end, are split-index parts.
    pub split_parts: usize,
}

/// Brotli quality for a file of `len` bytes, unless the user chose one.
///
/// Measured with this crate's encoder and a 16 MiB window on one core: the 45 MB index of a
/// 34,745-article corpus (gzip -9: 14.2 MB) takes 2.1 s at quality 5 (12.76 MB), 6.7 s at 7
/// (12.34 MB) and 28 s at 9 (12.13 MB); 10 and 11 take minutes. A 6.2 MB index (gzip -9:
/// 1.79 MB) takes 0.5 s at 5 (1.58 MB) and 1.5 s at 9 (1.51 MB); a 1.4 MB one takes 0.3 s at
/// 9 (408 KB) and 3.2 s at 11 (373 KB). So: 11 where it costs seconds, 9 up to 16 MiB, and 5
/// for bigger files, whose last 3-5 % would cost more build time than they save.
/// Brotli quality of split-index parts (unless the user chose one). Measured on 1,500 parts
/// of large-en: quality 10 makes them 3 % bigger than 11 in about half the time, and 11 on all
/// 8,900 parts was most of a build; 9 makes them 19 % bigger.
pub const SPLIT_PART_BROTLI_QUALITY: u32 = 10;

pub fn auto_brotli_quality(len: usize) -> u32 {
    const MIB: usize = 1 << 20;
    match len {
        0..=MIB => 11,
        _ if len <= 16 * MIB => 9,
        _ => 5,
    }
}

/// The first 10 hex digits of the SHA-256 of `bytes`: enough to tell builds apart, short
/// enough for URLs.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest[..5].iter().map(|b| format!("{b:02x}")).collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::best());
    gz.write_all(bytes).expect("writing to memory cannot fail");
    gz.finish().expect("writing to memory cannot fail")
}

fn brotli(bytes: &[u8], quality: u32) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        lgwin: 24,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(bytes.len() / 3);
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
        .expect("compressing from memory to memory cannot fail");
    out
}

pub fn compress(name: String, raw: Vec<u8>, brotli_quality: Option<u32>) -> FileOut {
    let quality = brotli_quality.unwrap_or_else(|| auto_brotli_quality(raw.len()));
    let (gzip, brotli) = rayon::join(|| gzip(&raw), || brotli(&raw, quality));
    FileOut {
        name,
        raw,
        gzip,
        brotli,
    }
}

/// Names every file after its content and compresses it (in parallel).
pub fn prepare(locales: Vec<LocaleFiles>, brotli_quality: Option<u32>) -> Vec<LocaleOut> {
    locales
        .into_par_iter()
        .map(|l| {
            let mut named = vec![(
                format!("{}.{}.idx", l.locale, content_hash(&l.main)),
                l.main,
            )];
            for (logical, bytes) in l.extra {
                named.push((
                    format!("{}.{logical}.{}.bin", l.locale, content_hash(&bytes)),
                    bytes,
                ));
            }
            let split_parts = l.parts.len();
            let whole = named.len();
            named.extend(l.parts);
            let files = named
                .into_par_iter()
                .enumerate()
                .map(|(i, (name, raw))| {
                    let quality = if i < whole {
                        brotli_quality
                    } else {
                        brotli_quality.or(Some(SPLIT_PART_BROTLI_QUALITY))
                    };
                    compress(name, raw, quality)
                })
                .collect();
            LocaleOut {
                locale: l.locale,
                documents: l.documents,
                files,
                split_parts,
            }
        })
        .collect()
}

/// The manifest for `locales`; `default` is the locale with the most documents, the first
/// one on a tie.
pub fn manifest(locales: &[LocaleOut]) -> Manifest {
    let mut default = &locales[0];
    for l in locales {
        if l.documents > default.documents {
            default = l;
        }
    }
    crate::manifest::new(
        default.locale.clone(),
        locales
            .iter()
            .map(|l| ManifestIndex {
                locale: l.locale.clone(),
                file: l.files[0].name.clone(),
                bytes: l.files[0].raw.len() as u64,
                documents: l.documents,
                parts: l.files[1..l.files.len() - l.split_parts]
                    .iter()
                    .map(|f| ManifestPart {
                        file: f.name.clone(),
                        bytes: f.raw.len() as u64,
                    })
                    .collect(),
                split: (l.split_parts > 0).then(|| ManifestSplit {
                    parts: l.split_parts as u64,
                    bytes: l.files[l.files.len() - l.split_parts..]
                        .iter()
                        .map(|f| f.raw.len() as u64)
                        .sum(),
                }),
                stemmer: faq_search_engine::tokenizer::Stemming::from_locale(&l.locale)
                    .map(|s| s.name().to_string()),
            })
            .collect(),
    )
}

/// True for names the builder writes or wrote before, which it may therefore remove.
pub fn is_builder_file(name: &str) -> bool {
    let base = name
        .strip_suffix(".br")
        .or_else(|| name.strip_suffix(".gz"))
        .unwrap_or(name);
    base.ends_with(".idx") || base.ends_with(".bin") || base == MANIFEST_FILE_NAME
}

/// Writes the build into `dir`: all files to a staging folder, then moved into place,
/// manifest last, then the files of builds older than the `keep` previous ones removed.
/// Returns the paths of the files that a failed cleanup left behind (reported as a warning;
/// the build itself succeeded).
pub fn write(
    dir: &Path,
    locales: &[LocaleOut],
    brotli_quality: Option<u32>,
    keep: usize,
) -> Result<Vec<PathBuf>> {
    let manifest_json = crate::manifest::to_json(&manifest(locales));
    let manifest_file = compress(
        MANIFEST_FILE_NAME.into(),
        manifest_json.into_bytes(),
        brotli_quality,
    );

    let created_dir = !dir.exists();
    fs::create_dir_all(dir)
        .with_context(|| format!("cannot create output folder {}", dir.display()))?;
    let staging = dir.join(format!(".staging-{}", std::process::id()));
    let result = stage_and_commit(dir, &staging, locales, &manifest_file);
    let _ = fs::remove_dir_all(&staging);
    if result.is_err() && created_dir {
        let _ = fs::remove_dir(dir); // only succeeds while empty
    }
    result?;
    Ok(remove_stale(dir, locales, &manifest_file, keep))
}

fn stage_and_commit(
    dir: &Path,
    staging: &Path,
    locales: &[LocaleOut],
    manifest_file: &FileOut,
) -> Result<()> {
    fs::create_dir(staging)
        .with_context(|| format!("cannot create staging folder {}", staging.display()))?;
    let data: Vec<&FileOut> = locales.iter().flat_map(|l| &l.files).collect();
    let mut names = Vec::new();
    let mut writes: Vec<(String, &Vec<u8>)> = Vec::new();
    for file in data.iter().copied().chain([manifest_file]) {
        for (suffix, bytes) in [("", &file.raw), (".gz", &file.gzip), (".br", &file.brotli)] {
            let name = format!("{}{suffix}", file.name);
            writes.push((name.clone(), bytes));
            names.push(name);
        }
    }
    // A split index has thousands of small files: written in parallel, then flushed to disk
    // together before anything moves into place.
    writes
        .par_iter()
        .try_for_each(|(name, bytes)| write_file(&staging.join(name), bytes))?;
    let written: Vec<PathBuf> = writes.iter().map(|(name, _)| staging.join(name)).collect();
    flush_to_disk(&written)?;

    // The data files first. A hashed name that already exists holds the same bytes, so
    // replacing it changes nothing for a reader; a new one is unnamed until the manifest
    // moves. On failure, the new ones are taken away again.
    let (data_names, manifest_names) = names.split_at(names.len() - 3);
    let mut moved = Vec::new();
    let result = (|| -> Result<()> {
        for name in data_names {
            let target = dir.join(name);
            let existed = target.exists();
            fs::rename(staging.join(name), &target)
                .with_context(|| format!("cannot move {} into place", target.display()))?;
            if !existed {
                moved.push(target);
            }
        }
        // The compressed copies of the manifest before the manifest itself, so the moment the
        // new manifest is visible its copies are too.
        for name in manifest_names.iter().rev() {
            let target = dir.join(name);
            fs::rename(staging.join(name), &target)
                .with_context(|| format!("cannot move {} into place", target.display()))?;
        }
        Ok(())
    })();
    if result.is_err() {
        for path in moved {
            let _ = fs::remove_file(path);
        }
    }
    result
}

pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file =
        fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Makes the files durable before they are renamed into place. On Unix one `sync()` flushes
/// them all: fsync on each of the 27,000 files of a large split index took 20 of a build's 58
/// seconds, one sync about one. (Linux's `sync` returns once the data is written.)
#[cfg(unix)]
pub fn flush_to_disk(_files: &[PathBuf]) -> Result<()> {
    // SAFETY: sync(2) takes no arguments, touches no memory of ours and cannot fail.
    unsafe { libc::sync() };
    Ok(())
}

#[cfg(not(unix))]
pub fn flush_to_disk(files: &[PathBuf]) -> Result<()> {
    files.par_iter().try_for_each(|path| {
        fs::File::open(path)
            .and_then(|f| f.sync_all())
            .with_context(|| format!("cannot flush {}", path.display()))
    })
}

/// Removes builder files of builds older than the `keep` previous ones, and temporary files of
/// builds that were interrupted. Returns what could not be removed.
fn remove_stale(
    dir: &Path,
    locales: &[LocaleOut],
    manifest_file: &FileOut,
    keep: usize,
) -> Vec<PathBuf> {
    let mut current = BTreeSet::new();
    for file in locales.iter().flat_map(|l| &l.files).chain([manifest_file]) {
        for suffix in ["", ".gz", ".br"] {
            current.insert(format!("{}{suffix}", file.name));
        }
    }
    let mut failed = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return failed;
    };
    let entries: Vec<fs::DirEntry> = entries.flatten().collect();
    let present: BTreeSet<String> = entries
        .iter()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| is_builder_file(n))
        .collect();
    let keep = crate::generations::record(dir, current, keep, &present);
    for entry in entries {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        // Left by an earlier version of the builder that wrote through a temporary file.
        let old_temp = name.starts_with('.') && name.ends_with(".tmp") && name.contains(".idx.");
        if is_file
            && !keep.contains(name)
            && (is_builder_file(name) || old_temp)
            && fs::remove_file(entry.path()).is_err()
        {
            failed.push(entry.path());
        }
    }
    failed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_ten_hex_digits_of_sha256() {
        // SHA-256("abc") = ba7816bf8f01cfea...
        assert_eq!(content_hash(b"abc"), "ba7816bf8f");
        assert_ne!(content_hash(b"abc"), content_hash(b"abd"));
    }

    #[test]
    fn builder_files_are_recognised_by_name() {
        for name in [
            "en.0123456789.idx",
            "en.0123456789.idx.br",
            "zh-CN.terms-0.0123456789.bin.gz",
            "faq-search.idx",
            "faq-search.json",
            "faq-search.json.br",
        ] {
            assert!(is_builder_file(name), "{name}");
        }
        for name in [
            "index.html",
            "faq-search.json.bak",
            "notes.txt",
            "idx",
            "logo.br",
        ] {
            assert!(!is_builder_file(name), "{name}");
        }
    }

    #[test]
    fn default_locale_has_most_documents_first_on_a_tie() {
        let l = |locale: &str, documents| LocaleOut {
            locale: locale.into(),
            documents,
            files: vec![FileOut {
                name: format!("{locale}.x.idx"),
                raw: vec![0; 3],
                gzip: vec![],
                brotli: vec![],
            }],
            split_parts: 0,
        };
        assert_eq!(
            manifest(&[l("de", 2), l("en", 5), l("fr", 5)]).default,
            "en"
        );
        assert_eq!(manifest(&[l("de", 5), l("en", 5)]).default, "de");
    }

    #[test]
    fn compressed_copies_round_trip() {
        let raw: Vec<u8> = (0..50_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        let f = compress("x.idx".into(), raw.clone(), None);
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &f.brotli[..], &mut back).unwrap();
        assert_eq!(back, raw);
        let mut back = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&f.gzip[..]), &mut back)
            .unwrap();
        assert_eq!(back, raw);
    }
}

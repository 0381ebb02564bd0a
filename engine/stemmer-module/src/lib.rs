//! One Snowball stemmer (the language is chosen by a cargo feature) as a WebAssembly module of
//! its own. The widget leaves the fifteen stemmers out of its own module and loads the one its
//! index needs from `stem-<language>.wasm` (see the engine's `tokenizer/stemmer.rs`); this is
//! the same rust-stemmers code the index builder stems with, so words get the same terms.
//!
//! The interface is three plain exports over the module's memory, without wasm-bindgen (its
//! glue would outweigh the stemmer):
//!
//! - `fqs_input(len) -> ptr`: room for a word of `len` bytes of UTF-8; the caller writes it there;
//! - `fqs_stem() -> len`: stems that word; the stem's bytes are then at `fqs_output()`;
//! - `fqs_output() -> ptr`.
//!
//! Bytes that are not UTF-8 come back unchanged. Nothing here panics on any input.

use std::cell::RefCell;

use rust_stemmers::{Algorithm, Stemmer};

#[cfg(feature = "english")]
const ALGORITHM: Algorithm = Algorithm::English;
#[cfg(feature = "german")]
const ALGORITHM: Algorithm = Algorithm::German;
#[cfg(feature = "french")]
const ALGORITHM: Algorithm = Algorithm::French;
#[cfg(feature = "spanish")]
const ALGORITHM: Algorithm = Algorithm::Spanish;
#[cfg(feature = "russian")]
const ALGORITHM: Algorithm = Algorithm::Russian;
#[cfg(feature = "italian")]
const ALGORITHM: Algorithm = Algorithm::Italian;
#[cfg(feature = "portuguese")]
const ALGORITHM: Algorithm = Algorithm::Portuguese;
#[cfg(feature = "dutch")]
const ALGORITHM: Algorithm = Algorithm::Dutch;
#[cfg(feature = "swedish")]
const ALGORITHM: Algorithm = Algorithm::Swedish;
#[cfg(feature = "norwegian")]
const ALGORITHM: Algorithm = Algorithm::Norwegian;
#[cfg(feature = "danish")]
const ALGORITHM: Algorithm = Algorithm::Danish;
#[cfg(feature = "finnish")]
const ALGORITHM: Algorithm = Algorithm::Finnish;
#[cfg(feature = "hungarian")]
const ALGORITHM: Algorithm = Algorithm::Hungarian;
#[cfg(feature = "romanian")]
const ALGORITHM: Algorithm = Algorithm::Romanian;
#[cfg(feature = "turkish")]
const ALGORITHM: Algorithm = Algorithm::Turkish;
// A plain `cargo build` of the workspace enables no language: English, so it still compiles.
#[cfg(not(any(
    feature = "english",
    feature = "german",
    feature = "french",
    feature = "spanish",
    feature = "russian",
    feature = "italian",
    feature = "portuguese",
    feature = "dutch",
    feature = "swedish",
    feature = "norwegian",
    feature = "danish",
    feature = "finnish",
    feature = "hungarian",
    feature = "romanian",
    feature = "turkish"
)))]
const ALGORITHM: Algorithm = Algorithm::English;

struct Buffers {
    input: Vec<u8>,
    output: Vec<u8>,
    stemmer: Option<Stemmer>,
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = const {
        RefCell::new(Buffers { input: Vec::new(), output: Vec::new(), stemmer: None })
    };
}

/// Room for a word of `len` bytes; returns where to write it.
#[no_mangle]
pub extern "C" fn fqs_input(len: usize) -> *mut u8 {
    BUFFERS.with(|b| {
        let input = &mut b.borrow_mut().input;
        input.clear();
        input.resize(len, 0);
        input.as_mut_ptr()
    })
}

/// Stems the word written at `fqs_input`; returns the stem's length in bytes.
#[no_mangle]
pub extern "C" fn fqs_stem() -> usize {
    BUFFERS.with(|b| {
        let b = &mut *b.borrow_mut();
        let stemmer = b.stemmer.get_or_insert_with(|| Stemmer::create(ALGORITHM));
        b.output.clear();
        match std::str::from_utf8(&b.input) {
            Ok(word) => b.output.extend_from_slice(stemmer.stem(word).as_bytes()),
            Err(_) => b.output.extend_from_slice(&b.input),
        }
        b.output.len()
    })
}

/// Where the last stem's bytes are.
#[no_mangle]
pub extern "C" fn fqs_output() -> *const u8 {
    BUFFERS.with(|b| b.borrow().output.as_ptr())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(word: &[u8]) -> Vec<u8> {
        let at = fqs_input(word.len());
        // SAFETY: fqs_input made room for exactly word.len() bytes at `at`.
        unsafe { std::ptr::copy_nonoverlapping(word.as_ptr(), at, word.len()) };
        let n = fqs_stem();
        // SAFETY: fqs_stem left n bytes at fqs_output().
        unsafe { std::slice::from_raw_parts(fqs_output(), n) }.to_vec()
    }

    #[test]
    fn stems_through_the_buffers() {
        let expected = Stemmer::create(ALGORITHM)
            .stem("verifications")
            .into_owned();
        assert_eq!(stem(b"verifications"), expected.as_bytes());
        assert_eq!(stem(b""), b"");
        // Not UTF-8: handed back as it came.
        assert_eq!(stem(&[0xff, 0xfe]), [0xff, 0xfe]);
    }
}

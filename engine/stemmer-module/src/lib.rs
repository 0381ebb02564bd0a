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
//! Bytes that are not UTF-8 come back unchanged. Nothing here panics on any input; a word
//! too long for the memory that can still be had aborts the module's call, which the widget
//! treats as a word it cannot stem.

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

/// The allocator of the WebAssembly build: every allocation a stem needs lives only until the
/// next word, so memory is handed out from a pointer that moves forward and goes back to the
/// start when the next word comes in (`fqs_input`). A fifth of the module's size was the
/// general-purpose allocator this replaces.
#[cfg(target_arch = "wasm32")]
mod bump {
    use std::alloc::{GlobalAlloc, Layout};
    use std::cell::Cell;

    const PAGE: usize = 65_536;

    struct Bump {
        /// The start of the heap (the end of the module's static data, page-aligned up).
        base: Cell<usize>,
        next: Cell<usize>,
    }

    // SAFETY: the module runs on one thread (wasm32 without threads).
    unsafe impl Sync for Bump {}

    #[global_allocator]
    static HEAP: Bump = Bump {
        base: Cell::new(0),
        next: Cell::new(0),
    };

    unsafe impl GlobalAlloc for Bump {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            if self.base.get() == 0 {
                let end = core::arch::wasm32::memory_size(0) * PAGE;
                self.base.set(end);
                self.next.set(end);
            }
            let start = (self.next.get() + layout.align() - 1) & !(layout.align() - 1);
            let Some(end) = start.checked_add(layout.size()) else {
                return std::ptr::null_mut();
            };
            let have = core::arch::wasm32::memory_size(0) * PAGE;
            if end > have {
                let pages = (end - have).div_ceil(PAGE);
                if core::arch::wasm32::memory_grow(0, pages) == usize::MAX {
                    return std::ptr::null_mut();
                }
            }
            self.next.set(end);
            start as *mut u8
        }

        unsafe fn dealloc(&self, _ptr: *mut u8, _layout: Layout) {}
    }

    /// Frees everything at once: the previous word and stem (`old`, forgotten rather than
    /// dropped: their memory is given back with the rest) and whatever stemming took.
    pub fn reset(old: (Vec<u8>, Vec<u8>)) {
        std::mem::forget(old);
        HEAP.next.set(HEAP.base.get());
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod bump {
    /// Natively (the tests) the system allocator frees as it goes.
    pub fn reset(old: (Vec<u8>, Vec<u8>)) {
        drop(old);
    }
}

struct Buffers {
    input: Vec<u8>,
    output: Vec<u8>,
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = const {
        RefCell::new(Buffers { input: Vec::new(), output: Vec::new() })
    };
}

/// Room for a word of `len` bytes; returns where to write it.
#[no_mangle]
pub extern "C" fn fqs_input(len: usize) -> *mut u8 {
    BUFFERS.with(|b| {
        let b = &mut *b.borrow_mut();
        bump::reset((std::mem::take(&mut b.input), std::mem::take(&mut b.output)));
        b.input = vec![0; len];
        b.input.as_mut_ptr()
    })
}

/// Stems the word written at `fqs_input`; returns the stem's length in bytes.
#[no_mangle]
pub extern "C" fn fqs_stem() -> usize {
    BUFFERS.with(|b| {
        let b = &mut *b.borrow_mut();
        let stemmer = Stemmer::create(ALGORITHM);
        b.output = match std::str::from_utf8(&b.input) {
            Ok(word) => stemmer.stem(word).into_owned().into_bytes(),
            Err(_) => b.input.clone(),
        };
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

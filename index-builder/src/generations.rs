//! Which earlier builds' files stay: a page loaded just before a deploy may still ask for the
//! files its (cached) loader or manifest named, so each build keeps the files of the previous
//! `keep` builds and removes older ones. A small state file in the folder lists the files of
//! each build, newest first.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The state file's name in each folder the builder writes; hidden, so hosts rarely serve it.
pub const STATE_FILE: &str = ".faq-search-builds.json";

#[derive(Default, Serialize, Deserialize)]
struct State {
    /// The names each build wrote, newest first.
    builds: Vec<BTreeSet<String>>,
}

/// Records `current` as the newest build of `dir` and returns the names to keep: those of
/// `current` and of the `keep` builds before it. `present` are the builder's files now in the
/// folder; without a state file (a folder written before builds were tracked) they count as
/// one previous build. The state file is written atomically; failing to write it only means
/// that the next build keeps more.
pub fn record(
    dir: &Path,
    current: BTreeSet<String>,
    keep: usize,
    present: &BTreeSet<String>,
) -> BTreeSet<String> {
    let path = dir.join(STATE_FILE);
    let mut state: State = match fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
        Err(_) => State {
            builds: vec![present.difference(&current).cloned().collect()],
        },
    };
    // The same build again is not a new generation.
    if state.builds.first() == Some(&current) {
        state.builds.remove(0);
    }
    state.builds.retain(|b| !b.is_empty());
    state.builds.insert(0, current);
    state.builds.truncate(keep + 1);
    let keep_set = state.builds.iter().flatten().cloned().collect();
    let temp = dir.join(format!("{STATE_FILE}.{}.tmp", std::process::id()));
    let json = serde_json::to_vec(&state).expect("the state always serializes");
    if fs::write(&temp, json).is_ok() && fs::rename(&temp, &path).is_err() {
        let _ = fs::remove_file(&temp);
    }
    keep_set
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn keeps_the_builds_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert_eq!(
            record(d, set(&["a"]), 1, &set(&["old", "a"])),
            set(&["a", "old"])
        );
        assert_eq!(record(d, set(&["b"]), 1, &set(&[])), set(&["a", "b"]));
        assert_eq!(
            record(d, set(&["b"]), 1, &set(&[])),
            set(&["a", "b"]),
            "same build"
        );
        assert_eq!(record(d, set(&["c"]), 2, &set(&[])), set(&["a", "b", "c"]));
        assert_eq!(record(d, set(&["d"]), 0, &set(&[])), set(&["d"]));
    }
}

//! Adding many documents at once: [`IndexWriter::add_all`]. With the `parallel` feature
//! (native builds only; the widget never builds an index) documents are tokenized on all cores
//! with rayon, a chunk ahead of the writer, which takes them in order; without it they are
//! added one by one. Either way the index is byte for byte the same as from [`IndexWriter::add`].

use crate::document::Document;
use crate::writer::IndexWriter;

/// Documents tokenized together: enough to keep every core busy, few enough that their
/// terms do not pile up in memory.
#[cfg(feature = "parallel")]
const CHUNK: usize = 512;

impl IndexWriter {
    /// Adds `docs` in order, as [`IndexWriter::add`] one by one would, calling `done` with
    /// the number of documents added after each step (for progress bars).
    pub fn add_all(&mut self, docs: &[Document], done: impl Fn(usize) + Sync) {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;

            use crate::writer::{analyze, DocTerms};

            let tokenize =
                |chunk: &[Document]| -> Vec<DocTerms> { chunk.par_iter().map(analyze).collect() };
            let mut chunks = docs.chunks(CHUNK);
            let mut current = chunks.next().map(tokenize);
            let mut at = 0;
            while let Some(terms) = current.take() {
                let next = chunks.next();
                // Tokenize the next chunk while the writer takes this one.
                let (following, ()) = rayon::join(
                    || next.map(tokenize),
                    || {
                        for (doc, terms) in docs[at..].iter().zip(terms) {
                            self.add_terms(doc, terms);
                            at += 1;
                        }
                        done(at);
                    },
                );
                current = following;
            }
        }
        #[cfg(not(feature = "parallel"))]
        for (i, doc) in docs.iter().enumerate() {
            self.add(doc);
            if (i + 1) % 256 == 0 || i + 1 == docs.len() {
                done(i + 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{date, Document, IndexWriter, Weights};

    fn docs() -> Vec<Document> {
        let words = [
            "printing",
            "printer",
            "Zürich",
            "2FA",
            "running",
            "ran",
            "déjà",
            "重置密码",
        ];
        (0..1500)
            .map(|i| Document {
                id: format!("d{i}"),
                title: format!(
                    "{} {}",
                    words[i % words.len()],
                    words[(i * 7) % words.len()]
                ),
                body: (0..(i % 40))
                    .map(|j| words[(i + j) % words.len()])
                    .collect::<Vec<_>>()
                    .join(" "),
                url: format!("/d{i}"),
                category: ["a", "b", "c"][i % 3].into(),
                published: date::parse_ymd("2024-01-01").unwrap(),
                updated: date::parse_ymd("2024-01-02").unwrap(),
                views: i as u64,
                locale: if i % 5 == 0 { "de" } else { "en" }.into(),
                section: String::new(),
                headings: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn add_all_writes_the_same_bytes_as_add() {
        let docs = docs();
        let mut one_by_one = IndexWriter::new(Weights::default());
        for d in &docs {
            one_by_one.add(d);
        }
        let mut all = IndexWriter::new(Weights::default());
        let last = std::sync::atomic::AtomicUsize::new(0);
        all.add_all(&docs, |n| {
            let before = last.swap(n, std::sync::atomic::Ordering::Relaxed);
            assert!(n > before && n <= docs.len());
        });
        assert_eq!(last.into_inner(), docs.len(), "progress reaches the end");
        assert!(one_by_one.finish().0 == all.finish().0);
    }
}

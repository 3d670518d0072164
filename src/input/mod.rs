//! The ids to delete: where they are read from ([`source`]), how plain
//! text ([`plain`]) and CSV columns ([`csv`]) are read, what makes an id
//! acceptable ([`check`]), and how they are kept.
//!
//! A nightly run may read a million ids, so they are not kept as a million
//! `String`s: all the text stays in one buffer and each id is a span into it.
//! Duplicates are found with a table of span positions rather than a set of
//! strings that would copy every id again.

pub mod check;
mod csv;
mod plain;
mod source;

use std::hash::BuildHasher;
use std::ops::Range;

use hashbrown::HashTable;

pub use check::check_module;
pub use csv::{Column, Which};
pub use source::{Input, read};

/// The most ids one run takes.
pub const MAX_IDS: usize = 10_000_000;
/// The most input one run reads.
pub const MAX_INPUT: usize = 1 << 30;

/// Unique ids in input order.
#[derive(Debug, Default)]
pub struct Ids {
    text: String,
    spans: Vec<(u32, u32)>,
}

/// The ids read, and how many repeats were dropped.
#[derive(Debug)]
pub struct Parsed {
    pub ids: Ids,
    pub duplicates: usize,
}

impl Ids {
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn get(&self, i: usize) -> &str {
        let (start, end) = self.spans[i];
        &self.text[start as usize..end as usize]
    }

    pub fn slice(&self, range: Range<usize>) -> impl ExactSizeIterator<Item = &str> + Clone + '_ {
        range.map(move |i| self.get(i))
    }

    /// Index ranges of at most `size` ids, in input order.
    pub fn batches(&self, size: usize) -> impl Iterator<Item = Range<usize>> + '_ {
        let n = self.len();
        (0..n)
            .step_by(size.max(1))
            .map(move |start| start..(start + size).min(n))
    }
}

/// The ids as they are read, every one of them checked, within the limits.
struct Builder {
    text: String,
    spans: Vec<(u32, u32)>,
    max_ids: usize,
    /// Input bytes still allowed.
    budget: usize,
}

impl Builder {
    fn new(max_ids: usize, max_bytes: usize) -> Self {
        Builder {
            text: String::new(),
            spans: Vec::new(),
            max_ids,
            budget: max_bytes,
        }
    }

    /// Adds one id, checked; `place` says where it was read, for messages.
    fn push(&mut self, id: &str, place: &dyn Fn() -> String) -> anyhow::Result<()> {
        if let Some(why) = check::problem(id) {
            let id = check::shown(id);
            return Err(crate::exit::usage(format!(
                "bad id {id} ({}): it {why}",
                place()
            )));
        }
        if self.spans.len() == self.max_ids {
            return Err(crate::exit::usage(format!(
                "more than {} ids: split the input and run wolkvox on each part",
                crate::display::thousands(self.max_ids)
            )));
        }
        let start = self.text.len() as u32;
        self.text.push_str(id);
        self.spans.push((start, self.text.len() as u32));
        Ok(())
    }

    /// Counts `n` more bytes of input against the limit.
    fn spend(&mut self, n: usize) -> anyhow::Result<()> {
        self.budget = self.budget.checked_sub(n).ok_or_else(|| {
            crate::exit::usage(
                "more than 1 GiB of input: split the input and run wolkvox on each part",
            )
        })?;
        Ok(())
    }

    fn finish(self) -> Parsed {
        dedup(self.text, self.spans)
    }
}

/// Keeps the first occurrence of each id, in input order, in linear time.
/// The table holds positions in the kept prefix of `spans`, which never
/// move once written, so no id is copied.
fn dedup(text: String, mut spans: Vec<(u32, u32)>) -> Parsed {
    let hasher = hashbrown::DefaultHashBuilder::default();
    let mut seen: HashTable<u32> = HashTable::with_capacity(spans.len());
    let at = |spans: &[(u32, u32)], i: u32| {
        let (start, end) = spans[i as usize];
        &text[start as usize..end as usize]
    };
    let mut kept = 0;
    for read in 0..spans.len() {
        let (start, end) = spans[read];
        let id = &text[start as usize..end as usize];
        let hash = hasher.hash_one(id);
        if seen.find(hash, |&j| at(&spans, j) == id).is_some() {
            continue;
        }
        spans[kept] = spans[read];
        seen.insert_unique(hash, kept as u32, |&j| hasher.hash_one(at(&spans, j)));
        kept += 1;
    }
    let duplicates = spans.len() - kept;
    spans.truncate(kept);
    Parsed {
        ids: Ids { text, spans },
        duplicates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(ids: &[&str]) -> Parsed {
        let mut text = String::new();
        let mut spans = Vec::new();
        for id in ids {
            let start = text.len() as u32;
            text.push_str(id);
            spans.push((start, text.len() as u32));
        }
        dedup(text, spans)
    }

    #[test]
    fn duplicates_dropped_keeping_first_order() {
        let parsed = parsed(&["b", "a", "b", "c", "a"]);
        let got: Vec<&str> = parsed.ids.slice(0..parsed.ids.len()).collect();
        assert_eq!(got, ["b", "a", "c"]);
        assert_eq!(parsed.duplicates, 2);
    }

    #[test]
    fn many_repeats_keep_first_positions() {
        let input: Vec<String> = (0..10_000).map(|i| (i % 1000).to_string()).collect();
        let refs: Vec<&str> = input.iter().map(String::as_str).collect();
        let parsed = parsed(&refs);
        assert_eq!(parsed.duplicates, 9000);
        let got: Vec<&str> = parsed.ids.slice(0..parsed.ids.len()).collect();
        let want: Vec<String> = (0..1000).map(|i| i.to_string()).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn batches_cover_all_in_order() {
        let parsed = parsed(&["0", "1", "2", "3", "4", "5", "6"]);
        let b: Vec<_> = parsed.ids.batches(3).collect();
        assert_eq!(b, [0..3, 3..6, 6..7]);
    }
}

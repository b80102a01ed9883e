//! Linear-time regression tests for quotation extraction.
//!
//! Each test feeds `quotes::extract` one pathological article (thousands of unmatched or
//! deeply nested quotation marks, or a sentence made of nothing but speech verbs) and checks
//! that the answer is sane. None of them measures time: the sizes are chosen so that a linear
//! extractor finishes each article in a second or less in a debug build (most in a fraction
//! of one), while a quadratic one needs minutes. A regression therefore shows up as a test run that hangs in CI, not as a
//! flaky timing assertion. The minutes quoted against each test are for the extractor of
//! commit 24945b2 (debug build, on the 2-core machine CI uses), which is quadratic in every
//! one of these shapes except the one-mark-per-paragraph articles, the bare `'` run and the
//! `„a «b ‘c` run.

use std::ops::Range;

use gazette::quotes::{self, Block};

/// Marks in the single-paragraph articles: 10 times the 10,000, since at 10,000 a
/// quadratic scan of the open-mark stack still finishes in about 4 s in debug. At this size
/// it takes about 5 minutes (`"a ` repeated); a linear pass over the same 300 KB takes a
/// small fraction of a second (compare the `„a «b ‘c` article, linear already: 0.2 s).
const MARKS: usize = 100_000;

/// Paragraphs in the many-paragraph articles.
const PARAGRAPHS: usize = 20_000;

/// One paragraph holding the whole text.
fn one_paragraph(text: &str) -> Vec<Block> {
    vec![Block::paragraph(0..text.len())]
}

/// Paragraphs split at blank lines.
fn paragraphs(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        blocks.push(Block::paragraph(start..start + part.len()));
        start += part.len() + 2;
    }
    blocks
}

fn in_bounds(text: &str, range: &Range<usize>) -> bool {
    range.start <= range.end
        && range.end <= text.len()
        && text.is_char_boundary(range.start)
        && text.is_char_boundary(range.end)
}

/// Extracts, checks every range, and returns how many quotations were found. A quotation
/// needs at least one mark of its own, so there can never be more than `marks` of them.
fn extract(text: &str, blocks: &[Block], marks: usize) -> usize {
    let quotes = quotes::extract(text, blocks);
    assert!(
        quotes.len() <= marks,
        "{} quotations from {marks} marks",
        quotes.len()
    );
    for q in &quotes {
        assert!(
            in_bounds(text, &q.content) && in_bounds(text, &q.outer),
            "{q:?}"
        );
        assert!(!q.content.is_empty(), "{q:?}");
    }
    assert!(
        quotes
            .windows(2)
            .all(|w| w[0].content.start <= w[1].content.start)
    );
    quotes.len()
}

// ---- Unmatched marks in one paragraph ----------------------------------------------------

/// About 5 minutes when every character rescans the stack of open marks.
#[test]
fn unmatched_straight_doubles_in_one_paragraph() {
    let text = "\"a ".repeat(MARKS);
    extract(&text, &one_paragraph(&text), MARKS);
}

#[test]
fn unmatched_curly_opens_in_one_paragraph() {
    // About 2 minutes when quadratic, then 5 for the second.
    let text = "“".repeat(MARKS);
    extract(&text, &one_paragraph(&text), MARKS);
    let text = "“a ".repeat(MARKS);
    extract(&text, &one_paragraph(&text), MARKS);
}

#[test]
fn unmatched_straight_singles_in_one_paragraph() {
    let text = "'".repeat(MARKS);
    extract(&text, &one_paragraph(&text), MARKS);
    // Each `'a` opens a single quotation that nothing closes: the stack grows with the text
    // (about 5 minutes when quadratic).
    let text = "'a ".repeat(MARKS);
    extract(&text, &one_paragraph(&text), MARKS);
}

#[test]
fn unmatched_mixed_marks_in_one_paragraph() {
    let text = "„a «b ‘c ".repeat(MARKS / 3);
    extract(&text, &one_paragraph(&text), MARKS);
}

// ---- Unmatched marks, one per paragraph ---------------------------------------------------

#[test]
fn unmatched_marks_across_paragraphs() {
    for unit in ["\"a", "“", "'", "“a", "'a", "”a b c d"] {
        let text = vec![unit; PARAGRAPHS].join("\n\n");
        let found = extract(&text, &paragraphs(&text), PARAGRAPHS);
        assert!(found <= PARAGRAPHS, "{unit:?}: {found}");
    }
}

// ---- Other shapes that once made one stage quadratic ----------------------------------------

/// `a. "a. "a. …`: every mark cuts the open quotation at a lost paragraph break and reopens
/// it; the reopened marks must not be searched linearly each time (about 2 minutes at this
/// size in debug when they are).
#[test]
fn reopened_quotations_in_one_paragraph() {
    let text = "a. \"".repeat(MARKS);
    extract(&text, &one_paragraph(&text), MARKS);
}

/// `“a “a … b” b”`: quotations nested 20,000 deep. The quoted words of the outer ones hold
/// the inner ones, so anything that rereads a quotation's whole content (counting its words)
/// or searches all quotations for each one's parent is quadratic: about 4 minutes for each
/// of the two articles here, against about 1.5 s each when linear.
#[test]
fn deeply_nested_quotations() {
    let depth = 20_000;
    let text = format!("{}{}", "“a ".repeat(depth), "b” ".repeat(depth));
    let found = extract(&text, &one_paragraph(&text), 2 * depth);
    assert!(found <= depth, "{found}");
    let text = format!(
        "{}{}",
        "«a ‘b ".repeat(depth / 2),
        "c’ d» ".repeat(depth / 2)
    );
    extract(&text, &one_paragraph(&text), 2 * depth);
}

/// One sentence of 100,000 words, half of them speech verbs: each verb must not rescan the
/// rest of the sentence (about a minute when it does).
#[test]
fn speech_verbs_in_one_long_sentence() {
    let text = "he said ".repeat(MARKS / 2);
    assert_eq!(extract(&text, &one_paragraph(&text), 0), 0);
}

/// One sentence of 40,000 short quotations and 20,000 speech verbs: choosing the verb for
/// each quotation must not scan every verb of the sentence (about 2 minutes here if it does).
#[test]
fn quotations_and_verbs_in_one_long_sentence() {
    let pairs = 20_000;
    let text = "“a” said “b” ".repeat(pairs);
    let found = extract(&text, &one_paragraph(&text), 4 * pairs);
    assert!(found <= 2 * pairs, "{found}");
}

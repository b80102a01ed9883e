//! Quote extraction and attribution on any text: the bytes before the first NUL are the text
//! (paragraphs between blank lines, the first a headline), each later NUL-separated part an
//! editor's `[[quotes]]` note; inline annotations are read from the text.

#![no_main]

mod common;

use gazette::quotes::annotations::{self, QuoteNote};
use gazette::quotes::{Block, extract};
use libfuzzer_sys::fuzz_target;

/// Blocks between blank lines, as ranges of `text`.
fn paragraphs(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices("\n\n") {
        if at > start {
            blocks.push(Block::paragraph(start..at));
        }
        start = at + 2;
    }
    if start < text.len() {
        blocks.push(Block::paragraph(start..text.len()));
    }
    if let Some(first) = blocks.first_mut() {
        first.headline = true;
    }
    blocks
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0);
    let text = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let notes: Vec<QuoteNote> = parts
        .map(|part| {
            let words = String::from_utf8_lossy(part);
            QuoteNote {
                text: words.to_string(),
                speaker: (part.len() % 3 == 1).then(|| "An Editor".to_string()),
                not_quote: part.len() % 3 == 2,
                pull: part.len() % 2 == 1,
                at: None,
            }
        })
        .collect();

    let blocks = paragraphs(&text);
    let quotes = extract(&text, &blocks);
    common::assert_quotes(&text, &quotes);
    for quote in &quotes {
        // A quotation never runs over a paragraph break.
        assert!(
            blocks
                .iter()
                .any(|b| b.range.start <= quote.outer.start && quote.outer.end <= b.range.end),
            "quote {:?} is in no block",
            quote.outer
        );
    }
    common::assert_quotes(&text, &extract(&text, &[Block::paragraph(0..text.len())]));

    // The editor's annotations, as the extract phase applies them to a Markdown body.
    let inline = annotations::find_inline(&text, 0..text.len());
    for annotation in &inline {
        for range in &annotation.syntax {
            common::assert_slice(&text, range, "annotation syntax");
        }
        if let annotations::Target::Words(range) = &annotation.target {
            common::assert_slice(&text, range, "annotated words");
        }
    }
    let blanked = annotations::blank(&text, &inline);
    assert_eq!(blanked.len(), text.len(), "blanking keeps every offset");
    let stripped = annotations::strip(&text, &inline);
    assert!(stripped.len() <= text.len());
    let mut found = extract(&blanked, &blocks);
    let unmatched = annotations::apply(&blanked, 0..text.len(), &mut found, &inline, &notes);
    common::assert_quotes(&text, &found);
    for miss in &unmatched {
        if let Some(annotations::Place::Offset(at)) = miss.at {
            assert!(at <= text.len() && text.is_char_boundary(at));
        }
    }
});

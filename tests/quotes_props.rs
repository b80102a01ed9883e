//! Property tests for quotation extraction and the text parsers in front of it: whatever the
//! text (arbitrary UTF-8, or text made mostly of quotation marks, speech verbs and names),
//! nothing panics and every range handed back can be sliced safely.

use std::ops::Range;

use gazette::content::{frontmatter, rawtext};
use gazette::quotes::{self, Block, Quote};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::FileFailurePersistence;

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

/// One piece of quote-heavy text: words, spaces and line breaks, every quotation mark the
/// extractor knows, speech verbs, pronouns, capitalised names, punctuation, and now and then
/// any character at all.
fn piece() -> impl Strategy<Value = String> {
    let words = select(vec![
        "the",
        "war",
        "we",
        "will",
        "win",
        "it",
        "is",
        "over",
        "a",
        "of",
        "and",
        "that",
        "Russia’s",
        "Russia's",
        "don't",
        "'90s",
        "‘em",
        "'tis",
        "6'2",
        "1,000",
        "U.S.",
    ]);
    let spaces = select(vec![
        " ", " ", " ", "\n", "\n\n", "\n\n\n", "\n \n", "\r\n", "\t", "\u{a0}",
    ]);
    let marks = select(vec!["\"", "'", "“", "”", "‘", "’", "«", "»", "„"]);
    let speech = select(vec![
        "said",
        "says",
        "told",
        "added",
        "adding",
        "warned",
        "according to",
        "speaking",
        "he",
        "she",
        "they",
        "it",
        "who",
        "the spokesman",
        "a spokeswoman",
    ]);
    let names = select(vec![
        "Putin",
        "Boris Johnson",
        "Angela",
        "Merkel",
        "Mr",
        "Ms",
        "Dr.",
        "Smith",
        "NATO",
        "The",
        "BBC",
        "President",
        "Prime Minister",
        "Sadiq Khan",
        "But",
        "José Ruiz",
        "Zoë",
        "Müller",
        "Łukasz Nowak",
    ]);
    let punctuation = select(vec![
        ".", ",", ":", ";", "—", "–", "-", "…", "?", "!", "(", ")", "[", "]",
    ]);
    let leftovers = select(vec!["Source link", "-", "--", "+++", "---", "\u{feff}"]);
    prop_oneof![
        4 => words.prop_map(String::from),
        5 => spaces.prop_map(String::from),
        6 => marks.prop_map(String::from),
        3 => speech.prop_map(String::from),
        3 => names.prop_map(String::from),
        3 => punctuation.prop_map(String::from),
        1 => leftovers.prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Text made of quote-heavy pieces.
fn quote_heavy() -> impl Strategy<Value = String> {
    vec(piece(), 0..160).prop_map(|pieces| pieces.concat())
}

/// Arbitrary UTF-8: any characters, including control characters, combining marks and the
/// odd whitespace (U+0085, U+2028) that `str::trim` knows and `\n` splitting does not.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        vec(any::<char>(), 0..200).prop_map(|cs| cs.into_iter().collect()),
    ]
}

// ---------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------

/// Paragraphs split at blank lines (`\n\n`), as the quote module's own tests cut text. Empty
/// paragraphs are kept: they are legal input.
fn paragraphs(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        blocks.push(Block::paragraph(start..start + part.len()));
        start += part.len() + 2;
    }
    blocks
}

/// The whole text as one paragraph.
fn single(text: &str) -> Vec<Block> {
    vec![Block::paragraph(0..text.len())]
}

/// The blocks a build searches for a raw `.txt` article: headline, dek, paragraphs.
fn raw_blocks(text: &str) -> Vec<Block> {
    let Some(raw) = rawtext::parse(text) else {
        return Vec::new();
    };
    let mut blocks = vec![Block {
        range: raw.headline,
        headline: true,
    }];
    blocks.extend(raw.dek.map(Block::paragraph));
    blocks.extend(raw.paragraphs.into_iter().map(Block::paragraph));
    blocks
}

/// Blocks cut at arbitrary char boundaries (in order, not overlapping, possibly empty), so
/// that blocks start and end mid-word, mid-sentence or right after a mark.
fn cut_blocks(text: &str, cuts: &[prop::sample::Index], headline: bool) -> Vec<Block> {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut points: Vec<usize> = cuts.iter().map(|c| *c.get(&boundaries)).collect();
    points.sort_unstable();
    points
        .chunks_exact(2)
        .enumerate()
        .map(|(n, pair)| Block {
            range: pair[0]..pair[1],
            headline: headline && n == 0,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------

fn assert_slice(text: &str, range: &Range<usize>, what: &str) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{what} {range:?} out of bounds (len {})",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{what} {range:?} not on char boundaries"
    );
}

/// (b) and (c): every range is in bounds and on char boundaries, `outer` holds `content`,
/// content is non-empty and inside one block (with its marks), and quotes come in order.
fn check_quotes(text: &str, blocks: &[Block], quotes: &[Quote]) {
    for q in quotes {
        assert_slice(text, &q.content, "content");
        assert_slice(text, &q.outer, "outer");
        assert!(!q.content.is_empty(), "empty content in {q:?}");
        assert!(
            q.outer.start <= q.content.start && q.content.end <= q.outer.end,
            "outer does not contain content: {q:?}"
        );
        assert!(
            blocks.iter().any(|b| b.range.start <= q.outer.start
                && q.outer.end <= b.range.end
                && q.outer.start <= q.outer.end),
            "quote {q:?} is not inside one block of {blocks:?}"
        );
        assert!(
            (0.0..=1.0).contains(&q.confidence),
            "confidence out of 0..=1: {q:?}"
        );
    }
    assert!(
        quotes
            .windows(2)
            .all(|w| w[0].content.start <= w[1].content.start),
        "quotes not sorted by content start: {:?}",
        quotes.iter().map(|q| q.content.clone()).collect::<Vec<_>>()
    );
}

fn extract_and_check(text: &str, blocks: &[Block]) {
    let quotes = quotes::extract(text, blocks);
    check_quotes(text, blocks, &quotes);
}

/// The words naming the speaker can be sliced out of the text.
fn check_mentions(text: &str, quotes: &[Quote]) {
    for q in quotes {
        if let Some(mention) = &q.mention {
            assert_slice(text, mention, "mention");
        }
    }
}

/// (d): ranges in bounds, on char boundaries, in text order and not overlapping; `None`
/// exactly when the text is all whitespace.
fn check_rawtext(text: &str) {
    let Some(raw) = rawtext::parse(text) else {
        assert!(
            text.trim().is_empty(),
            "parse gave None for a text with words"
        );
        return;
    };
    assert!(
        !text.trim().is_empty(),
        "parse gave an article for blank text"
    );
    let mut all = vec![raw.headline.clone()];
    all.extend(raw.dek.clone());
    all.extend(raw.paragraphs.iter().cloned());
    for range in &all {
        assert_slice(text, range, "rawtext part");
    }
    assert!(
        all.windows(2).all(|w| w[0].end <= w[1].start),
        "rawtext parts out of order or overlapping: {all:?}"
    );
}

/// (e): whatever it answers refers to the text.
fn check_frontmatter(text: &str) {
    match frontmatter::split(text) {
        Ok(None) => {}
        Ok(Some(split)) => {
            assert_slice(text, &split.front_matter, "front matter");
            assert_slice(text, &split.body, "body");
            assert!(split.front_matter.end <= split.body.start);
            assert_eq!(split.body.end, text.len());
        }
        Err(offset) => {
            assert!(offset <= text.len() && text.is_char_boundary(offset));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/// 256 cases each (the whole file runs in a few seconds in a debug build); set
/// `PROPTEST_CASES` to search longer.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig {
        // Failing cases are saved beside this file and replayed first on later runs.
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    };
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 256;
    }
    config
}

proptest! {
    #![proptest_config(config())]

    /// (a)–(c) on quote-heavy text, cut at blank lines and as one block.
    #[test]
    fn quote_heavy_text_extracts_cleanly(text in quote_heavy()) {
        extract_and_check(&text, &paragraphs(&text));
        extract_and_check(&text, &single(&text));
    }

    /// Mentions (the words naming the speaker) are slices of the text too.
    #[test]
    fn quote_heavy_mentions_are_slices(text in quote_heavy()) {
        check_mentions(&text, &quotes::extract(&text, &paragraphs(&text)));
    }

    /// (a)–(c) on the blocks a build hands over for a raw article (headline first).
    #[test]
    fn quote_heavy_raw_articles_extract_cleanly(text in quote_heavy()) {
        extract_and_check(&text, &raw_blocks(&text));
    }

    /// (a)–(c) with blocks starting and ending anywhere, even mid-word or mid-quote.
    #[test]
    fn quote_heavy_text_in_arbitrary_blocks(
        text in quote_heavy(),
        cuts in vec(any::<prop::sample::Index>(), 0..12),
        headline in any::<bool>(),
    ) {
        extract_and_check(&text, &cut_blocks(&text, &cuts, headline));
    }

    /// (a)–(c) on arbitrary UTF-8.
    #[test]
    fn arbitrary_text_extracts_cleanly(text in any_text()) {
        extract_and_check(&text, &paragraphs(&text));
        extract_and_check(&text, &single(&text));
        extract_and_check(&text, &raw_blocks(&text));
    }

    /// (d) on quote-heavy text and on arbitrary UTF-8.
    #[test]
    fn rawtext_parse_ranges_are_sound(text in prop_oneof![quote_heavy(), any_text()]) {
        check_rawtext(&text);
    }

    /// (e) on text that often opens with a fence, and on arbitrary UTF-8.
    #[test]
    fn frontmatter_split_never_panics(
        prefix in select(vec!["", "+++", "---", "+++\n", "---\n", "+++\r\n", "\u{feff}+++\n",
                              "\u{feff}", "---  \n", "++", "\u{feff}\u{feff}---\n"]),
        body in vec(prop_oneof![
            3 => select(vec!["+++", "---", "\n", "\r\n", "\r", " ", "title = \"a\"", "\u{feff}",
                             "+++\n", "---\n", "é", "“"]).prop_map(str::to_string),
            1 => any::<char>().prop_map(String::from),
        ], 0..40),
        arbitrary in any_text(),
    ) {
        check_frontmatter(&format!("{prefix}{}", body.concat()));
        check_frontmatter(&arbitrary);
    }
}

// ---------------------------------------------------------------------------------------------
// Edge cases worth keeping whatever the generators draw
// ---------------------------------------------------------------------------------------------

#[test]
fn edge_cases_extract_cleanly() {
    let texts = [
        "",
        "\"",
        "“",
        "”",
        "'",
        "„“",
        "«»",
        "\"\"",
        "“”",
        "\n\n\"\n\n",
        "\u{feff}“a”",
        "“\u{2028}a\u{2028}”",
        "\u{85}\"\u{85}x",
        "a.\u{a0}\"b. \"c",
        "He said: “First.\n\n“Second.\n\n”",
        "”a b c d”\n\n”",
        "“a b c d\n\n“\n\n“e”",
        "“é”’‘«»„“”\"'",
    ];
    for text in texts {
        for blocks in [paragraphs(text), single(text), raw_blocks(text)] {
            extract_and_check(text, &blocks);
        }
        check_rawtext(text);
        check_frontmatter(text);
    }
}

/// The mention of a speaker found by `first_mention_between` (a participle such as "adding"
/// with no subject of its own) must be the words of the name as written. It is built as the
/// mention's start plus the byte length of the person's last name, which cuts "José Ruiz"
/// inside the "é" (slicing it panics) and gives "Sadi" for "Sadiq Khan".
#[test]
fn mention_found_before_a_participle_is_the_name_as_written() {
    for (text, name) in [
        ("José Ruiz arrived, adding: “We will win.”", "José Ruiz"),
        (
            "The mayor of London, Sadiq Khan, gave his condolences, adding, “It is awful.”",
            "Sadiq Khan",
        ),
    ] {
        let quotes = quotes::extract(text, &single(text));
        assert_eq!(quotes.len(), 1, "{text}");
        assert_eq!(quotes[0].speaker.as_deref(), Some(name));
        let mention = quotes[0].mention.clone().expect("a mention");
        let words = text.get(mention.clone());
        assert!(
            words.is_some(),
            "mention {mention:?} of {text:?} is not on char boundaries"
        );
        let whole_word = |at: usize, before: bool| {
            let c = if before {
                text[..at].chars().next_back()
            } else {
                text[at..].chars().next()
            };
            !c.is_some_and(char::is_alphanumeric)
        };
        assert!(
            whole_word(mention.start, true) && whole_word(mention.end, false),
            "mention {:?} of {text:?} cuts a word",
            words.unwrap()
        );
    }
}

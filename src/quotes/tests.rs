//! Extraction on whole texts: the seed article, and the patterns one by one.

use super::*;

fn paragraphs(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        if !part.trim().is_empty() {
            blocks.push(Block::paragraph(start..start + part.len()));
        }
        start += part.len() + 2;
    }
    blocks
}

fn found(text: &str) -> Vec<(String, Option<String>)> {
    extract(text, &paragraphs(text))
        .into_iter()
        .map(|q| (text[q.content].to_string(), q.speaker))
        .collect()
}

fn speakers(text: &str) -> Vec<Option<String>> {
    found(text).into_iter().map(|(_, s)| s).collect()
}

fn some(names: &[&str]) -> Vec<Option<String>> {
    names.iter().map(|n| Some(n.to_string())).collect()
}

#[test]
fn named_before_and_after() {
    let text = "Prime Minister Boris Johnson said: \"We will win.\"\n\n\"It is over,\" Johnson said.\n\n\"Not yet,\" said Mr Johnson.";
    assert_eq!(
        speakers(text),
        some(&["Boris Johnson", "Boris Johnson", "Boris Johnson"])
    );
}

#[test]
fn split_quote_keeps_its_speaker() {
    let text = "Angela Merkel spoke. \"We will win,\" she said, \"and soon.\"";
    assert_eq!(speakers(text), some(&["Angela Merkel", "Angela Merkel"]));
}

#[test]
fn according_to_and_outlets() {
    let text = "The plan is \"dead in the water\", according to Senator Jane Smith, reported CNN.";
    let quotes = extract(text, &paragraphs(text));
    assert_eq!(quotes[0].speaker.as_deref(), Some("Jane Smith"));
    assert_eq!(quotes[0].pattern, Pattern::AccordingTo);
}

#[test]
fn pronouns_and_descriptions_refer_back() {
    let text = "Russian President Vladimir Putin met Hungarian Prime Minister Viktor Orban on Tuesday.\n\nThe Russian President said the talks were \"useful\".\n\n\"We will see,\" he added.";
    assert_eq!(speakers(text), some(&["Vladimir Putin", "Vladimir Putin"]));
}

#[test]
fn floating_quote_carries_the_speaker() {
    let text = "\"We are watching it closely,\" said race director David Bedford.\n\n\"There is a long way to go.\"";
    assert_eq!(speakers(text), some(&["David Bedford", "David Bedford"]));
}

#[test]
fn unnamed_and_organisation_speakers() {
    let text = "A Downing Street spokesman said: \"No comment.\"\n\nThe High Court of England and Wales said: \"The decision is unlawful.\"";
    assert_eq!(
        speakers(text),
        some(&[
            "A Downing Street spokesman",
            "the High Court of England and Wales"
        ])
    );
}

#[test]
fn offsets_point_at_the_words() {
    let text = "He said “hello there” twice.";
    let quotes = extract(text, &paragraphs(text));
    assert_eq!(&text[quotes[0].content.clone()], "hello there");
    assert_eq!(&text[quotes[0].outer.clone()], "“hello there”");
}

/// The seed article: every labelled quote, with its speaker.
#[test]
fn seed_article_quotes_and_speakers() {
    let text = include_str!("../../content/articles/putin-nato-ukraine.txt");
    let raw = crate::content::rawtext::parse(text).unwrap();
    let mut blocks = vec![Block {
        range: raw.headline.clone(),
        headline: true,
    }];
    blocks.extend(raw.dek.iter().cloned().map(Block::paragraph));
    blocks.extend(raw.paragraphs.iter().cloned().map(Block::paragraph));
    let quotes = extract(text, &blocks);
    let got: Vec<(&str, Option<&str>)> = quotes
        .iter()
        .map(|q| (&text[q.content.clone()], q.speaker.as_deref()))
        .collect();
    let putin = Some("Vladimir Putin");
    let expected_starts: &[(&str, Option<&str>)] = &[
        ("ignored", putin),
        ("ignored", putin),
        ("It is already clear", putin),
        ("adequate consideration", putin),
        ("draw us into armed conflict", putin),
        ("tool", putin),
        ("allies in Europe", putin),
        ("draw Ukraine into NATO", putin),
        ("I hope that this dialogue", putin),
        ("I hope that we will eventually", putin),
        ("This [Crimea]", putin),
        ("Let’s imagine", putin),
        (
            "received a written followup",
            Some("US State Department officials"),
        ),
        ("holding a gun to Ukraine", Some("Boris Johnson")),
        ("political", Some("Boris Johnson")),
        ("humanitarian disaster.", Some("Boris Johnson")),
        ("The potential invasion", Some("Boris Johnson")),
        ("big war in Europe,", Some("Volodymyr Zelensky")),
        ("will be no occupation", Some("Volodymyr Zelensky")),
    ];
    assert_eq!(got.len(), expected_starts.len(), "{got:#?}");
    for ((text, speaker), (start, want)) in got.iter().zip(expected_starts) {
        assert!(
            text.starts_with(start),
            "{text:?} should start with {start:?}"
        );
        assert_eq!(speaker, want, "speaker of {text:?}");
    }
}

//! The editor's annotations, which always win over detection.
//!
//! Inline, in Markdown, right after a quotation's closing mark:
//! - `“…”{@Tony Blair}` sets the speaker; `“…”{@}` says the speaker is unknown;
//! - `“…”{-}` says the marks are not a quotation (a title, a scare quote);
//! - `“…”{pull}` makes it a callout; directives combine: `“…”{@Tony Blair; pull}`.
//!
//! And `[words]{@Name}` adds a quotation that has no marks (or that detection missed).
//! Front matter does the same per article with `[[quotes]]` tables (see `QuoteNote`).

use std::ops::Range;

use serde::Deserialize;

use super::{Pattern, Quote, QuoteKind};

/// What an annotation says about its quotation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directives {
    /// `Some(None)`: the speaker is unknown; `Some(Some(name))`: this speaker.
    pub speaker: Option<Option<String>>,
    pub not_quote: bool,
    pub pull: bool,
}

/// Which quotation an inline annotation is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The quotation whose closing mark ends here.
    ClosingMarkAt(usize),
    /// `[words]{…}`: these words are a quotation.
    Words(Range<usize>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineAnnotation {
    pub target: Target,
    pub directives: Directives,
    /// The bytes of annotation syntax, hidden from readers and from detection.
    pub syntax: Vec<Range<usize>>,
}

/// One `[[quotes]]` entry of an article's front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteNote {
    /// The quotation's words (or enough of them to find it).
    pub text: String,
    pub speaker: Option<String>,
    #[serde(default)]
    pub not_quote: bool,
    #[serde(default)]
    pub pull: bool,
    /// The 1-based line and column of the entry in the file its front matter came from
    /// (`[[quotes]]`, or the YAML list item), set by the content parser when it can tell.
    #[serde(skip)]
    pub at: Option<(usize, usize)>,
}

/// Where an annotation that matched nothing is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// An inline annotation: its byte offset in the article's text.
    Offset(usize),
    /// A front matter entry: its 1-based line and column in the file that holds the front matter.
    Entry(usize, usize),
}

/// An annotation that matched no quotation, for `gazette check` and warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// Where the annotation is, or `None` for a front matter note whose entry was not located.
    pub at: Option<Place>,
    pub what: String,
}

fn parse_directives(inner: &str) -> Option<Directives> {
    let mut directives = Directives::default();
    for part in inner.split(';') {
        let part = part.trim();
        if let Some(name) = part.strip_prefix('@') {
            let name = name.trim();
            directives.speaker = Some((!name.is_empty()).then(|| name.to_string()));
        } else if part == "-" || part.eq_ignore_ascii_case("not a quote") {
            directives.not_quote = true;
        } else if part.eq_ignore_ascii_case("pull") {
            directives.pull = true;
        } else {
            return None;
        }
    }
    Some(directives)
}

fn is_closing_mark(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | '»' | '“')
}

/// Finds inline annotations in `range` of `text`, outside code spans.
pub fn find_inline(text: &str, range: Range<usize>) -> Vec<InlineAnnotation> {
    // Every annotation has a `{`, which most texts lack: found by a fast search (memchr).
    if !text.as_bytes()[range.clone()].contains(&b'{') {
        return Vec::new();
    }
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut in_code = false;
    let mut i = range.start;
    while i < range.end {
        match bytes[i] {
            b'`' => in_code = !in_code,
            b'{' if !in_code => {
                let Some(close) = text[i..range.end].find('}').map(|c| i + c) else {
                    break;
                };
                let inner = &text[i + 1..close];
                if inner.contains('\n') {
                    i += 1;
                    continue;
                }
                if let Some(directives) = parse_directives(inner) {
                    let before = text[range.start..i].chars().next_back();
                    if before == Some(']') {
                        // `[words]{…}`: find the matching `[` in the same line.
                        let line_start = text[range.start..i]
                            .rfind('\n')
                            .map_or(range.start, |n| range.start + n + 1);
                        if let Some(open) =
                            text[line_start..i - 1].rfind('[').map(|o| line_start + o)
                        {
                            found.push(InlineAnnotation {
                                target: Target::Words(open + 1..i - 1),
                                directives,
                                syntax: vec![open..open + 1, i - 1..close + 1],
                            });
                        }
                    } else if before.is_some_and(is_closing_mark) {
                        found.push(InlineAnnotation {
                            target: Target::ClosingMarkAt(i),
                            directives,
                            syntax: std::iter::once(i..close + 1).collect(),
                        });
                    }
                }
                i = close + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// `text` with annotation syntax replaced by spaces: same length, so offsets still hold.
pub fn blank(text: &str, annotations: &[InlineAnnotation]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for annotation in annotations {
        for range in &annotation.syntax {
            bytes[range.clone()].fill(b' ');
        }
    }
    // Only ASCII bytes inside whole characters were replaced, so this stays valid UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// `text` with annotation syntax removed, for rendering.
pub fn strip(text: &str, annotations: &[InlineAnnotation]) -> String {
    let mut cuts: Vec<Range<usize>> = annotations
        .iter()
        .flat_map(|a| a.syntax.iter().cloned())
        .collect();
    cuts.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for cut in cuts {
        if cut.start >= at {
            out.push_str(&text[at..cut.start]);
            at = cut.end;
        }
    }
    out.push_str(&text[at.min(text.len())..]);
    out
}

fn annotated(quote: &mut Quote, directives: &Directives) {
    if let Some(speaker) = &directives.speaker {
        quote.speaker = speaker.clone();
        quote.pattern = Pattern::Annotated;
        quote.confidence = 1.0;
        quote.mention = None;
    }
    if directives.pull {
        quote.pull = true;
    }
}

fn added(text: &str, range: Range<usize>, directives: &Directives) -> Quote {
    let words = text[range.clone()].trim();
    let start = range.start + (text[range.clone()].len() - text[range.clone()].trim_start().len());
    let content = start..start + words.len();
    let kind = if words.chars().next().is_some_and(char::is_uppercase) {
        QuoteKind::Full
    } else {
        QuoteKind::Partial
    };
    Quote {
        outer: content.clone(),
        content,
        kind,
        speaker: directives.speaker.clone().flatten(),
        mention: None,
        pattern: Pattern::Annotated,
        confidence: 1.0,
        depth: 0,
        pull: directives.pull,
    }
}

/// Applies annotations to detected quotations; returns the ones that matched nothing.
/// `body` is where front matter notes may find words that detection missed.
pub fn apply(
    text: &str,
    body: Range<usize>,
    quotes: &mut Vec<Quote>,
    inline: &[InlineAnnotation],
    notes: &[QuoteNote],
) -> Vec<Unmatched> {
    let mut unmatched = Vec::new();
    let mut removed = vec![false; quotes.len()];
    let mut extra = Vec::new();
    let by_end: std::collections::HashMap<usize, usize> = quotes
        .iter()
        .enumerate()
        .map(|(i, q)| (q.outer.end, i))
        .collect();
    for annotation in inline {
        match &annotation.target {
            Target::ClosingMarkAt(at) => match by_end.get(at).copied() {
                Some(i) if annotation.directives.not_quote => removed[i] = true,
                Some(i) => annotated(&mut quotes[i], &annotation.directives),
                None => unmatched.push(Unmatched {
                    at: Some(Place::Offset(*at)),
                    what: "this annotation follows no quotation that Gazette found".to_string(),
                }),
            },
            Target::Words(range) => {
                // Detected quotations inside the editor's words give way to them.
                // Quotes are in text order: only those starting inside the words can be in them.
                let first = quotes.partition_point(|q| q.content.start < range.start);
                for (i, q) in quotes.iter().enumerate().skip(first) {
                    if q.content.start >= range.end {
                        break;
                    }
                    if q.content.end <= range.end {
                        removed[i] = true;
                    }
                }
                if !annotation.directives.not_quote {
                    extra.push(added(text, range.clone(), &annotation.directives));
                }
            }
        }
    }
    for note in notes {
        let wanted = note.text.trim();
        if wanted.is_empty() {
            continue;
        }
        let exact = quotes.iter().position(|q| {
            text[q.content.clone()].trim_end_matches([',', '.'])
                == wanted.trim_end_matches([',', '.'])
        });
        let within = || {
            quotes
                .iter()
                .position(|q| text[q.content.clone()].contains(wanted))
        };
        match exact.or_else(within) {
            Some(i) if note.not_quote => removed[i] = true,
            Some(i) => annotated(
                &mut quotes[i],
                &Directives {
                    speaker: note.speaker.clone().map(Some),
                    not_quote: false,
                    pull: note.pull,
                },
            ),
            None => match text[body.clone()].find(wanted) {
                Some(at) if !note.not_quote => {
                    let start = body.start + at;
                    extra.push(added(
                        text,
                        start..start + wanted.len(),
                        &Directives {
                            speaker: note.speaker.clone().map(Some),
                            not_quote: false,
                            pull: note.pull,
                        },
                    ));
                }
                _ => unmatched.push(Unmatched {
                    at: note.at.map(|(line, column)| Place::Entry(line, column)),
                    what: format!("no quotation or text matches the quotes entry “{wanted}”"),
                }),
            },
        }
    }
    let mut kept: Vec<Quote> = quotes
        .drain(..)
        .zip(removed)
        .filter_map(|(q, gone)| (!gone).then_some(q))
        .collect();
    kept.extend(extra);
    kept.sort_by_key(|q| q.content.start);
    *quotes = kept;
    unmatched
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::{Block, extract};

    /// A quote as the tests compare it: words, speaker, callout.
    type Shown = (String, Option<String>, bool);

    fn run(text: &str, notes: &[QuoteNote]) -> (Vec<Shown>, Vec<Unmatched>) {
        let inline = find_inline(text, 0..text.len());
        let blanked = blank(text, &inline);
        let mut quotes = extract(&blanked, &[Block::paragraph(0..text.len())]);
        let unmatched = apply(&blanked, 0..text.len(), &mut quotes, &inline, notes);
        let shown = quotes
            .iter()
            .map(|q| {
                (
                    text[q.content.clone()].to_string(),
                    q.speaker.clone(),
                    q.pull,
                )
            })
            .collect();
        (shown, unmatched)
    }

    #[test]
    fn inline_speaker_wins_over_detection() {
        let (quotes, unmatched) = run("Smith said “we will win”{@Jane Doe; pull} today.", &[]);
        assert_eq!(
            quotes,
            [(
                "we will win".to_string(),
                Some("Jane Doe".to_string()),
                true
            )]
        );
        assert!(unmatched.is_empty());
    }

    #[test]
    fn not_a_quote_removes_it() {
        let (quotes, _) = run("He loved “Star Wars”{-} and said “yes”.", &[]);
        assert_eq!(quotes.len(), 1);
        assert_eq!(quotes[0].0, "yes");
    }

    #[test]
    fn bracketed_words_add_a_quote() {
        let (quotes, _) = run("Smith said [we will win]{@John Smith} today.", &[]);
        assert_eq!(
            quotes,
            [(
                "we will win".to_string(),
                Some("John Smith".to_string()),
                false
            )]
        );
    }

    #[test]
    fn front_matter_notes_fix_remove_and_add() {
        let notes = vec![
            QuoteNote {
                text: "axis of evil".into(),
                not_quote: true,
                ..Default::default()
            },
            QuoteNote {
                text: "we will win".into(),
                speaker: Some("Jane Doe".into()),
                ..Default::default()
            },
            QuoteNote {
                text: "the talks go on".into(),
                speaker: Some("A. Diplomat".into()),
                ..Default::default()
            },
            QuoteNote {
                text: "nowhere in the text".into(),
                ..Default::default()
            },
        ];
        let (quotes, unmatched) = run(
            "The “axis of evil” speech. Smith said “we will win,” and the talks go on.",
            &notes,
        );
        let texts: Vec<&str> = quotes.iter().map(|q| q.0.as_str()).collect();
        assert_eq!(texts, ["we will win,", "the talks go on"]);
        assert_eq!(quotes[0].1.as_deref(), Some("Jane Doe"));
        assert_eq!(unmatched.len(), 1);
    }

    #[test]
    fn annotation_after_nothing_is_reported() {
        let (_, unmatched) = run("A plain sentence.”{@Nobody}", &[]);
        assert_eq!(unmatched.len(), 1);
    }

    #[test]
    fn strip_removes_the_syntax_for_readers() {
        let text = "Smith said “yes”{@Jane Doe} and [no]{@X}.";
        let inline = find_inline(text, 0..text.len());
        assert_eq!(strip(text, &inline), "Smith said “yes” and no.");
    }

    #[test]
    fn code_spans_and_other_braces_are_left_alone() {
        let text = "Write `“x”{@Y}` or {not this} or “z”{weird}.";
        assert!(find_inline(text, 0..text.len()).is_empty());
    }
}

//! Quotations: find every direct quotation in an article's text and attribute it to its
//! speaker. Pure functions over text: no I/O, no globals shared between articles.

pub mod annotations;
mod attribution;
pub mod lexicon;
pub mod spans;
mod tokens;

use std::ops::Range;

use serde::Serialize;

/// A stretch of prose to search: a paragraph, or the headline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub range: Range<usize>,
    pub headline: bool,
}

impl Block {
    pub fn paragraph(range: Range<usize>) -> Self {
        Block {
            range,
            headline: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A whole sentence or more.
    Full,
    /// A fragment woven into the reporter's sentence.
    Partial,
    /// A later paragraph of a quotation that runs over several.
    Continuation,
    /// A quotation in the headline.
    Headline,
}

/// How the speaker was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pattern {
    /// Named before the quotation: Putin said, “…”
    Before,
    /// Named after it: “…,” Johnson said.
    After,
    /// A pronoun or description that refers back: “…,” he said.
    Pronoun,
    /// No attribution in the sentence: carried over from the quotation before.
    Floating,
    /// "according to X"
    AccordingTo,
    /// Set by the editor's annotation.
    Annotated,
    /// Anything else, including no speaker at all.
    Other,
}

/// A quotation found in a text, with byte offsets into that text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The quoted words, marks excluded.
    pub content: Range<usize>,
    /// From the opening mark to one past the closing mark (or the paragraph end if unclosed).
    pub outer: Range<usize>,
    pub kind: QuoteKind,
    pub speaker: Option<String>,
    /// The words that name or refer to the speaker for this quotation.
    pub mention: Option<Range<usize>>,
    pub pattern: Pattern,
    /// 0 to 1: how sure the attribution is.
    pub confidence: f32,
    /// 0 for an outermost quotation, 1 for a quote within a quote.
    pub depth: usize,
    /// The editor asked for it as a callout.
    pub pull: bool,
}

fn kind_of(text: &str, span: &spans::Span, headline: bool) -> QuoteKind {
    if headline {
        return QuoteKind::Headline;
    }
    if span.continuation {
        return QuoteKind::Continuation;
    }
    let inner = &text[span.content.clone()];
    let starts_upper = inner
        .trim_start_matches(['[', '(', '.', '…', ' '])
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    // Woven in: the sentence runs straight into the quote ("accused Russia of “holding…”").
    let before = text[..span.open].trim_end();
    let after_word = before.chars().last().is_some_and(|c| c.is_alphanumeric());
    // Only "fewer than 4" and "fewer than 6" matter: stop counting at 6.
    let words = inner.split_whitespace().take(6).count();
    if starts_upper
        && (words >= 4 || inner.ends_with(['.', '!', '?', ',']))
        && !(after_word && words < 6)
    {
        QuoteKind::Full
    } else {
        QuoteKind::Partial
    }
}

/// Names and titles of works in quotation marks ("a song called “Day after Day”", “Super
/// Tuesday”): two to seven words, every significant one capitalised, no closing full stop.
fn is_title_like(inner: &str) -> bool {
    let inner = inner.trim().trim_end_matches(',');
    // Eight words are enough to tell "more than seven".
    let count = inner.split_whitespace().take(8).count();
    if !(2..=7).contains(&count) || inner.ends_with(['.', '!', '?', '…']) {
        return false;
    }
    let small = |w: &str| {
        matches!(
            w,
            "a" | "an"
                | "the"
                | "of"
                | "and"
                | "or"
                | "in"
                | "on"
                | "at"
                | "to"
                | "for"
                | "after"
                | "with"
                | "by"
                | "from"
                | "de"
                | "la"
                | "vs"
                | "v"
        )
    };
    // A capitalised first-person or sentence-like phrase is speech, not a title.
    let pronoun = |w: &str| {
        matches!(
            w,
            "I" | "We" | "You" | "He" | "She" | "It" | "They" | "This" | "That"
        )
    };
    // Counted, not collected: at most seven words, read again below.
    !inner.split_whitespace().next().is_some_and(pronoun)
        && inner.split_whitespace().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.is_empty()
                || small(w)
                || w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
}

/// Finds and attributes every quotation in `blocks` of `text`, in text order.
pub fn extract(text: &str, blocks: &[Block]) -> Vec<Quote> {
    let ranges: Vec<Range<usize>> = blocks.iter().map(|b| b.range.clone()).collect();
    let spans = spans::find(text, &ranges);
    // No quotation marks, no quotations: the people of the article need not be gathered.
    if spans.is_empty() {
        return Vec::new();
    }
    let (attributions, names) = attribution::attribute(text, blocks, &spans);
    let parents = spans::parents(&spans);
    let mut quotes: Vec<Quote> = Vec::with_capacity(spans.len());
    for (i, span) in spans.iter().enumerate() {
        // Titles of works, and quotes within quotes that nothing introduces, are not quotations.
        let unintroduced = span.depth > 0
            && attributions[i]
                .as_ref()
                .is_some_and(|a| a.confidence == 0.0);
        if unintroduced || is_title_like(&text[span.content.clone()]) {
            continue;
        }
        // A quote within a quote belongs to whoever speaks the outer one.
        let own = attributions[i].as_ref();
        let parent = parents[i];
        let attribution = own.or_else(|| parent.and_then(|p| attributions[p].as_ref()));
        let (speaker, mention, pattern, confidence) = match attribution {
            Some(a) => (
                a.speaker
                    .as_ref()
                    .map(|s| attribution::speaker_name(s, &names)),
                a.mention.clone(),
                if span.depth > 0 {
                    Pattern::Other
                } else {
                    a.pattern
                },
                a.confidence,
            ),
            None => (None, None, Pattern::Other, 0.3),
        };
        let confidence = if span.closed {
            confidence
        } else {
            confidence * 0.9
        };
        quotes.push(Quote {
            content: span.content.clone(),
            outer: span.open..span.close,
            kind: kind_of(text, span, blocks[span.block].headline),
            speaker: speaker.filter(|s| !s.is_empty()),
            mention,
            pattern,
            confidence: (confidence * 100.0).round() / 100.0,
            depth: span.depth,
            pull: false,
        });
    }
    quotes.sort_by_key(|q| q.content.start);
    quotes
}

#[cfg(test)]
mod tests;

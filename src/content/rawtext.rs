//! Raw scraped `.txt` articles: a headline line, an optional dek line, paragraphs, and
//! scraping leftovers (a trailing `-` on the headline and dek, a final "Source link") dropped.

use std::ops::Range;

/// A raw article cut into parts; every part is a byte range of the file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawText {
    pub headline: Range<usize>,
    pub dek: Option<Range<usize>>,
    pub paragraphs: Vec<Range<usize>>,
}

/// Lines that end a scraped page and are not part of the article.
const TRAILING_BOILERPLATE: &[&str] = &["source link", "source", "read more", "read more:"];

/// Cuts the text into blocks separated by blank lines; each block is trimmed of outer whitespace.
fn blocks(text: &str) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end();
        let leading = content.len() - content.trim_start().len();
        if content.trim().is_empty() {
            if let Some(block) = current.take() {
                blocks.push(block);
            }
        } else {
            let start = offset + leading;
            let end = offset + content.len();
            current = Some(match current {
                Some(block) => block.start..end,
                None => start..end,
            });
        }
        offset += line.len();
    }
    if let Some(block) = current {
        blocks.push(block);
    }
    blocks
}

/// Drops the scraper's trailing `-` (and the spaces before it) from a line.
fn without_trailing_dash(text: &str, range: Range<usize>) -> Range<usize> {
    let part = &text[range.clone()];
    match part.strip_suffix('-') {
        Some(rest) if !rest.ends_with('-') => range.start..range.start + rest.trim_end().len(),
        _ => range,
    }
}

/// A dek is a short single line right after the headline, carrying the same scraping `-`
/// or reading as a standfirst rather than a first paragraph (no closing full stop).
fn is_dek(text: &str, block: &Range<usize>) -> bool {
    let part = &text[block.clone()];
    if part.contains('\n') {
        return false;
    }
    if part.ends_with('-') && !part.ends_with("--") {
        return true;
    }
    let words = part.split_whitespace().count();
    let closes_sentence = part.ends_with(['.', '"', '”', '’', '\'', ')']);
    words <= 25 && !closes_sentence
}

/// Parses a raw article. `None` when the file holds no text at all.
pub fn parse(text: &str) -> Option<RawText> {
    let mut blocks = blocks(text).into_iter().peekable();
    let first = blocks.next()?;
    // The headline is the first line of the first block; anything under it is body.
    let first_line_end = text[first.clone()]
        .find('\n')
        .map_or(first.end, |i| first.start + i);
    let headline =
        without_trailing_dash(text, first.start..text[..first_line_end].trim_end().len());
    let mut rest: Vec<Range<usize>> = Vec::new();
    if first_line_end < first.end {
        let body_start = first_line_end + 1;
        let lead =
            text[body_start..first.end].len() - text[body_start..first.end].trim_start().len();
        rest.push(body_start + lead..first.end);
    }
    let mut dek = None;
    if rest.is_empty() {
        if let Some(next) = blocks.peek().cloned() {
            if blocks.len() > 1 && is_dek(text, &next) {
                dek = Some(without_trailing_dash(text, next));
                blocks.next();
            }
        }
    }
    rest.extend(blocks);
    while let Some(last) = rest.last() {
        let words = text[last.clone()].trim().to_lowercase();
        if TRAILING_BOILERPLATE.contains(&words.as_str()) {
            rest.pop();
        } else {
            break;
        }
    }
    Some(RawText {
        headline,
        dek,
        paragraphs: rest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_SHAPE: &str = "US, NATO ‘ignored’ Russia’s key concerns, says Putin-\n\n\nWhat are US options?-\n\n\nMOSCOW: Putin said, “It is clear.”\n\nHe added more.\n\n\n\nSource link\n";

    #[test]
    fn seed_shape_gives_headline_dek_and_paragraphs() {
        let raw = parse(SEED_SHAPE).unwrap();
        assert_eq!(
            &SEED_SHAPE[raw.headline],
            "US, NATO ‘ignored’ Russia’s key concerns, says Putin"
        );
        assert_eq!(&SEED_SHAPE[raw.dek.unwrap()], "What are US options?");
        let paragraphs: Vec<&str> = raw
            .paragraphs
            .iter()
            .map(|r| &SEED_SHAPE[r.clone()])
            .collect();
        assert_eq!(
            paragraphs,
            ["MOSCOW: Putin said, “It is clear.”", "He added more."]
        );
    }

    #[test]
    fn long_first_paragraph_is_not_a_dek() {
        let text =
            "Headline\n\nAn apartment building collapsed on Monday in Magnitogorsk.\n\nSecond.\n";
        let raw = parse(text).unwrap();
        assert_eq!(raw.dek, None);
        assert_eq!(raw.paragraphs.len(), 2);
    }

    #[test]
    fn line_breaks_inside_a_paragraph_stay_in_one_paragraph() {
        let text = "Headline\n\nline one\nline two\n\n\n\nlast\r\n";
        let raw = parse(text).unwrap();
        let paragraphs: Vec<&str> = raw.paragraphs.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(paragraphs, ["line one\nline two", "last"]);
    }

    #[test]
    fn empty_text_has_no_article() {
        assert_eq!(parse("  \n\n"), None);
    }

    #[test]
    fn headline_only() {
        let raw = parse("Just a headline-").unwrap();
        assert_eq!(raw.headline, 0..15);
        assert!(raw.paragraphs.is_empty());
    }
}

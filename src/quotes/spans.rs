//! Quotation spans: which marks open and close quotations, which are apostrophes, and where
//! each quotation's words start and end. Linear in the text; never gives up on a paragraph.

use std::ops::Range;

/// A quotation found between marks, as byte offsets of the text it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The opening mark (or the paragraph start for a quote whose opening mark is missing).
    pub open: usize,
    /// The quoted words, marks excluded, outer whitespace trimmed.
    pub content: Range<usize>,
    /// One past the closing mark; the paragraph end when the quote is never closed.
    pub close: usize,
    /// True when a closing mark was found.
    pub closed: bool,
    /// 0 for an outermost quotation, 1 for a quote within a quote, and so on.
    pub depth: usize,
    /// Which block (paragraph) of the input it is in.
    pub block: usize,
    /// The paragraph reopens a quotation left open at the end of the previous one.
    pub continuation: bool,
    /// Single marks (‘ ’ or ') rather than double ones.
    pub single: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// “ " „ «
    Double,
    /// ‘ '
    Single,
}

struct Open {
    class: Class,
    /// Byte offset of the mark.
    at: usize,
    /// Offset just after the mark.
    after: usize,
    /// „ is closed by “ in German typography.
    low: bool,
}

fn is_open_context(c: Option<char>) -> bool {
    match c {
        None => true,
        // A `matches!` rather than a search of a string of the marks, once per mark.
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '['
                        | '{'
                        | '—'
                        | '–'
                        | '-'
                        | '/'
                        | '“'
                        | '‘'
                        | '"'
                        | '\''
                        | '«'
                        | '„'
                        | ':'
                )
        }
    }
}

fn is_close_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '—'
                        | '–'
                        | '-'
                        | '/'
                        | '”'
                        | '’'
                        | '"'
                        | '\''
                        | '»'
                        | '…'
                )
        }
    }
}

fn is_wordy(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// `'90s`, `‘em`, `'n'`: an elision after a space, not an opening mark.
fn is_elision(rest: &str) -> bool {
    let bytes = rest.as_bytes();
    let decade = bytes.len() >= 3
        && bytes[0].is_ascii_digit()
        && bytes[1].is_ascii_digit()
        && (bytes.len() == 3 || !bytes[3].is_ascii_digit() || bytes[2] == b's');
    let word_end = |w: &str| {
        rest.strip_prefix(w)
            .is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    };
    decade || word_end("em") || word_end("tis") || word_end("til") || word_end("cause")
}

fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let part = &text[range.clone()];
    let start = range.start + (part.len() - part.trim_start().len());
    let end = range.start + part.trim_end().len();
    if start > end {
        start..start
    } else {
        start..end
    }
}

/// The marks still open, with the position of the innermost of each class kept at hand so
/// that every mark is handled in constant time (no scan of the stack: linear overall).
#[derive(Default)]
struct OpenMarks {
    opens: Vec<Open>,
    doubles: Vec<usize>,
    singles: Vec<usize>,
}

impl OpenMarks {
    fn push(&mut self, open: Open) {
        match open.class {
            Class::Double => self.doubles.push(self.opens.len()),
            Class::Single => self.singles.push(self.opens.len()),
        }
        self.opens.push(open);
    }

    fn truncate(&mut self, len: usize) {
        self.opens.truncate(len);
        while self.doubles.last().is_some_and(|&i| i >= len) {
            self.doubles.pop();
        }
        while self.singles.last().is_some_and(|&i| i >= len) {
            self.singles.pop();
        }
    }

    fn clear(&mut self) {
        self.truncate(0);
    }

    fn is_empty(&self) -> bool {
        self.opens.is_empty()
    }

    fn last_of(&self, class: Class) -> Option<usize> {
        match class {
            Class::Double => self.doubles.last().copied(),
            Class::Single => self.singles.last().copied(),
        }
    }

    fn outermost_double(&self) -> Option<&Open> {
        self.doubles.first().map(|&i| &self.opens[i])
    }
}

impl std::ops::Index<usize> for OpenMarks {
    type Output = Open;

    fn index(&self, i: usize) -> &Open {
        &self.opens[i]
    }
}

/// Whether a block opens with a quotation mark (after optional whitespace or a dash).
fn starts_with_open_mark(text: &str, block: &Range<usize>) -> bool {
    let part = text[block.clone()].trim_start();
    part.starts_with(['“', '"', '«', '„', '‘'])
        || (part.starts_with('\'') && !is_elision(&part[1..]))
}

/// For each span, the outermost quotation it sits in (`None` for outermost ones), in one pass:
/// outermost spans never overlap, so a nested span's parent is the last outermost one before it.
pub fn parents(spans: &[Span]) -> Vec<Option<usize>> {
    let mut last_outer: Option<usize> = None;
    spans
        .iter()
        .enumerate()
        .map(|(i, span)| {
            if span.depth == 0 {
                last_outer = Some(i);
                None
            } else {
                last_outer.filter(|&p| spans[p].open < span.open && spans[p].close >= span.close)
            }
        })
        .collect()
}

/// Finds every quotation in the given blocks (paragraphs) of `text`, in order of opening mark.
pub fn find(text: &str, blocks: &[Range<usize>]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut previous_left_open = false;
    // Whether this block opens with a mark: asked once per block, as the next block first.
    let mut opens_with_mark = blocks
        .first()
        .is_some_and(|first| starts_with_open_mark(text, first));
    for (index, block) in blocks.iter().enumerate() {
        let continues = previous_left_open && opens_with_mark;
        let next_reopens = blocks
            .get(index + 1)
            .is_some_and(|next| starts_with_open_mark(text, next));
        opens_with_mark = next_reopens;
        previous_left_open = find_in_block(
            text,
            block.clone(),
            index,
            continues,
            next_reopens,
            &mut spans,
        );
    }
    spans
}

/// Where the next byte that may start a mark ('"', '\'', 0xC2, 0xE2) is, from `from` on.
/// Eight bytes at a time: most of the text has none.
fn next_mark_byte(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte equal to `b`; bits above a true match may be set falsely,
    // so only the lowest set bit is to be trusted.
    let matches = |word: u64, b: u8| {
        let x = word ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut eight = [0; 8];
        eight.copy_from_slice(chunk);
        let word = u64::from_le_bytes(eight);
        let found =
            matches(word, b'"') | matches(word, b'\'') | matches(word, 0xC2) | matches(word, 0xE2);
        if found != 0 {
            return Some(i + found.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    bytes
        .get(i..)?
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | 0xC2 | 0xE2))
        .map(|offset| i + offset)
}

/// Returns whether the block ends inside a double quotation.
fn find_in_block(
    text: &str,
    block: Range<usize>,
    index: usize,
    continues: bool,
    next_reopens: bool,
    spans: &mut Vec<Span>,
) -> bool {
    let first = spans.len();
    let mut stack = OpenMarks::default();
    let mut stray_closes: Vec<(usize, usize)> = Vec::new();
    // Opening marks that continue a quotation cut at a lost paragraph break.
    let mut reopened: Vec<usize> = Vec::new();
    let part = &text[block.clone()];
    let bytes = part.as_bytes();
    let mut from = 0;
    // Jump from mark to mark: every mark is '"', '\'' or starts with byte 0xC2 (« ») or 0xE2
    // (“ ” ‘ ’ „), and those bytes only ever start a character.
    while let Some(i) = next_mark_byte(bytes, from) {
        let Some(c) = part[i..].chars().next() else {
            break;
        };
        from = i + c.len_utf8();
        if !matches!(c, '„' | '“' | '«' | '”' | '»' | '"' | '‘' | '\'' | '’') {
            continue;
        }
        let prev = part[..i].chars().next_back();
        let next = part[from..].chars().next();
        let at = block.start + i;
        let after = at + c.len_utf8();
        let double_open = stack.last_of(Class::Double);
        let single_open = stack.last_of(Class::Single);
        let opening = |class, low| Open {
            class,
            at,
            after,
            low,
        };
        match c {
            '„' => stack.push(opening(Class::Double, true)),
            '“' => {
                // „…“ (German) closes with “; otherwise “ opens.
                match double_open {
                    Some(d) if stack[d].low => {
                        close(text, &mut stack, d, at, after, index, spans, &reopened)
                    }
                    _ => stack.push(opening(Class::Double, false)),
                }
            }
            '«' => stack.push(opening(Class::Double, false)),
            '”' | '»' => match double_open {
                Some(d) => close(text, &mut stack, d, at, after, index, spans, &reopened),
                None => stray_closes.push((at, after)),
            },
            '"' => {
                let left_open = is_open_context(prev);
                let right_close = is_close_context(next);
                match double_open {
                    Some(d) if !left_open || right_close => {
                        close(text, &mut stack, d, at, after, index, spans, &reopened)
                    }
                    // `… fall apart. "It gave me…`: a paragraph break lost in scraping, where the
                    // next paragraph of the same quotation reopens. Cut it there.
                    Some(d) if d == 0 && ends_sentence(&text[block.start..at]) => {
                        let outer = &stack[0];
                        let content = trimmed(text, outer.after..at);
                        if !content.is_empty() {
                            spans.push(Span {
                                open: outer.at,
                                content,
                                close: at,
                                closed: false,
                                depth: 0,
                                block: index,
                                continuation: reopened.binary_search(&outer.at).is_ok(),
                                single: false,
                            });
                        }
                        stack.clear();
                        stack.push(opening(Class::Double, false));
                        reopened.push(at);
                    }
                    Some(_) => stack.push(opening(Class::Double, false)),
                    None if right_close && !left_open => stray_closes.push((at, after)),
                    None => stack.push(opening(Class::Double, false)),
                }
            }
            '‘' | '\'' => {
                let rest = &part[i + c.len_utf8()..];
                if is_wordy(prev) && is_wordy(next) {
                    // Russia's, don't: an apostrophe inside a word.
                } else if let Some(s) =
                    single_open.filter(|_| !is_wordy(next) && !is_open_context(prev))
                {
                    close(text, &mut stack, s, at, after, index, spans, &reopened);
                } else if is_open_context(prev) && !is_close_context(next) && !is_elision(rest) {
                    stack.push(opening(Class::Single, false));
                }
            }
            '’' => {
                if is_wordy(prev) && is_wordy(next) {
                    // Russia’s
                } else if let Some(s) = single_open.filter(|_| !is_wordy(next)) {
                    close(text, &mut stack, s, at, after, index, spans, &reopened);
                }
            }
            _ => {}
        }
    }
    // A closing mark with nothing open, in a paragraph that carries on a quotation whose
    // reopening mark is missing: the quote runs from the paragraph start to that mark.
    let block_start = trimmed(text, block.clone()).start;
    if let Some(&(at, after)) = stray_closes.first() {
        let nothing_before = spans[first..].iter().all(|s| s.open > at);
        if nothing_before && (continues || stack.is_empty()) && at > block_start {
            let content = trimmed(text, block_start..at);
            if text[content.clone()].split_whitespace().take(3).count() >= 3 && continues {
                spans.push(Span {
                    open: block_start,
                    content,
                    close: after,
                    closed: true,
                    depth: 0,
                    block: index,
                    continuation: true,
                    single: false,
                });
            }
        }
    }
    // The outermost double quotation still open runs to the end of the paragraph (the news
    // convention for quotes over several paragraphs); unclosed singles were apostrophes.
    let mut left_open = false;
    if let Some(outer) = stack.outermost_double() {
        let content = trimmed(text, outer.after..block.end);
        // Only "none" and "at least 4" matter: stop counting at 4.
        let words = text[content.clone()].split_whitespace().take(4).count();
        let at_start = outer.at == block_start;
        if words > 0 && (next_reopens || at_start || words >= 4) {
            let depth = spans[first..]
                .iter()
                .filter(|s| s.open < outer.at && s.close > outer.at)
                .count();
            spans.push(Span {
                open: outer.at,
                content,
                close: block.end,
                closed: false,
                depth,
                block: index,
                continuation: reopened.binary_search(&outer.at).is_ok(),
                single: false,
            });
            left_open = next_reopens;
        }
    }
    // Mark continuations: the first quotation of a paragraph that reopens an unclosed one.
    if continues {
        if let Some(span) = spans[first..]
            .iter_mut()
            .filter(|s| s.depth == 0)
            .min_by_key(|s| s.open)
        {
            if span.open == block_start {
                span.continuation = true;
            }
        }
    }
    spans[first..].sort_by_key(|s| s.open);
    left_open
}

/// Whether text ends a sentence (a full stop, question or exclamation mark, then space).
fn ends_sentence(before: &str) -> bool {
    let trimmed = before.trim_end();
    trimmed.len() < before.len() && trimmed.ends_with(['.', '!', '?', '…'])
}

#[allow(clippy::too_many_arguments)]
fn close(
    text: &str,
    stack: &mut OpenMarks,
    index_in_stack: usize,
    at: usize,
    after: usize,
    block: usize,
    spans: &mut Vec<Span>,
    reopened: &[usize],
) {
    let open = &stack[index_in_stack];
    let content = trimmed(text, open.after..at);
    if !content.is_empty() {
        spans.push(Span {
            open: open.at,
            content,
            close: after,
            closed: true,
            depth: index_in_stack,
            block,
            continuation: reopened.binary_search(&open.at).is_ok(),
            single: open.class == Class::Single,
        });
    }
    // Marks opened inside and never closed were not quotations.
    stack.truncate(index_in_stack);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        let blocks: Vec<Range<usize>> = {
            let mut out = Vec::new();
            let mut start = 0;
            for part in text.split("\n\n") {
                out.push(start..start + part.len());
                start += part.len() + 2;
            }
            out
        };
        find(text, &blocks)
            .iter()
            .map(|s| text[s.content.clone()].to_string())
            .collect()
    }

    #[test]
    fn curly_and_straight_marks() {
        assert_eq!(texts("He said, “We will win,” and left."), ["We will win,"]);
        assert_eq!(
            texts("He said, \"We will win,\" and left."),
            ["We will win,"]
        );
        assert_eq!(texts("Il a dit « non » hier."), ["non"]);
        assert_eq!(texts("Er sagte „nein“ gestern."), ["nein"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            texts("US, NATO ‘ignored’ Russia’s key concerns"),
            ["ignored"]
        );
        assert_eq!(
            texts("Let’s go back to the '90s, said the Philippines' leader."),
            Vec::<String>::new()
        );
        assert_eq!(texts("Trump says he 'can' and 'may' act"), ["can", "may"]);
    }

    #[test]
    fn split_quote_gives_two() {
        assert_eq!(
            texts("“We will win,” he said, “and soon.”"),
            ["We will win,", "and soon."]
        );
    }

    #[test]
    fn nested_quotes_are_both_found() {
        let found = texts("He said, \"I thought 'I'm going to die' then.\"");
        assert_eq!(
            found,
            ["I thought 'I'm going to die' then.", "I'm going to die"]
        );
    }

    #[test]
    fn quotes_over_paragraphs_give_one_per_paragraph() {
        let text = "He said: “First part.\n\n“Second part.\n\n“Last part.”\n\nAfter.";
        assert_eq!(texts(text), ["First part.", "Second part.", "Last part."]);
        let blocks = vec![0..22, 24..39, 41..55];
        let spans = find(text, &blocks);
        assert_eq!(
            spans.iter().map(|s| s.continuation).collect::<Vec<_>>(),
            [false, true, true]
        );
    }

    #[test]
    fn lost_paragraph_breaks_inside_a_quote_split_it() {
        let text = "He said: \"The Lyric matters. \"It gave me a start. \"Belfast was hard.\" Then he left.";
        assert_eq!(
            texts(text),
            [
                "The Lyric matters.",
                "It gave me a start.",
                "Belfast was hard."
            ]
        );
    }

    #[test]
    fn unbalanced_marks_are_recovered_locally() {
        // A stray mark in one paragraph does not swallow the next.
        let text = "He was 6'2\" tall.\n\nShe said \"yes\" twice.";
        assert_eq!(texts(text), ["yes"]);
    }
}

//! Tokens of the narrative around quotations: words, punctuation, and whole quotations as
//! single opaque tokens, cut into sentences.

use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use super::attribution::{CAPITALISED, SPEECH_FOLDED, token_class, word_class};
use super::spans::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct(char),
    /// An outermost quotation, by index into the spans.
    Quote(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// The word lists and shapes of the token's text (`attribution::token_class`), worked out
    /// once here: the attribution passes ask them of every word, several times.
    pub class: u32,
}

/// Words that end with a full stop that does not end a sentence.
fn is_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "St"
            | "Gen"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Lt"
            | "Col"
            | "Capt"
            | "Prof"
            | "Jr"
            | "Sr"
            | "Inc"
            | "Ltd"
            | "Co"
            | "No"
            | "vs"
            | "Sgt"
            | "Rev"
            | "Mt"
            | "Ft"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Aug"
            | "Sept"
            | "Sep"
            | "Oct"
            | "Nov"
            | "Dec"
            | "Corp"
            | "Bros"
            | "approx"
            | "est"
            | "U.S"
            | "U.K"
            | "U.N"
            | "e.g"
            | "i.e"
    ) || (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()))
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '&' | '%' | '$');
    }
    // General Punctuation (’ “ ” — – …), the commonest non-ASCII: none of it is alphanumeric.
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return false;
    }
    let code = c as usize;
    match WORD_CHAR_PAGES.get(code / 128) {
        Some(page) => page.get_or_init(|| word_char_page(c as u32 / 128)) >> (code % 128) & 1 != 0,
        None => is_non_ascii_word_char(c),
    }
}

/// `is_word_char` past ASCII and General Punctuation, from Unicode's tables.
fn is_non_ascii_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '£' || c == '€'
}

/// `is_word_char` of every character below U+1000 (Latin to Devanagari and beyond), one bit
/// each, 128 to a page, a page worked out when one of its characters is first met: Unicode's
/// tables take about a thousand instructions a character, and a script other than Latin asks
/// them of every letter.
static WORD_CHAR_PAGES: [OnceLock<u128>; 32] = [const { OnceLock::new() }; 32];

fn word_char_page(page: u32) -> u128 {
    (0..128).fold(0, |bits, offset| {
        match char::from_u32(page * 128 + offset) {
            // Past ASCII (page 0 is never read): below U+1000, no General Punctuation.
            Some(c) if !c.is_ascii() && is_non_ascii_word_char(c) => bits | 1 << offset,
            _ => bits,
        }
    })
}

// What an ASCII byte is to the tokeniser (`BYTE_KINDS`): a word character, a joiner inside a
// word, a capital letter.
const WORD_BYTE: u8 = 1;
const JOINER_BYTE: u8 = 2;
const UPPER_BYTE: u8 = 4;

/// `WORD_BYTE` as `is_word_char` says, `JOINER_BYTE` for the ASCII joiners; 0 past ASCII.
static BYTE_KINDS: [u8; 256] = {
    let mut kinds = [0; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || matches!(c, b'&' | b'%' | b'$') {
            kinds[b] |= WORD_BYTE;
        }
        if matches!(c, b'\'' | b'-' | b'.' | b',') {
            kinds[b] |= JOINER_BYTE;
        }
        if c.is_ascii_uppercase() {
            kinds[b] |= UPPER_BYTE;
        }
        b += 1;
    }
    kinds
};

/// `token_class` of every ASCII character, for punctuation: worked out once, not per mark.
static ASCII_CLASSES: LazyLock<[u32; 128]> = LazyLock::new(|| {
    let mut classes = [0; 128];
    for (b, class) in (0u8..).zip(classes.iter_mut()) {
        *class = token_class(char::from(b).encode_utf8(&mut [0; 4]));
    }
    classes
});

/// The marks that may end a sentence (`sentences`; `tokenize` notes them as `Marks::ends`).
const SENTENCE_ENDS: [char; 4] = ['.', '!', '?', '…'];

/// Tokens that later passes look for, noted by `tokenize` as it makes them, so that those
/// passes need not read every token: each block's in order, counted from its first token.
#[derive(Default)]
pub struct Marks {
    /// Full stops and the like, and quotations: where a sentence may end (`sentences`).
    pub ends: Vec<usize>,
    /// Capitalised words: where a run of a name may start.
    pub capitals: Vec<usize>,
    /// Words that may be speech verbs or "according" (`SPEECH_FOLDED`).
    pub speech: Vec<usize>,
}

/// The entries of `marks` (sorted token indices, one block's) that fall in `range`.
pub fn marks_within<'m>(marks: &'m [usize], range: &Range<usize>) -> &'m [usize] {
    let from = marks.partition_point(|&i| i < range.start);
    let to = marks.partition_point(|&i| i < range.end);
    &marks[from..to.max(from)]
}

/// The character at byte `i`, decoding only when it is not ASCII (most of the text).
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => text[i..].chars().next(),
    }
}

/// Tokenises `range` of `text`; outermost quotations (depth 0 spans of this block) become
/// single tokens, added to `out`; the block's `Marks` are added to `marks`.
pub fn tokenize(
    text: &str,
    range: Range<usize>,
    quotes: &[(usize, &Span)],
    out: &mut Vec<Token>,
    marks: &mut Marks,
) {
    let first = out.len();
    let mut quotes = quotes.iter();
    let mut next_quote = quotes.next();
    // Where the next quotation opens (`usize::MAX` when none does), and where words must stop:
    // worked out once per quotation, not once per character.
    let open_of = |quote: Option<&(usize, &Span)>| quote.map_or(usize::MAX, |(_, s)| s.open);
    let mut next_open = open_of(next_quote);
    let mut limit = next_open.min(range.end);
    let mut i = range.start;
    let bytes = text.as_bytes();
    while i < range.end {
        if next_open <= i {
            if let Some(&(index, span)) = next_quote {
                marks.ends.push(out.len() - first);
                out.push(Token {
                    kind: Kind::Quote(index),
                    start: span.open,
                    end: span.close,
                    class: token_class(&text[span.open..span.close]),
                });
                i = span.close.max(i + 1);
                next_quote = quotes.next();
                next_open = open_of(next_quote);
                limit = next_open.min(range.end);
                continue;
            }
        }
        // Spaces, the commonest character, need no decoding.
        if bytes[i] == b' ' {
            i += 1;
            continue;
        }
        // ASCII word characters, the first byte of most tokens, need no decoding.
        let ascii_word = BYTE_KINDS[usize::from(bytes[i])] & WORD_BYTE != 0;
        let c = if ascii_word {
            char::from(bytes[i])
        } else {
            let Some(c) = char_at(text, i) else {
                break;
            };
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            c
        };
        if ascii_word || is_word_char(c) {
            let start = i;
            let mut j = i;
            // Whether the word is all ASCII so far: with no capital among its word bytes
            // (`kinds_seen`), it spares `word_class` a scan.
            let mut plain = true;
            let mut kinds_seen = 0;
            // Bounded once: each byte below is one check, not two.
            let scan = &bytes[..limit.min(bytes.len())];
            while let Some(&b) = scan.get(j) {
                // ASCII word bytes, the bulk of every word, one table read each.
                let kind = BYTE_KINDS[usize::from(b)];
                if kind & WORD_BYTE != 0 {
                    kinds_seen |= kind;
                    j += 1;
                    continue;
                }
                // Other ASCII ends the word unless it joins two parts of it (decided below).
                if b.is_ascii() && kind & JOINER_BYTE == 0 {
                    break;
                }
                plain &= b.is_ascii();
                let Some(ch) = char_at(text, j) else {
                    break;
                };
                if is_word_char(ch) {
                    j += ch.len_utf8();
                    continue;
                }
                // Joiners inside a word: Russia’s, 30-year-old, U.S, 1,000, 2.5
                if matches!(ch, '\'' | '’' | '-' | '.' | ',' | '‑') {
                    let after = j + ch.len_utf8();
                    let next_ok = after < limit
                        && char_at(text, after).is_some_and(|n| {
                            if ch == ',' {
                                n.is_ascii_digit() && bytes[j - 1].is_ascii_digit()
                            } else {
                                n.is_alphanumeric()
                            }
                        });
                    if next_ok {
                        j = after;
                        continue;
                    }
                }
                break;
            }
            let class = word_class(
                &text[start..j],
                plain,
                plain && kinds_seen & UPPER_BYTE == 0,
            );
            if class & CAPITALISED != 0 {
                marks.capitals.push(out.len() - first);
            }
            if class & SPEECH_FOLDED != 0 {
                marks.speech.push(out.len() - first);
            }
            out.push(Token {
                kind: Kind::Word,
                start,
                end: j,
                class,
            });
            i = j.max(i + 1);
        } else {
            let class = match ASCII_CLASSES.get(usize::from(bytes[i])) {
                Some(&class) => class,
                None => token_class(&text[i..i + c.len_utf8()]),
            };
            if SENTENCE_ENDS.contains(&c) {
                marks.ends.push(out.len() - first);
            }
            out.push(Token {
                kind: Kind::Punct(c),
                start: i,
                end: i + c.len_utf8(),
                class,
            });
            i += c.len_utf8();
        }
    }
}

/// Splits a block's tokens into sentences (ranges of token indices), each given to `emit`
/// in order: the caller keeps them where it likes, without a vector per block. `ends` are
/// the block's tokens that may end one, from `tokenize`: only they are read, not every token.
pub fn sentences(
    text: &str,
    tokens: &[Token],
    ends: &[usize],
    spans: &[Span],
    mut emit: impl FnMut(Range<usize>),
) {
    let mut start = 0;
    for &i in ends {
        // Only asked after a full stop or the like: a closure, so other tokens skip it.
        let next_starts_sentence = || {
            tokens.get(i + 1).is_some_and(|n| match n.kind {
                Kind::Word => text[n.start..n.end]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()),
                Kind::Quote(_) => true,
                Kind::Punct(c) => matches!(c, '(' | '[' | '—' | '–'),
            })
        };
        let ends = match tokens[i].kind {
            Kind::Punct(c) if SENTENCE_ENDS.contains(&c) => {
                let previous_word = i
                    .checked_sub(1)
                    .map(|p| &text[tokens[p].start..tokens[p].end])
                    .filter(|_| {
                        i > 0
                            && matches!(tokens[i - 1].kind, Kind::Word)
                            && tokens[i - 1].end == tokens[i].start
                    });
                let abbreviation = tokens[i].kind == Kind::Punct('.')
                    && previous_word.is_some_and(is_abbreviation);
                !abbreviation && next_starts_sentence()
            }
            // A quotation that ends its own sentence, followed by a new capitalised sentence.
            Kind::Quote(q) => {
                let span = &spans[q];
                let inner = text[span.content.clone()].trim_end();
                inner.ends_with(SENTENCE_ENDS)
                    && tokens.get(i + 1).is_some_and(|n| {
                        matches!(n.kind, Kind::Word)
                            && text[n.start..n.end]
                                .chars()
                                .next()
                                .is_some_and(char::is_uppercase)
                    })
            }
            _ => false,
        };
        if ends {
            emit(start..i + 1);
            start = i + 1;
        }
    }
    if start < tokens.len() {
        emit(start..tokens.len());
    }
}

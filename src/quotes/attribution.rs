//! Attribution: who said each quotation. People are gathered from the whole article first
//! (so a name's fullest form is known), then each sentence's speech verbs are tied to their
//! subjects, and each quotation to the nearest verb, a pronoun's antecedent, or the speaker
//! carried over from the quotation before.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::lexicon::*;
use super::spans::Span;
use super::tokens::{self, Kind, Token};
use super::{Block, Pattern};

/// A person named in the article.
#[derive(Debug, Clone)]
struct Person {
    /// The fullest form of the name, titles dropped: its words (which hold no spaces, being
    /// tokens) joined by spaces (`name`), then the same lowercased for matching (`folded`):
    /// one string for both.
    spelled: String,
    /// Where `name` ends in `spelled` and `folded` starts.
    name_len: usize,
    /// How many words the name has.
    word_count: usize,
    /// Lowercased role words written next to the name ("russian", "president", "spokeswoman").
    roles: Vec<String>,
    gender: Gender,
    /// The next person added whose name's last word is the same (`Article::by_last`).
    next_same_last: Option<usize>,
}

/// The people sharing a name's last word, in the order they were added (`Article::by_last`).
#[derive(Clone)]
struct SameLast<'a> {
    people: &'a [Person],
    next: Option<usize>,
}

impl Iterator for SameLast<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let person = self.next?;
        self.next = self.people[person].next_same_last;
        Some(person)
    }
}

#[derive(Debug, Clone, Copy)]
struct Mention {
    person: usize,
    at: usize,
    /// One past the name as written.
    end: usize,
    /// Follows a preposition ("with Viktor Orban"): a weaker antecedent for "he".
    oblique: bool,
}

/// Who a phrase refers to, once resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Speaker {
    Person(usize),
    /// An organisation, document or unnamed source, named as written.
    Literal(String),
}

/// What attributing one quotation gave.
#[derive(Debug, Clone)]
pub struct Attribution {
    pub speaker: Option<Speaker>,
    pub pattern: Pattern,
    pub mention: Option<Range<usize>>,
    pub confidence: f32,
}

pub struct Article<'t> {
    text: &'t str,
    people: Vec<Person>,
    mentions: Vec<Mention>,
    /// Organisations named in the narrative: (where, name as written), in text order.
    organisations: Vec<(usize, String)>,
    /// People by the `last_word_hash` of their name's last word (every match shares it):
    /// the first and last added, the others chained between them by
    /// `Person::next_same_last`. Two words of one hash share a chain, and `tails_match`
    /// (which compares last words too) parts them: no string is kept or folded per name.
    by_last: FxHashMap<u64, (usize, usize)>,
    /// Where each person is mentioned, in text order.
    person_mentions: Vec<Vec<usize>>,
    /// One bit per `last_word_bit` of the keys of `by_last`: most names looked up are new,
    /// and a clear bit rules them out without a map lookup.
    last_word_bits: [u64; LAST_WORD_BITS / 64],
}

const LAST_WORD_BITS: usize = 4096;

/// A hash of `w` lowercased: ASCII words folded byte by byte as they are read (nearly all),
/// others through `to_lowercase` (whose output has no ASCII capitals left to fold).
fn last_word_hash(w: &str) -> u64 {
    let hash = |bytes: &[u8]| {
        bytes.iter().fold(0u64, |h, b| {
            (h.rotate_left(5) ^ u64::from(b.to_ascii_lowercase()))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
        })
    };
    if w.is_ascii() {
        hash(w.as_bytes())
    } else {
        hash(w.to_lowercase().as_bytes())
    }
}

/// The bit of `last_word_bits` for a `last_word_hash`.
fn last_word_bit(hash: u64) -> usize {
    (hash >> (64 - LAST_WORD_BITS.trailing_zeros())) as usize
}

fn word<'t>(text: &'t str, t: &Token) -> &'t str {
    &text[t.start..t.end]
}

/// Calls `f` with `w` lowercased, without allocating for ASCII words of up to 32 bytes
/// (nearly all of them).
fn with_lowercase<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    match buf.get_mut(..w.len()) {
        Some(lower) if w.is_ascii() => {
            lower.copy_from_slice(w.as_bytes());
            lower.make_ascii_lowercase();
            f(std::str::from_utf8(lower).expect("ASCII is UTF-8"))
        }
        _ => f(&w.to_lowercase()),
    }
}

/// Whether token `t`'s text is in any of the classes `bits` (see `token_class`).
#[inline]
fn is(t: &Token, bits: u32) -> bool {
    t.class & bits != 0
}

// Classes worked out from a word's shape, beside the word-list bits of `lexicon::classes`.
pub(super) const CAPITALISED: u32 = 1 << 16;
/// `is_title`: a title written with its capital.
const TITLE_WORD: u32 = 1 << 17;
/// Words between a subject and its verb: auxiliaries, time phrases, and -ly adverbs.
const MODIFIER: u32 = 1 << 18;
/// Folded to lowercase as `verbs_in` folds it, a speech verb or "according".
pub(super) const SPEECH_FOLDED: u32 = 1 << 19;

/// Every class of a token's text, once per token: its word lists and the shapes above.
pub(super) fn token_class(w: &str) -> u32 {
    // Quotations are long: no need to read them through (`word_class` treats both alike).
    let ascii = w.len() <= 14 * 4 && w.is_ascii();
    word_class(
        w,
        ascii,
        ascii && !w.bytes().any(|b| b.is_ascii_uppercase()),
    )
}

/// `token_class` for a word the tokeniser knows to be ASCII (`ascii`; false when it does not
/// know), and lowercase ASCII or not. Always inlined, lexicon lookup included: a call per
/// word cost more than the lookup's first test.
#[inline(always)]
pub(super) fn word_class(w: &str, ascii: bool, lowercase_ascii: bool) -> u32 {
    let mut class = classes_inlined(w);
    if !lowercase_ascii && is_capitalised(w) {
        class |= CAPITALISED;
    }
    // `is_title` from the list bit: only a quotation's text can end in the full stop it trims.
    let title = w.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
        && if w.ends_with('.') {
            is_title(w)
        } else {
            class & TITLE != 0
        };
    if title {
        class |= TITLE_WORD;
    }
    if class & VERB_MODIFIER != 0
        || (w.len() > 4 && w.ends_with("ly") && w.chars().all(|c| c.is_lowercase()))
    {
        class |= MODIFIER;
    }
    // Already lowercase (most words): the list bit says it; otherwise fold as `verbs_in` does.
    let speech = if lowercase_ascii {
        (3..=14).contains(&w.len()) && (class & SPEECH_VERB != 0 || w == "according")
    } else if ascii {
        ascii_folds_to_speech_verb(w)
    } else {
        folds_to_speech_verb(w)
    };
    if speech {
        class |= SPEECH_FOLDED;
    }
    class
}

/// Whether `verbs_in` would look further at `w`: folded as it folds words, a speech verb or
/// "according".
fn folds_to_speech_verb(w: &str) -> bool {
    // A character's lowercase takes at least a quarter of its bytes: longer text (a whole
    // quotation) cannot fold to 14 bytes, and is not read.
    if w.len() > 14 * 4 {
        return false;
    }
    let check = |lower: &str| {
        (3..=14).contains(&lower.len()) && (lower == "according" || is_speech_verb(lower))
    };
    if w.is_ascii() {
        ascii_folds_to_speech_verb(w)
    } else if w.chars().any(char::is_uppercase) {
        check(&w.to_lowercase())
    } else {
        check(w)
    }
}

/// `folds_to_speech_verb` for an ASCII word: most (capitalised words) are turned away by
/// their length, first and last letters, inline.
#[inline(always)]
fn ascii_folds_to_speech_verb(w: &str) -> bool {
    (3..=14).contains(&w.len())
        && (may_fold_to_speech_verb(w.as_bytes()) || w.eq_ignore_ascii_case("according"))
        && with_lowercase(w, |lower| lower == "according" || is_speech_verb(lower))
}

/// The first five letters of `w` (five characters at least) lowercased, onto `out`: ASCII
/// words (nearly all) without `to_lowercase`.
fn push_stem(w: &str, out: &mut String) {
    if w.is_ascii() {
        let start = out.len();
        out.push_str(&w[..5]);
        out[start..].make_ascii_lowercase();
    } else {
        out.extend(w.to_lowercase().chars().take(5));
    }
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w)
}

#[inline]
fn is_capitalised(w: &str) -> bool {
    let upper = match w.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => w.chars().next().is_some_and(|c| c.is_uppercase()),
    };
    if upper {
        return true;
    }
    // "el-Sisi", "al-Assad", "bin-Laden": a lowercase particle (3 bytes at most, so the
    // hyphen is among the first 4) joined to a name.
    match w.as_bytes().iter().take(4).position(|&b| b == b'-') {
        Some(at) => w[at + 1..].chars().next().is_some_and(|c| c.is_uppercase()),
        None => false,
    }
}

/// Whether one name ends with the other, word for word: `folded` (lowercased) against `name`
/// as lowercased (`folded.ends_with(lowered) || lowered.ends_with(folded)`), folding
/// only words that are not ASCII. `folded` is a `Person::folded`: words joined by spaces.
fn tails_match<S: AsRef<str>>(folded: &str, name: &[S]) -> bool {
    let mut rest = folded;
    for w in name.iter().rev() {
        // Names are a few short words: a plain byte search beats `rsplit`'s searcher.
        let space = rest.bytes().rposition(|b| b == b' ');
        if !folds_to(w.as_ref(), &rest[space.map_or(0, |at| at + 1)..]) {
            return false;
        }
        match space {
            Some(at) => rest = &rest[..at],
            None => return true,
        }
    }
    true
}

/// `w.to_lowercase()`, without its Unicode machinery for ASCII words (nearly all).
fn lowercased(w: &str) -> String {
    if w.is_ascii() {
        w.to_ascii_lowercase()
    } else {
        w.to_lowercase()
    }
}

impl Person {
    /// A person named `name` (words without spaces), lowercased word by word for `folded`.
    fn new<S: AsRef<str>>(name: &[S], roles: Vec<String>, gender: Gender) -> Self {
        let mut person = Person {
            spelled: String::new(),
            name_len: 0,
            word_count: 0,
            roles,
            gender,
            next_same_last: None,
        };
        person.rename(name);
        person
    }

    /// Replaces the name with the words of `name`.
    fn rename<S: AsRef<str>>(&mut self, name: &[S]) {
        self.spelled.clear();
        // One allocation: the words and the spaces between them, twice (a word's lowercase
        // may be longer, rarely).
        let len = name.iter().map(|w| w.as_ref().len() + 1).sum::<usize>();
        self.spelled.reserve(2 * len);
        for (n, w) in name.iter().enumerate() {
            if n > 0 {
                self.spelled.push(' ');
            }
            self.spelled.push_str(w.as_ref());
        }
        self.name_len = self.spelled.len();
        for (n, w) in name.iter().enumerate() {
            let w = w.as_ref();
            if n > 0 {
                self.spelled.push(' ');
            }
            if w.is_ascii() {
                let start = self.spelled.len();
                self.spelled.push_str(w);
                self.spelled[start..].make_ascii_lowercase();
            } else {
                self.spelled.push_str(&w.to_lowercase());
            }
        }
        self.word_count = name.len();
    }

    /// The name as written, words joined by spaces.
    fn name(&self) -> &str {
        &self.spelled[..self.name_len]
    }

    /// The name lowercased, words joined by spaces.
    fn folded(&self) -> &str {
        &self.spelled[self.name_len..]
    }

    /// The first word of the name.
    fn first_word(&self) -> &str {
        let name = self.name();
        let end = name.bytes().position(|b| b == b' ');
        &name[..end.unwrap_or(name.len())]
    }
}

/// Whether `w.to_lowercase() == folded`, where `folded` is itself a lowercased word (so it
/// has no ASCII capitals): ASCII words are compared without folding them.
fn folds_to(w: &str, folded: &str) -> bool {
    if w.is_ascii() {
        w.len() == folded.len() && folded.eq_ignore_ascii_case(w)
    } else {
        w.to_lowercase() == folded
    }
}

/// One capitalised run of words in the narrative, with the lowercase roles before it.
struct Run<'t> {
    /// Token indices of the run.
    range: Range<usize>,
    /// Token indices of the lowercase role words right before the run ("spokeswoman", "race
    /// director"): read by `lower_roles` only for runs that are kept.
    roles: Range<usize>,
    /// The surname a first name before "and" shares ("David and Louise Turpin").
    shared_surname: Option<&'t str>,
}

/// Splits "Bob Behnken and Doug Hurley" into two runs (organisations like "Department of
/// Health and Human Services" stay whole).
fn split_at_and<'t>(text: &'t str, tokens: &[Token], run: Run<'t>) -> (Run<'t>, Option<Run<'t>>) {
    let Some(and) = run
        .range
        .clone()
        // Both are name connectors: the class turns other words away unread.
        .find(|&k| is(&tokens[k], NAME_CONNECTOR) && matches!(word(text, &tokens[k]), "and" | "&"))
    else {
        return (run, None);
    };
    let words = |r: Range<usize>| -> Vec<&str> { r.map(|k| word(text, &tokens[k])).collect() };
    let left = words(run.range.start..and);
    let right = words(and + 1..run.range.end);
    let organisation = left
        .iter()
        .chain(&right)
        .any(|w| is_organisation_word(w) || is_place_or_thing_word(w));
    if organisation || right.is_empty() || left.is_empty() {
        return (run, None);
    }
    let shared_surname = (left.len() == 1 && right.len() >= 2).then(|| right[right.len() - 1]);
    (
        Run {
            range: run.range.start..and,
            roles: run.roles.clone(),
            shared_surname,
        },
        Some(Run {
            range: and + 1..run.range.end,
            roles: run.roles,
            shared_surname: None,
        }),
    )
}

/// Capitalised runs in a block's tokens ("Prime Minister Viktor Orban", "Court of Appeal").
/// `out` is cleared first: one vector serves every block.
/// `capitals` are the block's capitalised words (`tokenize`), where runs may start.
fn runs<'t>(text: &'t str, tokens: &[Token], capitals: &[usize], out: &mut Vec<Run<'t>>) {
    out.clear();
    // Where the last run ended: a capital before it is inside that run.
    let mut i = 0;
    for &start in capitals {
        if start < i {
            continue;
        }
        let mut end = start + 1;
        loop {
            // "Mr." keeps the run going past its full stop.
            if end < tokens.len()
                && tokens[end].kind == Kind::Punct('.')
                && is(&tokens[end - 1], TITLE_WORD)
                && tokens.get(end + 1).is_some_and(|t| t.kind == Kind::Word)
            {
                end += 1;
                continue;
            }
            if end >= tokens.len() || tokens[end].kind != Kind::Word {
                break;
            }
            let previous = word(text, &tokens[end - 1]);
            if strip_possessive(previous) != previous {
                break;
            }
            let w = &tokens[end];
            if is(w, CAPITALISED) {
                end += 1;
            } else if is(w, NAME_CONNECTOR)
                && tokens.get(end + 1).is_some_and(|t| {
                    t.kind == Kind::Word && is(t, CAPITALISED) && !is(t, COMMON_CAPITALISED)
                })
            {
                end += 2;
            } else {
                break;
            }
        }
        let mut j = start;
        while j > 0 && start - j < 3 {
            let t = &tokens[j - 1];
            if t.kind != Kind::Word {
                break;
            }
            if is(t, CAPITALISED | PHRASE_BREAK | NAME_CONNECTOR)
                || word(text, t).bytes().any(|c| c.is_ascii_digit())
            {
                break;
            }
            j -= 1;
        }
        out.push(Run {
            range: start..end,
            roles: j..start,
            shared_surname: None,
        });
        i = end;
    }
}

/// The lowercase role words of `roles` (token indices), nearest the name first.
fn lower_roles<'t>(text: &'t str, tokens: &[Token], roles: &Range<usize>) -> Vec<Cow<'t, str>> {
    tokens[roles.clone()]
        .iter()
        .rev()
        .map(|t| {
            let w = word(text, t);
            // Borrowed when already lowercase (nearly always): no allocation per word.
            if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(w.to_lowercase())
            }
        })
        .collect()
}

/// A run split into its leading roles and the name after them.
struct NameParts {
    roles: Vec<String>,
    /// Where the name's words are in the `names` vector passed to `split_run` (the words are
    /// borrowed from the text, all runs' in one vector: no vector, no copy per run).
    name: Range<usize>,
    gender: Gender,
    /// Where the name starts (byte offset).
    start: usize,
    /// One past its last character.
    end: usize,
}

/// Words with their token classes (`token_class`), one class per word.
#[derive(Default)]
struct Words<'t> {
    words: Vec<&'t str>,
    classes: Vec<u32>,
}

impl<'t> Words<'t> {
    fn clear(&mut self) {
        self.words.clear();
        self.classes.clear();
    }

    fn push(&mut self, word: &'t str, class: u32) {
        self.words.push(word);
        self.classes.push(class);
    }

    fn len(&self) -> usize {
        self.words.len()
    }

    fn reserve(&mut self, additional: usize) {
        self.words.reserve(additional);
        self.classes.reserve(additional);
    }
}

/// `words` is scratch space for the run's words, reused from run to run; the name's words
/// are added to `names`.
fn split_run<'t>(
    text: &'t str,
    tokens: &[Token],
    run: &Range<usize>,
    words: &mut Words<'t>,
    names: &mut Words<'t>,
) -> NameParts {
    let word_tokens = || tokens[run.clone()].iter().filter(|t| t.kind == Kind::Word);
    words.clear();
    for t in word_tokens() {
        words.push(word(text, t), t.class);
    }
    let k = name_start(&words.words, &words.classes);
    let mut roles = Vec::new();
    let mut gender = Gender::Unknown;
    for (w, class) in words.words[..k].iter().zip(&words.classes) {
        let g = title_gender(w);
        if g != Gender::Unknown {
            gender = g;
        }
        if class & (COMMON_CAPITALISED | NAME_CONNECTOR) == 0 {
            roles.push(lowercased(w));
        }
    }
    let plain = &words.words[k..];
    let plain_classes = &words.classes[k..];
    let mut keep = affiliation_cut(plain, plain_classes);
    while keep > 1 && plain_classes[keep - 1] & POST_NOMINAL != 0 {
        keep -= 1;
    }
    let name_start = names.len();
    for (n, (w, &class)) in plain.iter().zip(plain_classes).enumerate().take(keep) {
        if n + 1 == keep {
            // A possessive's name is the word stripped, whose classes are its own.
            let stripped = strip_possessive(w);
            let class = if stripped.len() == w.len() {
                class
            } else {
                token_class(stripped)
            };
            names.push(stripped, class);
        } else {
            names.push(w, class);
        }
    }
    let name = name_start..names.len();
    let start = word_tokens()
        .nth(k)
        .filter(|_| keep > 0)
        .map_or(0, |t| t.start);
    let end = match keep
        .checked_sub(1)
        .and_then(|last| word_tokens().nth(k + last))
    {
        Some(last) => strip_end(text, last),
        None => start,
    };
    NameParts {
        roles,
        name,
        gender,
        start,
        end,
    }
}

fn strip_end(text: &str, t: &Token) -> usize {
    t.start + strip_possessive(word(text, t)).len()
}

/// `with_lowercase(w, is_role_noun)`, without folding a word already lowercase ASCII.
fn is_role_noun_folded(w: &str) -> bool {
    if !w.is_ascii() {
        with_lowercase(w, is_role_noun)
    } else if w.bytes().any(|b| b.is_ascii_uppercase()) {
        may_fold_to_role_noun(w.as_bytes()) && with_lowercase(w, is_role_noun)
    } else {
        is_role_noun(w)
    }
}

/// `is_organisation_word(w) || is_place_or_thing_word(w) || is_outlet(w)` in one lookup
/// (`is_outlet` looks up `w` itself unless it opens with "the ").
/// `class` is `w`'s token class (`token_class`), whose list bits are `classes(w)`.
fn is_organisation_place_or_outlet(w: &str, class: u32) -> bool {
    let found = class;
    found & (ORGANISATION_WORD | PLACE_OR_THING_WORD) != 0
        || if w.starts_with("the ") || w.starts_with("The ") {
            is_outlet(w)
        } else {
            found & OUTLET != 0
        }
}

/// `classes` are the token classes of the name's words (`token_class`), one per word.
fn looks_like_person<S: AsRef<str>>(name: &[S], classes: &[u32]) -> bool {
    let (Some(first), Some(last)) = (name.first(), name.last()) else {
        return false;
    };
    let (first, last) = (first.as_ref(), last.as_ref());
    if name.len() > 5
        || classes[name.len() - 1] & TITLE_WORD != 0
        || is_role_noun_folded(last)
        || matches!(
            first,
            "Los"
                | "Las"
                | "San"
                | "Santa"
                | "New"
                | "Saint"
                | "St"
                | "Port"
                | "Fort"
                | "Lake"
                | "Mount"
        )
    {
        return false;
    }
    if name.len() == 1 && classes[0] & (PLACE_NAME | COMMON_CAPITALISED | DEMONYM | TITLE_WORD) != 0
    {
        return false;
    }
    let acronym = |w: &str| {
        w.len() > 1
            && w.chars()
                .all(|c| c.is_ascii_uppercase() || !c.is_alphabetic())
    };
    !name
        .iter()
        .map(AsRef::as_ref)
        .zip(classes)
        .any(|(w, &class)| {
            matches!(w, "and" | "&" | "of" | "for")
                || is_organisation_place_or_outlet(w, class)
                || acronym(w)
                || w.chars().next().is_some_and(|c| c.is_ascii_digit())
        })
}

/// Whether a run is one word that `Article::new` would find neither a person
/// (`looks_like_person` rules out a lone common word, place, title or demonym) nor an
/// organisation (no acronym, no organisation word): it adds nothing, so its parts are not made.
fn is_lone_common_word(text: &str, tokens: &[Token], run: &Run) -> bool {
    if run.range.len() != 1 || run.shared_surname.is_some() {
        return false;
    }
    let t = &tokens[run.range.start];
    let w = word(text, t);
    // A possessive's name is the word stripped, whose lists the token's class does not give.
    strip_possessive(w).len() == w.len()
        && is(t, COMMON_CAPITALISED | PLACE_NAME | TITLE_WORD | DEMONYM)
        && !is(t, ORGANISATION_WORD)
        && !is_acronym(w)
}

/// "PBS", "G7": two characters or more, all capitals or digits.
fn is_acronym(w: &str) -> bool {
    w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

impl<'t> Article<'t> {
    /// Gathers the people named in the article's narrative (outside quotations).
    /// `block_capitals` are each block's capitalised words (`tokens::tokenize`).
    pub fn new(text: &'t str, block_tokens: &[&[Token]], block_capitals: &[&[usize]]) -> Self {
        let mut article = Article {
            text,
            people: Vec::new(),
            mentions: Vec::new(),
            organisations: Vec::new(),
            by_last: FxHashMap::default(),
            person_mentions: Vec::new(),
            last_word_bits: [0; LAST_WORD_BITS / 64],
        };
        // Full names first (two words or more), so that a later "Putin" finds "Vladimir Putin".
        // Each run's parts, lowercase roles, whether it follows a preposition, and whether it
        // looks like a person (asked once: both passes below need it).
        // Every run, and each half of one split at "and", starts at a capitalised word of its
        // own: the capitals bound both vectors of runs, each allocated once, never regrown.
        let capitals = block_capitals.iter().map(|c| c.len());
        let mut found: Vec<(NameParts, Vec<Cow<str>>, bool, bool)> =
            Vec::with_capacity(capitals.clone().sum());
        let mut block_runs = Vec::with_capacity(capitals.max().unwrap_or(0));
        let mut scratch = Words::default();
        // The words of every run's name, each run's a range of it (`NameParts::name`).
        let mut names = Words::default();
        for (tokens, capitals) in block_tokens.iter().zip(block_capitals) {
            runs(text, tokens, capitals, &mut block_runs);
            // Room for every run's words at once: growing this a step at a time was much of
            // the allocation here.
            names.reserve(block_runs.iter().map(|r| r.range.len()).sum());
            for run in block_runs.drain(..).flat_map(|r| {
                let (first, second) = split_at_and(text, tokens, r);
                std::iter::once(first).chain(second)
            }) {
                let determined = run.range.start > 0
                    && tokens[run.range.start - 1].kind == Kind::Word
                    && matches!(word(text, &tokens[run.range.start - 1]), "the" | "a" | "an");
                let first = word(text, &tokens[run.range.start]);
                let titled_after_article = tokens
                    .get(run.range.start + 1)
                    .is_some_and(|t| is(t, TITLE_WORD | DEMONYM));
                if determined || (matches!(first, "The" | "A" | "An") && !titled_after_article) {
                    continue;
                }
                if is_lone_common_word(text, tokens, &run) {
                    continue;
                }
                let mut parts = split_run(text, tokens, &run.range, &mut scratch, &mut names);
                if let Some(surname) = run.shared_surname {
                    // "David and Louise Turpin": David shares the surname (the name's range
                    // ends the vector, so the surname extends it).
                    if parts.name.len() == 1 {
                        names.push(surname, token_class(surname));
                        parts.name.end += 1;
                    }
                }
                // A name in a list ("films include A, B and C") is no one's antecedent.
                let listed = run.range.start > 0
                    && tokens[run.range.start - 1].kind == Kind::Punct(',')
                    && run.range.start > 1
                    && tokens[run.range.start - 2].kind == Kind::Word
                    && is(&tokens[run.range.start - 2], CAPITALISED);
                let oblique = listed
                    || run.range.start > 0
                        && tokens[run.range.start - 1].kind == Kind::Word
                        && matches!(
                            word(text, &tokens[run.range.start - 1]),
                            "with"
                                | "by"
                                | "to"
                                | "from"
                                | "for"
                                | "against"
                                | "of"
                                | "and"
                                | "met"
                                | "meeting"
                                | "include"
                                | "includes"
                                | "including"
                                | "like"
                        );
                let is_person = looks_like_person(
                    &names.words[parts.name.clone()],
                    &names.classes[parts.name.clone()],
                );
                // Only a person's roles are read below.
                let lower_roles = if is_person {
                    lower_roles(text, tokens, &run.roles)
                } else {
                    Vec::new()
                };
                found.push((parts, lower_roles, oblique, is_person));
            }
        }
        // At most one person and one mention per run.
        let people = found.iter().filter(|f| f.3).count();
        article.people.reserve(people);
        article.person_mentions.reserve(people);
        article.mentions.reserve(people);
        for (parts, lower_roles, _, is_person) in &found {
            let name = &names.words[parts.name.clone()];
            if name.len() >= 2 && *is_person {
                let roles = parts.roles.iter().map(String::as_str);
                let roles = roles.chain(lower_roles.iter().map(|r| &**r));
                let gender = if parts.gender != Gender::Unknown {
                    parts.gender
                } else {
                    lower_roles
                        .iter()
                        .map(|r| title_gender(r))
                        .find(|g| *g != Gender::Unknown)
                        .unwrap_or(Gender::Unknown)
                };
                article.add_person(name, roles, gender);
            }
        }
        for (parts, lower_roles, oblique, is_person) in &found {
            let name = &names.words[parts.name.clone()];
            if !is_person {
                // "sportswear firm Umbro", "the Thai Raksa Chart Party", "PBS": organisations.
                let acronym = name.len() == 1 && is_acronym(name[0]);
                let named_org = names.classes[parts.name.clone()]
                    .iter()
                    .any(|class| class & ORGANISATION_WORD != 0);
                if !name.is_empty() && (acronym || named_org) {
                    // Joined once: the same string is looked up and kept.
                    let joined = name.join(" ");
                    if !is_outlet(&joined) {
                        article.organisations.push((parts.start, joined));
                    }
                }
                continue;
            }
            if lower_roles.first().is_some_and(|r| is_organisation_noun(r)) {
                article.organisations.push((parts.start, name.join(" ")));
                continue;
            }
            let titled = !parts.roles.is_empty() || !lower_roles.is_empty();
            let person = match article.find_person_at(name, parts.start) {
                Some(p) => Some(p),
                None if name.len() == 1 && titled && parts.gender != Gender::Unknown => {
                    let roles = parts.roles.iter().map(String::as_str);
                    Some(article.add_person(name, roles, parts.gender))
                }
                None => None,
            };
            if let Some(person) = person {
                let roles = &mut article.people[person].roles;
                let new_roles = parts.roles.iter().map(String::as_str);
                for role in new_roles.chain(lower_roles.iter().map(|r| &**r)) {
                    if !roles.iter().any(|r| r == role) {
                        roles.push(role.to_string());
                    }
                }
                if article.people[person].gender == Gender::Unknown {
                    article.people[person].gender = parts.gender;
                }
                article.mentions.push(Mention {
                    person,
                    at: parts.start,
                    end: parts.end,
                    oblique: *oblique,
                });
                article.person_mentions[person].push(parts.start);
            }
        }
        article.mentions.sort_by_key(|m| m.at);
        article.organisations.sort_by_key(|o| o.0);
        article
    }

    /// The organisation last named before `at`, preferring one whose name ends in `head`.
    fn organisation_before(&self, at: usize, head: &str) -> Option<String> {
        let end = self.organisations.partition_point(|o| o.0 < at);
        let recent = &self.organisations[..end];
        recent
            .iter()
            .rev()
            .take(50)
            .find(|(_, name)| name.to_lowercase().ends_with(head))
            .or_else(|| recent.last())
            .map(|(_, name)| name.clone())
    }

    /// `roles` are borrowed: a known person (most calls) copies only the roles new to them.
    fn add_person<'r, S: AsRef<str>>(
        &mut self,
        name: &[S],
        roles: impl Iterator<Item = &'r str>,
        gender: Gender,
    ) -> usize {
        // A longer form of a known name replaces it ("Putin" → "Vladimir Putin").
        if let Some(existing) = self.find_person(name) {
            let person = &mut self.people[existing];
            if name.len() > person.word_count {
                person.rename(name);
            }
            for role in roles {
                if !person.roles.iter().any(|r| r == role) {
                    person.roles.push(role.to_string());
                }
            }
            if person.gender == Gender::Unknown {
                person.gender = gender;
            }
            return existing;
        }
        let id = self.people.len();
        if let Some(last) = name.last() {
            let key = last_word_hash(last.as_ref());
            let bit = last_word_bit(key);
            self.last_word_bits[bit / 64] |= 1 << (bit % 64);
            match self.by_last.entry(key) {
                Entry::Occupied(mut same) => {
                    let (_, last) = same.get_mut();
                    self.people[*last].next_same_last = Some(id);
                    *last = id;
                }
                Entry::Vacant(new) => {
                    new.insert((id, id));
                }
            }
        }
        self.people.push(Person::new(
            name,
            roles.map(str::to_string).collect(),
            gender,
        ));
        self.person_mentions.push(Vec::new());
        id
    }

    /// The people whose name's last word is `name`'s, lowercased (`by_last`), and any whose
    /// last word shares its hash (`matching` drops them). Most names looked up are new: the
    /// bits rule them out without a map lookup.
    fn sharing_last<S: AsRef<str>>(&self, name: &[S]) -> SameLast<'_> {
        let none = SameLast {
            people: &self.people,
            next: None,
        };
        let Some(last) = name.last() else {
            return none;
        };
        let key = last_word_hash(last.as_ref());
        let bit = last_word_bit(key);
        if self.last_word_bits[bit / 64] & 1 << (bit % 64) == 0 {
            return none;
        }
        SameLast {
            next: self.by_last.get(&key).map(|&(first, _)| first),
            ..none
        }
    }

    /// Those of `candidates` whose name ends like `name` (as lowercased) or is a tail of it.
    fn matching<'a, S: AsRef<str>>(
        &'a self,
        candidates: SameLast<'a>,
        name: &'a [S],
    ) -> impl Iterator<Item = usize> + 'a {
        candidates.filter(move |&p| tails_match(self.people[p].folded(), name))
    }

    /// The known person whose name ends with (or equals) these words; the fullest wins.
    fn find_person<S: AsRef<str>>(&self, name: &[S]) -> Option<usize> {
        self.fullest_match(self.sharing_last(name), name)
    }

    /// Of the people `matching` the name, the one whose name has the most words.
    fn fullest_match<S: AsRef<str>>(&self, candidates: SameLast, name: &[S]) -> Option<usize> {
        self.matching(candidates, name)
            .max_by_key(|&p| (self.people[p].word_count, std::cmp::Reverse(p)))
    }

    /// Like `find_person`, but when several people share the words ("Miliband"), the one
    /// mentioned last before `at` wins.
    fn find_person_at<S: AsRef<str>>(&self, name: &[S], at: usize) -> Option<usize> {
        // Looked up once: the candidates serve both searches below.
        let candidates = self.sharing_last(name);
        candidates.next?;
        let last_seen = |p: usize| {
            let seen = &self.person_mentions[p];
            let end = seen.partition_point(|&m| m < at);
            end.checked_sub(1).map(|i| seen[i])
        };
        self.matching(candidates.clone(), name)
            .filter_map(|p| last_seen(p).map(|m| (m, p)))
            .max()
            .map(|(_, p)| p)
            .or_else(|| self.fullest_match(candidates, name))
    }

    /// The person whose first name this is ("Sir John" for "John Bourn"), last mentioned first.
    fn find_by_given_name(&self, given: &str, at: usize) -> Option<usize> {
        let end = self.mentions.partition_point(|m| m.at < at);
        let first_is = |p: &Person| p.word_count >= 2 && p.first_word().eq_ignore_ascii_case(given);
        self.mentions[..end]
            .iter()
            .rev()
            .take(200)
            .map(|m| m.person)
            .find(|&p| first_is(&self.people[p]))
    }

    pub fn person_name(&self, person: usize) -> String {
        self.people[person].name().to_string()
    }

    /// The most recent person mentioned before `at` whose gender fits.
    fn antecedent(&self, at: usize, gender: Gender, not_before: usize) -> Option<usize> {
        let end = self.mentions.partition_point(|m| m.at < at);
        let candidates = self.mentions[..end]
            .iter()
            .rev()
            .take(40)
            .filter(|m| m.at >= not_before);
        let mut fallback = None;
        for m in candidates {
            if !self.people[m.person].gender.compatible(gender) {
                continue;
            }
            if !m.oblique {
                return Some(m.person);
            }
            fallback.get_or_insert(m.person);
        }
        fallback
    }

    /// The first person named (not after a preposition) in `from..to`, with the mention's span.
    fn first_mention_between(&self, from: usize, to: usize) -> Option<(usize, Range<usize>)> {
        let start = self.mentions.partition_point(|m| m.at < from);
        let within = &self.mentions[start..];
        let within = &within[..within.partition_point(|m| m.at < to)];
        within
            .iter()
            .take(50)
            .find(|m| !m.oblique)
            .or_else(|| within.first())
            .map(|m| (m.person, m.at..m.end))
    }

    /// The last person named in `from..to`, after a preposition or not.
    fn last_mention_between(&self, from: usize, to: usize) -> Option<(usize, Range<usize>)> {
        let start = self.mentions.partition_point(|m| m.at < from);
        let end = self.mentions.partition_point(|m| m.at < to);
        self.mentions[start..end.max(start)]
            .last()
            .map(|m| (m.person, m.at..m.end))
    }

    /// The most recent person before `at` whose roles include every word of `roles`.
    fn person_with_roles(&self, at: usize, roles: &[String]) -> Option<usize> {
        if roles.is_empty() {
            return None;
        }
        let end = self.mentions.partition_point(|m| m.at < at);
        // The people named lately, then anyone: both bounded, so each look is short.
        let recent = self.mentions[..end]
            .iter()
            .rev()
            .take(100)
            .map(|m| m.person);
        let all = (0..self.people.len()).take(200);
        recent.chain(all).find(|&p| {
            roles
                .iter()
                .all(|r| self.people[p].roles.iter().any(|pr| pr == r))
        })
    }
}

/// A resolved speaker, how it was found, the words naming it, and the confidence.
type Found = (Speaker, Pattern, Range<usize>, f32);

/// The subject of a speech verb, before resolution.
#[derive(Debug, Clone)]
enum Phrase {
    Name(Vec<String>, Range<usize>),
    /// A given name after Sir or Dame.
    Given(String, Range<usize>),
    Pronoun(Gender, Range<usize>),
    /// "the Russian President", "a spokesman", "the report": lowercased words, as written.
    Description(Vec<String>, Range<usize>),
    Organisation(String, Range<usize>),
}

/// An organisation named from word `first` to `end`, with the "the" before it when there is one.
fn organisation(text: &str, words: &[&Token], first: usize, end: usize) -> Phrase {
    let start = words[first].start;
    let the = if first > 0 && word(text, words[first - 1]).eq_ignore_ascii_case("the") {
        "the "
    } else {
        ""
    };
    Phrase::Organisation(format!("{the}{}", &text[start..end]), start..end)
}

/// `class` is the token class of `w` (`token_class`): its title and demonym bits are read
/// from it rather than looked up again.
fn is_lead_word(w: &str, class: u32) -> bool {
    class & (TITLE_WORD | DEMONYM) != 0 || is_role_noun_folded(w) || w == "Former" || w == "Acting"
}

/// How many leading words of a capitalised run are roles, titles or places rather than the
/// name: "Santa Barbara County Sheriff Bill Brown" → 4, "President of Argentina Alberto
/// Fernández" → 3, "Vermont Bernie Sanders" → 1. Always leaves at least one word.
/// `classes` are the words' token classes (`token_class`), one per word.
fn name_start(words: &[&str], classes: &[u32]) -> usize {
    if words.len() <= 1 {
        return 0;
    }
    let last = words.len() - 1;
    // Everything up to the last title-like word before the final word is the role.
    let mut k = words[..last]
        .iter()
        .zip(classes)
        .rposition(|(w, &class)| is_lead_word(w, class))
        .map_or(0, |t| t + 1);
    while k < last
        && (classes[k] & COMMON_CAPITALISED != 0
            || classes[k] & NAME_CONNECTOR != 0 && words[k] != "of")
    {
        k += 1;
    }
    // "President of Argentina Alberto Fernández": the place after "of" is part of the role.
    if k > 0 && k < last && matches!(words[k], "of" | "from" | "for") {
        let mut j = k + 1;
        if j < last && words[j] == "the" {
            j += 1;
        }
        if last - j >= 2 {
            k = j + 1;
        }
    }
    if last - k >= 2 && classes[k] & PLACE_NAME != 0 {
        k += 1;
    }
    k.min(last)
}

/// How many words of a capitalised name to keep before an affiliation: "Jeremy Philpott of
/// the UK Patent Office" keeps 2; "Court of Appeal" and "Secretary of State" keep all.
/// `classes` are the words' token classes, one per word.
fn affiliation_cut(words: &[&str], classes: &[u32]) -> usize {
    match words.iter().position(|w| *w == "of") {
        Some(at)
            if at >= 2
                && classes[..at]
                    .iter()
                    .all(|class| class & (ORGANISATION_WORD | TITLE_WORD) == 0) =>
        {
            at
        }
        _ => words.len(),
    }
}

/// Reads the noun phrase made of `tokens[range]` (in text order).
fn read_phrase(text: &str, tokens: &[Token], range: Range<usize>) -> Option<Phrase> {
    // "PBS' Jacoba Atlas": the phrase is what the possessive owns.
    let owned_from = (range.start..range.end).rev().find(|&k| {
        matches!(tokens[k].kind, Kind::Punct('\'' | '’'))
            && k > range.start
            && word(text, &tokens[k - 1]).ends_with(['s', 'S'])
            && k + 1 < range.end
    });
    let range = owned_from.map_or(range.clone(), |k| k + 1..range.end);
    // A lone pronoun, the commonest subject, is read before any vector is made.
    let mut word_tokens = tokens[range.clone()]
        .iter()
        .filter(|t| t.kind == Kind::Word);
    let first = word_tokens.next()?;
    if word_tokens.next().is_none() {
        if let Some(g) = is_pronoun(word(text, first)) {
            return Some(Phrase::Pronoun(g, first.start..strip_end(text, first)));
        }
    }
    let words: Vec<&Token> = tokens[range.clone()]
        .iter()
        .filter(|t| t.kind == Kind::Word)
        .collect();
    let last = *words.last()?;
    let span = first.start..strip_end(text, last);
    let last_word = strip_possessive(word(text, last));
    if !is_capitalised(last_word) {
        // "a Mittal Steel spokesman", "US State Department officials", "the 30-year-old"
        let lower: Vec<String> = words.iter().map(|t| word(text, t).to_lowercase()).collect();
        let determined = matches!(
            lower[0].as_str(),
            "the"
                | "a"
                | "an"
                | "one"
                | "two"
                | "three"
                | "several"
                | "some"
                | "many"
                | "other"
                | "another"
                | "both"
                | "most"
                | "his"
                | "her"
                | "their"
                | "its"
        );
        let named = words.iter().any(|t| is(t, CAPITALISED));
        let plural_people = is_document_noun(&lower[lower.len() - 1]);
        let prepositional = matches!(
            lower[0].as_str(),
            "in" | "on" | "at" | "with" | "from" | "by" | "after" | "during" | "for" | "to" | "of"
        );
        if !(determined || named || plural_people)
            || prepositional
            || (determined && lower.len() == 1)
        {
            return None;
        }
        return Some(Phrase::Description(lower, span));
    }
    // Trailing capitalised run: a name, an organisation, or only roles.
    let mut k = words.len();
    while k > 0 {
        if is(words[k - 1], CAPITALISED | NAME_CONNECTOR) {
            k -= 1;
        } else {
            break;
        }
    }
    let run: Vec<&str> = words[k..].iter().map(|t| word(text, t)).collect();
    let run_classes: Vec<u32> = words[k..].iter().map(|t| t.class).collect();
    // "The United States Department of Health and Human Services": an organisation whole,
    // named as written from its first significant word.
    if run_classes
        .last()
        .is_some_and(|class| class & ORGANISATION_WORD != 0)
    {
        let lead = name_start(&run, &run_classes);
        if affiliation_cut(&run[lead..], &run_classes[lead..]) == run.len() - lead {
            let mut first = k;
            while first < words.len() - 1 {
                if is(words[first], COMMON_CAPITALISED | NAME_CONNECTOR) {
                    first += 1;
                } else {
                    break;
                }
            }
            return Some(organisation(text, &words, first, span.end));
        }
    }
    let lead = if run_classes
        .iter()
        .all(|class| class & (TITLE_WORD | DEMONYM | COMMON_CAPITALISED | NAME_CONNECTOR) != 0)
    {
        run.len()
    } else {
        name_start(&run, &run_classes)
    };
    let kept = affiliation_cut(&run[lead..], &run_classes[lead..]);
    let name: Vec<String> = run[lead..lead + kept]
        .iter()
        .enumerate()
        .map(|(n, w)| {
            if n + 1 == kept {
                strip_possessive(w).to_string()
            } else {
                w.to_string()
            }
        })
        .collect();
    let span = if kept < run.len() - lead {
        span.start..strip_end(text, words[k + lead + kept - 1])
    } else {
        span
    };
    if name.is_empty() {
        let lower: Vec<String> = words.iter().map(|t| word(text, t).to_lowercase()).collect();
        return Some(Phrase::Description(lower, span));
    }
    if name.iter().any(|w| is_organisation_word(w))
        || is_outlet(&name.join(" "))
        || (name.len() == 1
            && name[0]
                .chars()
                .all(|c| c.is_uppercase() || !c.is_alphabetic())
            && name[0].len() > 1)
    {
        // "Though the NTC": named from the name itself, not the words before it.
        return Some(organisation(text, &words, k + lead, span.end));
    }
    let name_start = words[k + lead].start;
    // "Sir John said": after Sir or Dame comes a given name, not a surname.
    if name.len() == 1 && lead > 0 && matches!(run[lead - 1], "Sir" | "Dame") {
        return Some(Phrase::Given(name[0].clone(), name_start..span.end));
    }
    Some(Phrase::Name(name, name_start..span.end))
}

/// Where a verb's subject is: the tokens of the phrase before the verb ("Putin on Tuesday said").
fn subject_before(text: &str, tokens: &[Token], verb: usize, floor: usize) -> Option<Range<usize>> {
    let mut j = verb;
    // Skip auxiliaries and adverbials between the subject and the verb.
    // Bounded, like every look-back here, so that long runs of odd text stay linear.
    let floor = floor.max(verb.saturating_sub(64));
    while j > floor && verb - j < 8 {
        let t = &tokens[j - 1];
        if t.kind == Kind::Word && is(t, MODIFIER) {
            j -= 1;
        } else {
            break;
        }
    }
    // "The actor, whose films include A, B and C, said": skip the relative clause whole.
    if j > floor && tokens[j - 1].kind == Kind::Punct(',') {
        let mut k = j - 1;
        while k > floor && j - k < 30 && !matches!(tokens[k - 1].kind, Kind::Quote(_)) {
            k -= 1;
            let relative = tokens[k].kind == Kind::Punct(',')
                && tokens.get(k + 1).is_some_and(|t| {
                    t.kind == Kind::Word
                        && matches!(word(text, t), "who" | "whose" | "which" | "whom")
                });
            if relative {
                j = k;
                break;
            }
        }
        let relative_end = j;
        while j > floor
            && relative_end - j < 8
            && tokens[j - 1].kind == Kind::Word
            && is(&tokens[j - 1], MODIFIER)
        {
            j -= 1;
        }
    }
    // "The mayor of London, Sadiq Khan, said" / "Edward Leigh, who chairs it, warned"
    if j > floor && tokens[j - 1].kind == Kind::Punct(',') {
        let close = j - 1;
        let mut k = close;
        while k > floor
            && k + 16 > close
            && !matches!(tokens[k - 1].kind, Kind::Punct(',') | Kind::Quote(_))
        {
            k -= 1;
        }
        if k > floor && tokens[k - 1].kind == Kind::Punct(',') {
            let inner = k..close;
            let opens_with_name = tokens.get(k).is_some_and(|t| {
                t.kind == Kind::Word && is(t, CAPITALISED) && !is(t, COMMON_CAPITALISED)
            });
            if opens_with_name && close - k <= 5 {
                return Some(inner);
            }
            j = k - 1;
        } else {
            return None;
        }
    }
    let end = j;
    let mut start = j;
    while start > floor {
        let t = &tokens[start - 1];
        match t.kind {
            Kind::Word => {
                if is(t, PHRASE_BREAK | SPEECH_VERB) {
                    break;
                }
                if word(text, t) == "and" {
                    // "Richard and Judy" joins names; "X and said" does not.
                    let joins = start >= 2
                        && tokens[start - 2].kind == Kind::Word
                        && is(&tokens[start - 2], CAPITALISED)
                        && tokens.get(start).is_some_and(|n| is(n, CAPITALISED));
                    if !joins {
                        break;
                    }
                }
                start -= 1;
            }
            Kind::Punct('.') if start >= 2 && is(&tokens[start - 2], TITLE_WORD) => start -= 1,
            _ => break,
        }
        if end - start > 10 {
            break;
        }
    }
    // "Rabbi Marvin Hier, founder of the Center, said": the name before the appositive.
    if start > floor + 1
        && start < end
        && tokens[start - 1].kind == Kind::Punct(',')
        && !is(&tokens[start], CAPITALISED)
    {
        let comma = start - 1;
        let mut name_start = comma;
        while name_start > floor
            && tokens[name_start - 1].kind == Kind::Word
            && is(&tokens[name_start - 1], CAPITALISED)
        {
            name_start -= 1;
        }
        let has_name =
            (name_start..comma).any(|k| !is(&tokens[k], COMMON_CAPITALISED | TITLE_WORD));
        if has_name {
            return Some(name_start..comma);
        }
    }
    // Drop sentence connectors at the front ("But Edward Leigh", "Meanwhile, US officials").
    while start < end && tokens[start].kind == Kind::Word {
        let w = word(text, &tokens[start]);
        if matches!(
            w,
            "But"
                | "And"
                | "So"
                | "Meanwhile"
                | "However"
                | "Then"
                | "Yet"
                | "Also"
                | "Now"
                | "Still"
                | "Instead"
                | "Separately"
        ) || (w.chars().all(|c| c.is_lowercase()) && matches!(w, "and" | "but" | "so" | "then"))
        {
            start += 1;
        } else {
            break;
        }
    }
    (start < end).then_some(start..end)
}

/// The phrase right after an inverted verb ("…,” said Mr Smith", ", reported CNN").
fn subject_after(
    text: &str,
    tokens: &[Token],
    verb: usize,
    ceiling: usize,
) -> Option<Range<usize>> {
    let start = verb + 1;
    let mut end = start;
    while end < ceiling && end - start < 8 {
        let t = &tokens[end];
        match t.kind {
            Kind::Word => {
                let w = word(text, t);
                if end > start && is(t, PHRASE_BREAK | SPEECH_VERB) && !is(t, NAME_CONNECTOR) {
                    break;
                }
                if end == start
                    && !(is(t, CAPITALISED)
                        || matches!(w, "the" | "a" | "an" | "he" | "she" | "they"))
                {
                    // "said race director David Bedford": roles before a name.
                    let name_follows = tokens[start..ceiling.min(start + 4)]
                        .iter()
                        .skip(1)
                        .any(|t| t.kind == Kind::Word && is(t, CAPITALISED));
                    if !name_follows {
                        return None;
                    }
                }
                end += 1;
            }
            Kind::Punct('.')
                if end > start && is(&tokens[end - 1], TITLE_WORD) && end + 1 < ceiling =>
            {
                end += 1
            }
            // "said PBS' Jacoba Atlas": a possessive written with a bare apostrophe.
            Kind::Punct('\'' | '’')
                if end > start
                    && word(text, &tokens[end - 1]).ends_with(['s', 'S'])
                    && tokens
                        .get(end + 1)
                        .is_some_and(|n| n.kind == Kind::Word && is(n, CAPITALISED)) =>
            {
                end += 1
            }
            _ => break,
        }
    }
    // Stop before a trailing lowercase clause: "said Mr Smith yesterday".
    while end > start {
        if is(&tokens[end - 1], CAPITALISED)
            || tokens[start..end].iter().all(|t| !is(t, CAPITALISED))
        {
            break;
        }
        end -= 1;
    }
    (end > start).then_some(start..end)
}

/// A speech verb in a sentence and the phrase that says it.
#[derive(Debug, Clone)]
struct Verb {
    index: usize,
    /// "according to X"
    according: bool,
    subject: Option<Phrase>,
    /// The tokens of the subject phrase.
    subject_tokens: Option<Range<usize>>,
    /// The subject comes after the verb ("…,” said Smith).
    inverted: bool,
    /// The verb reports for an outlet ("reported CNN"): not the speaker.
    outlet: bool,
    /// The verb sits in a clause inside another ("X said that if he said…"): a weaker choice.
    embedded: bool,
    /// "…, said X." closing the sentence: it reports every quotation before it.
    closing: bool,
}

/// The speech verbs of `sentence`, into `verbs` (cleared first: one vector serves every
/// sentence). `speech` are the sentence's words that may be speech verbs or "according"
/// (`tokens::Marks::speech`): only they are read.
fn verbs_in(
    text: &str,
    tokens: &[Token],
    sentence: &Range<usize>,
    speech: &[usize],
    verbs: &mut Vec<Verb>,
) {
    verbs.clear();
    // One buffer for the words that need folding, reused across the sentence.
    let mut folded = String::new();
    for &i in speech {
        let t = &tokens[i];
        let w = word(text, t);
        // Most words are lowercase ASCII already: only fold when needed, and ASCII words
        // (checked for length first) without allocating.
        let lower: &str = if w.is_ascii() {
            if w.len() > 14 || w.len() < 3 {
                continue;
            }
            if w.bytes().any(|b| b.is_ascii_uppercase()) {
                folded.clear();
                folded.push_str(w);
                folded.make_ascii_lowercase();
                &folded
            } else {
                w
            }
        } else if w.chars().any(char::is_uppercase) {
            folded = w.to_lowercase();
            &folded
        } else {
            w
        };
        // Speech verbs are short lowercase words: skip the rest cheaply.
        if lower.len() > 14 || lower.len() < 3 {
            continue;
        }
        // "according to X"
        if lower == "according" && tokens.get(i + 1).is_some_and(|n| word(text, n) == "to") {
            let subject_tokens = subject_after(text, tokens, i + 1, sentence.end);
            let subject = subject_tokens
                .clone()
                .and_then(|r| read_phrase(text, tokens, r));
            let outlet = matches!(&subject, Some(Phrase::Organisation(n, _)) if is_outlet(n));
            verbs.push(Verb {
                index: i,
                according: true,
                embedded: false,
                closing: false,
                subject,
                subject_tokens,
                inverted: true,
                outlet,
            });
            continue;
        }
        if !is_speech_verb(lower) || is_capitalised(w) && lower != "speaking" && i == sentence.start
        {
            continue;
        }
        // "was speaking about adults": narrative, not a report of words.
        if lower.ends_with("ing")
            && i > sentence.start
            && tokens[i - 1].kind == Kind::Word
            && matches!(
                word(text, &tokens[i - 1]),
                "was" | "were" | "is" | "are" | "been" | "be"
            )
        {
            continue;
        }
        // Nouns and adjectives that look like verbs: "the call", "his comments", "a statement".
        if i > sentence.start && tokens[i - 1].kind == Kind::Word {
            let determiner = with_lowercase(word(text, &tokens[i - 1]), |before| {
                matches!(
                    before,
                    "the"
                        | "a"
                        | "an"
                        | "his"
                        | "her"
                        | "their"
                        | "its"
                        | "our"
                        | "my"
                        | "your"
                        | "to"
                        | "of"
                        | "been"
                        | "being"
                )
            });
            if determiner && !matches!(lower, "said" | "says" | "told") {
                continue;
            }
        }
        let after_quote = {
            let mut k = i;
            while k > sentence.start && i - k < 4 && tokens[k - 1].kind == Kind::Punct(',') {
                k -= 1;
            }
            k > sentence.start && matches!(tokens[k - 1].kind, Kind::Quote(_))
        };
        // Only a short name phrase and closing punctuation follow ("…, said PBS' Jacoba Atlas.").
        let near_end = {
            let rest = &tokens[i + 1..sentence.end];
            rest.len() <= 9
                && rest.iter().filter(|t| t.kind == Kind::Word).count() <= 6
                && !rest
                    .iter()
                    .any(|t| matches!(t.kind, Kind::Quote(_) | Kind::Punct(',')))
        };
        let comma_before = i > sentence.start && tokens[i - 1].kind == Kind::Punct(',');
        let after_tokens = if after_quote || (comma_before && near_end) {
            subject_after(text, tokens, i, sentence.end)
        } else {
            None
        };
        let inverted_subject = after_tokens
            .clone()
            .and_then(|r| read_phrase(text, tokens, r));
        // A participle's subject is the main clause's ("wrote to him, accusing him of"),
        // except "…, saying/adding" right after a quotation, which inherits too.
        let participle = lower.ends_with("ing") && lower != "speaking"
            || lower == "speaking" && i > sentence.start;
        let (subject, subject_tokens, inverted) = match inverted_subject {
            None if participle => (None, None, false),
            Some(Phrase::Pronoun(..)) | None => {
                // "…,” he said: the pronoun before the verb.
                let before_tokens = subject_before(text, tokens, i, sentence.start);
                let before = before_tokens
                    .clone()
                    .and_then(|r| read_phrase(text, tokens, r));
                match (before, inverted_subject) {
                    (Some(b), _) => (Some(b), before_tokens, false),
                    (None, Some(p)) => (Some(p), after_tokens, true),
                    (None, None) => (None, None, false),
                }
            }
            Some(s) => (Some(s), after_tokens, true),
        };
        let outlet = match &subject {
            Some(Phrase::Organisation(n, _)) => is_outlet(n),
            Some(Phrase::Description(words, _)) => words.last().is_some_and(|w| is_outlet_noun(w)),
            Some(_) => false,
            None => lower.starts_with("report"),
        };
        let clause_start = subject_tokens.as_ref().map_or(i, |r| r.start);
        let embedded = clause_start > sentence.start
            && tokens[clause_start - 1].kind == Kind::Word
            && matches!(
                word(text, &tokens[clause_start - 1]),
                "that"
                    | "if"
                    | "when"
                    | "after"
                    | "as"
                    | "because"
                    | "although"
                    | "while"
                    | "before"
                    | "since"
                    | "though"
                    | "unless"
                    | "until"
                    | "whether"
                    | "which"
                    | "who"
            );
        verbs.push(Verb {
            index: i,
            according: false,
            embedded,
            closing: inverted && comma_before && near_end,
            subject,
            subject_tokens,
            inverted,
            outlet,
        });
    }
}

/// Each block's slice of one of the `tokens::Marks` vectors (the `k`th of its bounds).
fn cut_blocks<'m>(
    list: &'m [usize],
    bounds: &[(Range<usize>, [Range<usize>; 3])],
    k: usize,
) -> Vec<&'m [usize]> {
    bounds.iter().map(|r| &list[r.1[k].clone()]).collect()
}

/// Attributes every outermost quotation of an article. `spans` are all spans; the result is
/// indexed like `spans` (nested spans get their parent's speaker later).
pub fn attribute(
    text: &str,
    blocks: &[Block],
    spans: &[Span],
) -> (Vec<Option<Attribution>>, Vec<String>) {
    // The outermost spans grouped by block, in their order within it: one vector cut into a
    // slice per block, not a vector each (spans come in block order: the sort is one pass).
    let mut outermost: Vec<(usize, &Span)> = spans
        .iter()
        .enumerate()
        .filter(|(_, s)| s.depth == 0)
        .collect();
    outermost.sort_by_key(|(_, s)| s.block);
    let mut block_quotes = outermost.as_slice();
    // Every block's tokens in one vector (one allocation), cut into a slice per block.
    // At most about one token per four bytes of prose: reserve once rather than regrow.
    let prose: usize = blocks.iter().map(|b| b.range.len() / 4 + 1).sum();
    let mut all_tokens = Vec::with_capacity(prose);
    // Every block's marks in one `Marks`, each block's a range of each vector.
    let mut marks = tokens::Marks {
        ends: Vec::with_capacity(blocks.len() * 4),
        capitals: Vec::with_capacity(prose / 4),
        speech: Vec::with_capacity(blocks.len() * 4),
    };
    let lens = |m: &tokens::Marks| [m.ends.len(), m.capitals.len(), m.speech.len()];
    let mut bounds = Vec::with_capacity(blocks.len());
    for (b, block) in blocks.iter().enumerate() {
        let start = all_tokens.len();
        let in_block = block_quotes.partition_point(|(_, s)| s.block == b);
        let (quotes, later) = block_quotes.split_at(in_block);
        block_quotes = later;
        let before = lens(&marks);
        tokens::tokenize(
            text,
            block.range.clone(),
            quotes,
            &mut all_tokens,
            &mut marks,
        );
        let after = lens(&marks);
        bounds.push((
            start..all_tokens.len(),
            [0, 1, 2].map(|k| before[k]..after[k]),
        ));
    }
    // Each block's tokens and marks, cut from the vectors by the bounds.
    let block_tokens: Vec<&[Token]> = bounds.iter().map(|r| &all_tokens[r.0.clone()]).collect();
    let block_ends = cut_blocks(&marks.ends, &bounds, 0);
    let block_capitals = cut_blocks(&marks.capitals, &bounds, 1);
    let block_speech = cut_blocks(&marks.speech, &bounds, 2);
    let article = Article::new(text, &block_tokens, &block_capitals);
    let mut result: Vec<Option<Attribution>> = vec![None; spans.len()];
    // The last speaker named by a speech verb or given to a quotation, with its block.
    let mut last: Option<(Speaker, usize)> = None;
    let mut speaker_counts: FxHashMap<Cow<str>, usize> = FxHashMap::default();
    let mut headline_quotes = Vec::new();
    // Who the article's first sentence reports ("…, a report says"): a headline's likely voice.
    let mut lead_speaker: Option<Speaker> = None;
    let mut lead_seen = false;
    // Every block's sentences, with their block, in one vector.
    let mut sentences: Vec<(usize, Range<usize>)> = Vec::with_capacity(blocks.len() * 4);
    for (b, (tokens, ends)) in block_tokens.iter().zip(&block_ends).enumerate() {
        tokens::sentences(text, tokens, ends, spans, |s| sentences.push((b, s)));
    }
    let needed = sentences_needed(
        text,
        blocks,
        &block_tokens,
        (&block_ends, &block_speech),
        spans,
        &sentences,
    );
    // Each sentence's verbs, their speakers, and its quotations: emptied and refilled per
    // sentence rather than allocated anew.
    let mut verbs = Vec::new();
    let mut resolved: Vec<Option<Found>> = Vec::new();
    let mut quotes: Vec<usize> = Vec::new();

    for ((b, sentence), needed) in sentences.into_iter().zip(needed) {
        // Skipped sentences have no quotation, and the speaker they would carry is never read.
        if !needed {
            continue;
        }
        let tokens = &block_tokens[b];
        {
            let speech = tokens::marks_within(block_speech[b], &sentence);
            verbs_in(text, tokens, &sentence, speech, &mut verbs);
            // Resolve each verb's subject once, in order, so "adding" can inherit.
            resolved.clear();
            // The last verb whose speaker is known, for participles that inherit it.
            let mut last_found: Option<usize> = None;
            for verb in &verbs {
                let found = match &verb.subject {
                    _ if verb.outlet => None,
                    Some(phrase) => resolve(
                        &article,
                        phrase,
                        tokens[verb.index].start,
                        last.as_ref().filter(|(_, lb)| b - lb <= 2).map(|l| &l.0),
                        verb.inverted,
                    )
                    .map(|(s, p, m, c)| {
                        (
                            s,
                            if verb.according {
                                Pattern::AccordingTo
                            } else {
                                p
                            },
                            m,
                            c,
                        )
                    }),
                    None => None,
                };
                let found = found.or_else(|| {
                    // Participles and coordinated verbs inherit: "…, adding", "and warned".
                    if verb.subject.is_some() && !verb.outlet {
                        return None;
                    }
                    if verb.outlet {
                        return None;
                    }
                    let inherited = last_found
                        .and_then(|k| resolved[k].as_ref())
                        .map(|(s, _, m, c)| (s.clone(), Pattern::Pronoun, m.clone(), c * 0.9));
                    // "The mayor of London, Sadiq Khan, gave his condolences, adding, “…”":
                    // the person the sentence is about.
                    // "led by Mark Hay, a marine ecologist, who said": the person before "who".
                    let who = {
                        let mut k = verb.index;
                        while k > sentence.start
                            && verb.index - k < 8
                            && tokens[k - 1].kind == Kind::Word
                            && is(&tokens[k - 1], MODIFIER)
                        {
                            k -= 1;
                        }
                        (k >= sentence.start + 2
                            && tokens[k - 1].kind == Kind::Word
                            && word(text, &tokens[k - 1]) == "who"
                            && tokens[k - 2].kind == Kind::Punct(','))
                        .then(|| tokens[k - 2].start)
                    };
                    let from = tokens[sentence.start].start;
                    let to = tokens[verb.index].start;
                    inherited
                        .or_else(|| {
                            who.and_then(|comma| article.last_mention_between(from, comma))
                                .map(|(p, m)| (Speaker::Person(p), Pattern::Before, m, 0.8))
                        })
                        .or_else(|| {
                            article
                                .first_mention_between(from, to)
                                .map(|(p, m)| (Speaker::Person(p), Pattern::Before, m, 0.75))
                        })
                        .or_else(|| sentence_subject(&article, text, tokens, &sentence, verb.index))
                });
                if found.is_some() {
                    last_found = Some(resolved.len());
                }
                resolved.push(found);
            }
            if !blocks[b].headline && !lead_seen {
                lead_seen = true;
                lead_speaker = resolved.iter().flatten().next().map(|f| f.0.clone());
            }
            quotes.clear();
            quotes.extend(
                sentence
                    .clone()
                    .filter(|&i| matches!(tokens[i].kind, Kind::Quote(_))),
            );
            for &qi in &quotes {
                let Kind::Quote(q) = tokens[qi].kind else {
                    continue;
                };
                let choice = choose_verb(&verbs, &resolved, qi, tokens);
                let attribution = match choice {
                    Some((speaker, pattern, mention, confidence)) => Attribution {
                        speaker: Some(speaker),
                        pattern,
                        mention: Some(mention),
                        confidence,
                    },
                    // “…” after a colon ends a clause that names its speaker without a
                    // speech verb: "disagreed with these findings: “…”".
                    None if qi > sentence.start && tokens[qi - 1].kind == Kind::Punct(':') => {
                        let from = tokens[sentence.start].start;
                        let found = article
                            .first_mention_between(from, tokens[qi].start)
                            .map(|(p, m)| (Speaker::Person(p), m))
                            .or_else(|| {
                                sentence_subject(&article, text, tokens, &sentence, qi)
                                    .map(|(s, _, m, _)| (s, m))
                            });
                        match found {
                            Some((speaker, mention)) => Attribution {
                                speaker: Some(speaker),
                                pattern: Pattern::Before,
                                mention: Some(mention),
                                confidence: 0.7,
                            },
                            None => floating(&last, b, &spans[q]),
                        }
                    }
                    None => {
                        if blocks[b].headline {
                            headline_quotes.push(q);
                            Attribution {
                                speaker: None,
                                pattern: Pattern::Other,
                                mention: None,
                                confidence: 0.3,
                            }
                        } else {
                            // Floating: the speaker of the quotation or speech just before.
                            floating(&last, b, &spans[q])
                        }
                    }
                };
                if let Some(s) = &attribution.speaker {
                    if !blocks[b].headline {
                        last = Some((s.clone(), b));
                        *speaker_counts.entry(speaker_key(&article, s)).or_default() += 1;
                    }
                }
                result[q] = Some(attribution);
            }
            // Indirect speech after the sentence's last quotation also sets the speaker
            // carried to the next floating one ("…, said Ms Deans. “It can cost…”").
            let last_quote = quotes.last().copied().unwrap_or(sentence.start);
            let later_speech = verbs.iter().zip(&resolved).rev().find(|(v, r)| {
                r.is_some() && !v.outlet && (quotes.is_empty() || v.index > last_quote)
            });
            if let Some((_, Some((s, _, _, _)))) = later_speech {
                if !blocks[b].headline {
                    last = Some((s.clone(), b));
                }
            }
        }
    }
    // A headline quotation with no verb: whoever says its words in the body, else the
    // article's most quoted speaker.
    if !headline_quotes.is_empty() {
        // A headline's long words and a body quotation's, compared by their stems.
        let long_words = |range: &Range<usize>| {
            text[range.clone()]
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 5)
        };
        let stems = |range: &Range<usize>| -> Vec<String> {
            long_words(range)
                .map(|w| {
                    let mut stem = String::new();
                    push_stem(w, &mut stem);
                    stem
                })
                .collect()
        };
        // Whether a word of `range` has a stem in `wanted`: made one at a time in one buffer.
        let echoes = |range: &Range<usize>, wanted: &[String]| {
            let mut stem = String::new();
            long_words(range).any(|w| {
                stem.clear();
                push_stem(w, &mut stem);
                wanted.contains(&stem)
            })
        };
        for &q in &headline_quotes {
            let wanted = stems(&spans[q].content);
            let echo = spans.iter().enumerate().find(|(i, s)| {
                !blocks[s.block].headline
                    && result[*i].as_ref().is_some_and(|a| a.speaker.is_some())
                    && echoes(&s.content, &wanted)
            });
            if let Some((i, _)) = echo {
                let speaker = result[i].as_ref().and_then(|a| a.speaker.clone());
                if let Some(a) = result[q].as_mut() {
                    a.speaker = speaker;
                    a.confidence = 0.6;
                }
            }
        }
        headline_quotes.retain(|&q| result[q].as_ref().is_some_and(|a| a.speaker.is_none()));
        if let Some(lead) = &lead_speaker {
            for &q in &headline_quotes {
                if let Some(a) = result[q].as_mut() {
                    a.speaker = Some(lead.clone());
                    a.confidence = 0.55;
                }
            }
            headline_quotes.clear();
        }
        let top = result
            .iter()
            .flatten()
            .filter_map(|a| a.speaker.as_ref())
            .max_by_key(|s| {
                speaker_counts
                    .get(&*speaker_key(&article, s))
                    .copied()
                    .unwrap_or(0)
            })
            .cloned();
        for q in headline_quotes {
            if let (Some(a), Some(top)) = (result[q].as_mut(), top.clone()) {
                a.speaker = Some(top);
                a.pattern = Pattern::Other;
                a.confidence = 0.5;
            }
        }
    }
    attribute_nested(&article, text, spans, &mut result);
    // Only the names of speakers are read (`speaker_name`): the others stay empty, unjoined.
    let mut names = vec![String::new(); article.people.len()];
    for attribution in result.iter().flatten() {
        if let Some(Speaker::Person(p)) = attribution.speaker {
            if names[p].is_empty() {
                names[p] = article.person_name(p);
            }
        }
    }
    (result, names)
}

/// Which sentences `attribute` must work through, in the order given. A sentence without a
/// quotation matters only for the speaker it carries on (`last`), and that speaker is read
/// only by a later quotation, or a later "he", "she" or "they" as a verb's subject, within two
/// blocks (`b - lb <= 2`), or by a continuation paragraph at any distance. Sentences whose
/// carried speaker nothing reads are skipped: their words are never resolved, and every
/// quotation's attribution is the same as if they had been.
/// `block_marks` are each block's `tokens::Marks::ends` and `speech`.
fn sentences_needed(
    text: &str,
    blocks: &[Block],
    block_tokens: &[&[Token]],
    block_marks: (&[&[usize]], &[&[usize]]),
    spans: &[Span],
    sentences: &[(usize, Range<usize>)],
) -> Vec<bool> {
    // A continuation reads the carried speaker however far back it was set: keep everything.
    if spans.iter().any(|s| s.depth == 0 && s.continuation) {
        return vec![true; sentences.len()];
    }
    // The article's first sentence outside the headline sets `lead_speaker`.
    let lead = sentences.iter().position(|(b, _)| !blocks[*b].headline);
    let mut needed = vec![false; sentences.len()];
    // The block of the nearest later sentence that reads the carried speaker.
    let mut next_reader: Option<usize> = None;
    for (n, (b, sentence)) in sentences.iter().enumerate().rev() {
        let block = block_tokens[*b];
        let tokens = &block[sentence.clone()];
        // Quotations are among the ends, speech verbs (or "according") marked: no token read.
        let (ends, speech) = (block_marks.0[*b], block_marks.1[*b]);
        let quoted = tokens::marks_within(ends, sentence)
            .iter()
            .any(|&i| matches!(block[i].kind, Kind::Quote(_)));
        let speech = !tokens::marks_within(speech, sentence).is_empty();
        // Only speech verbs can carry a speaker on; a headline's never do.
        let carries = speech && !blocks[*b].headline;
        let read_soon = next_reader.is_some_and(|r| r - b <= 2);
        needed[n] = quoted || lead == Some(n) || (carries && read_soon);
        // `resolve` reads the carried speaker only for these (`Phrase::Pronoun`): looked for
        // only in the few needed sentences without a quotation.
        let reads = quoted
            || (needed[n]
                && tokens.iter().any(|t| {
                    t.kind == Kind::Word
                        && matches!(word(text, t), "he" | "He" | "she" | "She" | "they" | "They")
                }));
        if reads {
            next_reader = Some(*b);
        }
    }
    needed
}

/// A quote within a quote is a quotation only when words inside the outer one introduce it
/// ("I thought 'I'm going to die'", "she just thought, 'well…'"); its speaker is that verb's
/// subject. Others (scare quotes, titles, sayings) are left out: their result stays `None`
/// and they are marked by `Pattern::Other` with no speaker and zero confidence.
fn attribute_nested(
    article: &Article,
    text: &str,
    spans: &[Span],
    result: &mut [Option<Attribution>],
) {
    let parents = super::spans::parents(spans);
    for (i, span) in spans.iter().enumerate() {
        if span.depth == 0 {
            continue;
        }
        let Some(parent) = parents[i] else {
            continue;
        };
        let outer = result[parent].clone();
        // Only the words just before the mark matter: a bounded look keeps this linear.
        let mut from = spans[parent]
            .content
            .start
            .max(span.open.saturating_sub(160));
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let lead_in = &text[from.min(span.open)..span.open];
        let clause = lead_in.rsplit(['.', '!', '?']).next().unwrap_or(lead_in);
        let words: Vec<&str> = clause
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .collect();
        let tail = &words[words.len().saturating_sub(4)..];
        let verb = tail.iter().rposition(|w| {
            is_speech_verb(&w.to_lowercase()) || matches!(*w, "think" | "thinking" | "wondered")
        });
        let Some(v) = verb else {
            result[i] = Some(Attribution {
                speaker: None,
                pattern: Pattern::Other,
                mention: None,
                confidence: 0.0,
            });
            continue;
        };
        let subject = (v > 0).then(|| tail[v - 1]).or_else(|| {
            words
                .len()
                .checked_sub(tail.len() - v + 1)
                .map(|k| words[k])
        });
        let outer_speaker = outer.as_ref().and_then(|a| a.speaker.clone());
        let speaker = match subject {
            Some("he" | "He") => article
                .antecedent(span.open, Gender::Male, 0)
                .map(Speaker::Person)
                .or(outer_speaker),
            Some("she" | "She") => article
                .antecedent(span.open, Gender::Female, 0)
                .map(Speaker::Person)
                .or(outer_speaker),
            Some(name) if is_capitalised(name) && !matches!(name, "I" | "We") => article
                .find_person_at(&[name.to_string()], span.open)
                .map(Speaker::Person)
                .or(outer_speaker),
            _ => outer_speaker,
        };
        result[i] = Some(Attribution {
            speaker,
            pattern: Pattern::Other,
            mention: None,
            confidence: outer.map_or(0.5, |a| a.confidence * 0.9),
        });
    }
}

/// A quotation with no attribution in its sentence takes the last speaker, if recent.
fn floating(last: &Option<(Speaker, usize)>, block: usize, span: &Span) -> Attribution {
    match last {
        Some((speaker, lb)) if block - lb <= 2 || span.continuation => Attribution {
            speaker: Some(speaker.clone()),
            pattern: Pattern::Floating,
            mention: None,
            confidence: if block == *lb || span.continuation {
                0.8
            } else {
                0.6
            },
        },
        _ => Attribution {
            speaker: None,
            pattern: Pattern::Other,
            mention: None,
            confidence: 0.3,
        },
    }
}

/// The phrase a sentence opens with, as a speaker: "PBS is seen in … and describes itself as".
fn sentence_subject(
    article: &Article,
    text: &str,
    tokens: &[Token],
    sentence: &Range<usize>,
    before: usize,
) -> Option<Found> {
    let mut start = sentence.start;
    let before = before.min(sentence.start + 16);
    while start < before
        && (tokens[start].kind == Kind::Punct(',')
            || tokens[start].kind == Kind::Word
                && matches!(
                    word(text, &tokens[start]),
                    "But" | "And" | "Meanwhile" | "However" | "Also" | "So" | "Yet"
                ))
    {
        start += 1;
    }
    let mut end = start;
    while end < before
        && tokens[end].kind == Kind::Word
        && (is(&tokens[end], CAPITALISED) || is(&tokens[end], NAME_CONNECTOR) && end > start)
    {
        end += 1;
    }
    if end == start {
        return None;
    }
    match read_phrase(text, tokens, start..end)? {
        phrase @ (Phrase::Organisation(..) | Phrase::Name(..)) => {
            resolve(article, &phrase, tokens[start].start, None, false)
                .map(|(s, _, m, c)| (s, Pattern::Before, m, c * 0.8))
        }
        _ => None,
    }
}

/// The display name of a resolved speaker, given the article's people.
pub fn speaker_name(speaker: &Speaker, names: &[String]) -> String {
    match speaker {
        Speaker::Person(p) => names.get(*p).cloned().unwrap_or_default(),
        Speaker::Literal(s) => s.clone(),
    }
}

/// The name `speaker_counts` counts a speaker under: a person's borrowed, not copied.
fn speaker_key<'a>(article: &'a Article, s: &Speaker) -> Cow<'a, str> {
    match s {
        Speaker::Person(p) => Cow::Borrowed(article.people[*p].name()),
        Speaker::Literal(l) => Cow::Owned(l.clone()),
    }
}

/// Picks the speech verb that governs the quotation at token `qi`.
fn choose_verb(
    verbs: &[Verb],
    resolved: &[Option<Found>],
    qi: usize,
    tokens: &[Token],
) -> Option<Found> {
    // Verbs are in token order: look only at the few around the quote (linear overall).
    let split = verbs.partition_point(|v| v.index < qi);
    let later = split..verbs.len().min(split + 16);
    let earlier = split.saturating_sub(16)..split;
    // Right after the quotation: “…,” he said / “…,” said Smith / “…,” Smith, 45, said.
    // Only commas, the verb's own subject and adverbs may stand between.
    let after = later.clone().find(|&i| !verbs[i].outlet).filter(|&i| {
        let v = &verbs[i];
        v.index - qi <= 16
            && (qi + 1..v.index).all(|k| {
                // The subject, and whatever stands between it and its verb (an appositive).
                let in_subject = v.subject_tokens.as_ref().is_some_and(|r| k >= r.start)
                    && !matches!(tokens[k].kind, Kind::Quote(_));
                in_subject
                    || match tokens[k].kind {
                        Kind::Punct(',') => true,
                        Kind::Word => is(&tokens[k], MODIFIER),
                        _ => false,
                    }
            })
    });
    if let Some(r) = after.and_then(|i| resolved[i].as_ref()) {
        return Some(r.clone());
    }
    // Before it in the sentence: Putin said, “…” / accused Russia of “…”; a main-clause verb
    // wins over one inside a reported clause ("X said that if he said things “…”").
    let before = |allow_embedded: bool| {
        earlier.clone().rev().find(|&i| {
            let v = &verbs[i];
            resolved[i].is_some() && !v.outlet && (allow_embedded || !v.embedded)
        })
    };
    if let Some(i) = before(false).or_else(|| before(true)) {
        return resolved[i].clone();
    }
    // Shortly after, past other words (“…” is what the minister told reporters), or a
    // closing "…, said X." that reports the whole sentence.
    let closing = verbs
        .len()
        .checked_sub(1)
        .filter(|&i| i >= split && verbs[i].closing);
    later
        .chain(closing)
        .find(|&i| {
            let v = &verbs[i];
            (v.index - qi <= 10 || v.closing) && resolved[i].is_some() && !v.outlet
        })
        .and_then(|i| resolved[i].clone())
}

/// Resolves a subject phrase to a speaker.
fn resolve(
    article: &Article,
    phrase: &Phrase,
    at: usize,
    last: Option<&Speaker>,
    inverted: bool,
) -> Option<Found> {
    let named = if inverted {
        Pattern::After
    } else {
        Pattern::Before
    };
    match phrase {
        Phrase::Given(given, range) => {
            let person = article
                .find_by_given_name(given, at)
                .or_else(|| article.find_person_at(std::slice::from_ref(given), at));
            match person {
                Some(p) => Some((Speaker::Person(p), named, range.clone(), 0.9)),
                None => Some((Speaker::Literal(given.clone()), named, range.clone(), 0.7)),
            }
        }
        Phrase::Name(words, range) => {
            let person = article.find_person_at(words, at);
            // "…of the University of California, Los Angeles disagreed": a place, not a speaker.
            if person.is_none()
                && !looks_like_person(
                    words,
                    &words.iter().map(|w| token_class(w)).collect::<Vec<_>>(),
                )
                && !words.iter().any(|w| is_organisation_word(w))
            {
                return None;
            }
            match person {
                Some(p) => Some((Speaker::Person(p), named, range.clone(), 0.95)),
                None => Some((
                    Speaker::Literal(words.join(" ")),
                    named,
                    range.clone(),
                    0.85,
                )),
            }
        }
        Phrase::Organisation(name, range) => {
            let name = name
                .strip_prefix("The ")
                .map(|n| format!("the {n}"))
                .unwrap_or_else(|| name.clone());
            Some((Speaker::Literal(name), named, range.clone(), 0.85))
        }
        Phrase::Pronoun(Gender::Unknown, _) => None,
        Phrase::Pronoun(gender, range) => {
            if *gender == Gender::Plural {
                return match last {
                    Some(Speaker::Literal(l)) => Some((
                        Speaker::Literal(l.clone()),
                        Pattern::Pronoun,
                        range.clone(),
                        0.6,
                    )),
                    _ => None,
                };
            }
            // The person last heard from is the likeliest "he" or "she" (they stay the
            // centre of the story); otherwise the last person named.
            if let Some(Speaker::Person(p)) = last {
                if article.people[*p].gender.compatible(*gender) {
                    return Some((Speaker::Person(*p), Pattern::Pronoun, range.clone(), 0.85));
                }
            }
            let antecedent = article.antecedent(at, *gender, 0);
            antecedent.map(|p| (Speaker::Person(p), Pattern::Pronoun, range.clone(), 0.85))
        }
        Phrase::Description(words, range) => {
            let determiner = words.first().map(String::as_str);
            let content: Vec<String> = words
                .iter()
                .skip_while(|w| matches!(w.as_str(), "the" | "a" | "an"))
                .map(|w| strip_possessive(w).to_string())
                .collect();
            let head = content.last().cloned().unwrap_or_default();
            let written = article.text[range.clone()].to_string();
            let written = written
                .strip_prefix("The ")
                .map(|n| format!("the {n}"))
                .unwrap_or(written);
            // "the Russian President" → the person written with those roles.
            if let Some(p) = article.person_with_roles(at, &content) {
                return Some((Speaker::Person(p), Pattern::Pronoun, range.clone(), 0.85));
            }
            if content.is_empty() || content.len() > 8 {
                return None;
            }
            // "the firm", "the party": the organisation last named, preferring one so called.
            if determiner == Some("the") && content.len() == 1 && is_organisation_noun(&head) {
                if let Some(name) = article.organisation_before(at, &head) {
                    return Some((Speaker::Literal(name), Pattern::Pronoun, range.clone(), 0.7));
                }
            }
            if is_document_noun(&head) || is_organisation_noun(&head) {
                return Some((Speaker::Literal(written), named, range.clone(), 0.75));
            }
            let personal = is_role_noun(&head)
                || person_gender(&head) != Gender::Unknown
                || head.ends_with("-old")
                || content.iter().any(|w| {
                    w.ends_with("-born")
                        || w.ends_with("-nominated")
                        || w.ends_with("-winning")
                        || w.ends_with("-time")
                });
            if !personal {
                // "some historical evidence", "the proclamation of X": not someone who speaks.
                return None;
            }
            if determiner == Some("the") {
                // "the 30-year-old", "the Oscar-nominated actor": the person just written about.
                let g = person_gender(&head);
                return article
                    .antecedent(at, g, 0)
                    .map(|p| (Speaker::Person(p), Pattern::Pronoun, range.clone(), 0.7));
            }
            Some((Speaker::Literal(written), named, range.clone(), 0.75))
        }
    }
}

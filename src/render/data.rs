//! JSON for readers who analyse quotes: `quotes.json` (every quotation, oldest first),
//! `speakers.json` (every speaker, most quoted first) and `articles/<slug>/article.json` (one
//! article's metadata and quotations). Deterministic: the same site gives the same bytes.

use pulldown_cmark::{Event, Parser};
use serde::Serialize;

use super::views::{article_path, quote_path, speaker_path, topic_path};
use super::{ByteSink, OutputFile, Renderer};
use super::{json, markdown};
use crate::config::Config;
use crate::content::frontmatter::Source;
use crate::content::{Article, Body};
use crate::graph::SiteGraph;
use crate::graph::speakers::QuoteRef;
use crate::quotes::annotations;
use crate::quotes::{Quote, QuoteKind};

/// A quotation's words as readers see them, spaces tidied. In Markdown, inline markup,
/// backslash escapes and the editor's annotations are removed and punctuation is made smart,
/// as on the page: `\[another\] *part*` reads `[another] part`.
pub fn quote_text(article: &Article, quote: &Quote) -> String {
    let raw = &article.text[quote.content.clone()];
    match article.body {
        Body::Plain(_) => tidy(raw),
        Body::Markdown(_) => {
            let found = annotations::find_inline(raw, 0..raw.len());
            let source = if found.is_empty() {
                tidy(raw)
            } else {
                tidy(&annotations::strip(raw, &found))
            };
            if source.is_empty() || !has_inline_markup(&source) {
                return source;
            }
            if only_closing_apostrophes(&source) {
                // What the parse would make of them (most marked quotes: “don't”, “it's”).
                return source.replace('\'', "’");
            }
            inline_text(&source)
        }
    }
}

/// One line of Markdown as the text it reads, spaces tidied: `\[another\] *part*` reads
/// `[another] part`.
fn inline_text(source: &str) -> String {
    // On one line after a word, nothing in the fragment can open a block (a list item, a
    // heading): it parses as the inline text it was in its paragraph.
    let mut out = String::with_capacity(source.len() + 2);
    for event in Parser::new_ext(&format!("x {source}"), markdown::options()) {
        match event {
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    tidy(out.strip_prefix("x ").unwrap_or(&out))
}

/// `text` with its runs of whitespace made single spaces, ends trimmed.
fn tidy(text: &str) -> String {
    // Most quotes are tidy already: checked a byte at a time, not decoded a char at a time.
    if is_tidy(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `tidy(text)` is `text`: no whitespace at the ends, none but single spaces inside.
fn is_tidy(text: &str) -> bool {
    // The start counts as after a space, so a leading space fails.
    let mut after_space = true;
    for (at, &byte) in text.as_bytes().iter().enumerate() {
        match byte {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' => return false,
            // A lead byte: the character it starts may be Unicode whitespace (no-break space…).
            0xC0.. if text[at..].chars().next().is_some_and(char::is_whitespace) => return false,
            _ => after_space = false,
        }
    }
    !after_space || text.is_empty()
}

/// Whether `text`'s only inline markup is apostrophes right after a letter or digit: none of
/// them can open a smart quote, so Markdown reads each as `’` and the rest as written.
fn only_closing_apostrophes(text: &str) -> bool {
    let mut apostrophes = text.match_indices('\'').peekable();
    apostrophes.peek().is_some()
        && apostrophes.all(|(at, _)| {
            text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        })
        && !has_markup_besides_apostrophes(text)
}

/// Whether Markdown could read `text` (one line, spaces tidied) as anything but itself:
/// escapes, emphasis, code, links, HTML, entities, strikethrough, or punctuation made smart.
fn has_inline_markup(text: &str) -> bool {
    text.contains('\'') || has_markup_besides_apostrophes(text)
}

/// `has_inline_markup`, apostrophes aside.
fn has_markup_besides_apostrophes(text: &str) -> bool {
    text.bytes().any(|b| {
        matches!(
            b,
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'!' | b'<' | b'>' | b'&' | b'~' | b'"'
        )
    }) || text.contains("..")
        || text.contains("--")
}

/// One quotation.
#[derive(Debug, Serialize)]
pub struct QuoteRecord<'a> {
    /// `<article-slug>-<anchor>`: unique in the site, stable while the quote's words are.
    pub id: String,
    /// The quoted words as readers see them (`quote_text`), marks excluded.
    pub text: &'a str,
    pub speaker: Option<&'a str>,
    pub speaker_slug: Option<&'a str>,
    pub article: &'a str,
    pub article_title: &'a str,
    /// `YYYY-MM-DD`, the article's date.
    pub date: Option<&'a str>,
    pub kind: QuoteKind,
    pub confidence: f32,
    /// Absolute, or root-relative when no host is configured.
    pub permalink: String,
}

pub fn quote_record<'a>(config: &Config, graph: &'a SiteGraph, r: QuoteRef) -> QuoteRecord<'a> {
    let article = &graph.articles[r.article];
    let quote = &article.quotes[r.quote];
    let anchor = &graph.articles[r.article].anchors[r.quote];
    let speaker =
        graph.speakers.quote_speakers[r.article][r.quote].map(|id| &graph.speakers.speakers[id]);
    QuoteRecord {
        id: [article.slug.as_str(), "-", anchor].concat(),
        text: &article.quote_texts[r.quote],
        // A name the speaker index could not key (no letters) is kept as written.
        speaker: speaker
            .map(|s| s.name.as_str())
            .or(quote.speaker.as_deref()),
        speaker_slug: speaker.map(|s| s.slug.as_str()),
        article: &article.slug,
        article_title: &article.title,
        date: article.date_view.as_ref().map(|d| &*d.iso),
        kind: quote.kind,
        confidence: quote.confidence,
        permalink: config.base_url.absolute(&quote_path(&article.slug, anchor)),
    }
}

/// Writes `record` as serde_json's pretty printer writes it as an item of a list at the
/// second level (`{"quotes": [ {…} ]}`, as in quotes.json and article.json): the same bytes,
/// field by field, without the generic formatter (strings escaped by `json`).
fn write_quote_record(out: &mut Vec<u8>, record: &QuoteRecord) {
    fn key(out: &mut Vec<u8>, first: bool, key: &str) {
        out.extend_from_slice(if first { b"\n      \"" } else { b",\n      \"" });
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(b"\": ");
    }
    out.push(b'{');
    key(out, true, "id");
    json::write_str(out, &record.id);
    key(out, false, "text");
    json::write_str(out, record.text);
    key(out, false, "speaker");
    json::write_opt_str(out, record.speaker);
    key(out, false, "speaker_slug");
    json::write_opt_str(out, record.speaker_slug);
    key(out, false, "article");
    json::write_str(out, record.article);
    key(out, false, "article_title");
    json::write_str(out, record.article_title);
    key(out, false, "date");
    json::write_opt_str(out, record.date);
    key(out, false, "kind");
    serde_json::to_writer(&mut *out, &record.kind).expect("a quote's kind serializes");
    key(out, false, "confidence");
    serde_json::to_writer(&mut *out, &record.confidence).expect("a number serializes");
    key(out, false, "permalink");
    json::write_str(out, &record.permalink);
    out.extend_from_slice(b"\n    }");
}

/// An article's quote records as items of a list at the second level (`write_quote_record`),
/// each on its own line after the first: what goes between `[` and `]`.
fn write_quote_records<'a>(out: &mut Vec<u8>, records: impl Iterator<Item = QuoteRecord<'a>>) {
    for (n, record) in records.enumerate() {
        out.extend_from_slice(if n > 0 { b",\n    " } else { b"    " });
        write_quote_record(out, &record);
    }
}

fn json_file(path: String, value: &impl Serialize) -> OutputFile {
    let mut bytes = serde_json::to_vec_pretty(value).expect("the data records serialize to JSON");
    bytes.push(b'\n');
    OutputFile { path, bytes }
}

fn article_quotes<'a>(
    config: &Config,
    graph: &'a SiteGraph,
    article: usize,
) -> impl Iterator<Item = QuoteRecord<'a>> {
    (0..graph.articles[article].quotes.len())
        .map(move |quote| quote_record(config, graph, QuoteRef { article, quote }))
}

/// Each article's quote records as the data files write them (`write_quote_records`): in a
/// build, made once for both quotes.json and the article's article.json, and let go by the
/// second of the two to use them.
pub struct SharedRecords(Vec<std::sync::Mutex<Shared>>);

enum Shared {
    Unmade,
    Kept(std::sync::Arc<Vec<u8>>),
    Given,
}

impl SharedRecords {
    pub fn new(articles: usize) -> SharedRecords {
        SharedRecords(
            (0..articles)
                .map(|_| std::sync::Mutex::new(Shared::Unmade))
                .collect(),
        )
    }

    /// Article `id`'s records: made by `make` for their first user and kept for the second,
    /// who takes them; made again, and not kept, for any later one (incremental builds).
    pub fn get(&self, id: usize, make: impl FnOnce() -> Vec<u8>) -> std::sync::Arc<Vec<u8>> {
        let Some(slot) = self.0.get(id) else {
            return std::sync::Arc::new(make());
        };
        let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
        match std::mem::replace(&mut *slot, Shared::Given) {
            Shared::Unmade => {
                let made = std::sync::Arc::new(make());
                *slot = Shared::Kept(made.clone());
                made
            }
            Shared::Kept(kept) => kept,
            Shared::Given => std::sync::Arc::new(make()),
        }
    }
}

/// Article `id`'s quote records as items of the data files' lists (`write_quote_records`).
fn article_quote_records(config: &Config, graph: &SiteGraph, id: usize) -> Vec<u8> {
    let mut part = Vec::new();
    write_quote_records(&mut part, article_quotes(config, graph, id));
    part
}

/// `quotes.json`: every quotation, oldest article first (undated ones last, by title), each
/// article's in reading order.
/// Each article's records are taken from `shared` when given (`write_quotes_json`).
pub fn quotes_json(
    config: &Config,
    graph: &SiteGraph,
    shared: Option<&SharedRecords>,
) -> OutputFile {
    // Reserved to a generous guess: untouched room costs no memory, and growing would copy.
    let guess: usize = graph
        .articles
        .iter()
        .map(super::search::quote_records_guess)
        .sum();
    let mut bytes = Vec::with_capacity(guess + 64);
    write_quotes_json(config, graph, shared, &mut bytes);
    OutputFile {
        path: "quotes.json".to_string(),
        bytes,
    }
}

/// `quotes.json` put into `out` as it is made; each article's records taken from `shared`
/// when given.
pub fn write_quotes_json(
    config: &Config,
    graph: &SiteGraph,
    shared: Option<&SharedRecords>,
    out: &mut dyn ByteSink,
) {
    let mut ids: Vec<usize> = (0..graph.articles.len()).collect();
    // Stable: articles of one date keep the graph's order (by title).
    ids.sort_by_key(|&id| {
        let date = graph.articles[id].date;
        (date.is_none(), date.map(|d| d.instant))
    });
    // Each article's records made in parallel, indented as they sit in the file: the same
    // bytes as serializing `{"quotes": [...]}` pretty in one go.
    out.put(b"{\n  \"quotes\": [");
    let mut first = true;
    let records = |id: usize| match shared {
        Some(shared) => shared.get(id, || article_quote_records(config, graph, id)),
        None => std::sync::Arc::new(article_quote_records(config, graph, id)),
    };
    super::join_in_order(
        ids.len(),
        |i| records(ids[i]),
        |part| {
            if part.is_empty() {
                return;
            }
            out.put(if first { b"\n" } else { b",\n" });
            out.put(&part);
            first = false;
        },
    );
    out.put(if first { b"]\n}\n" } else { b"\n  ]\n}\n" });
}

#[derive(Debug, Serialize)]
pub struct SpeakerRecord<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    /// From the speaker registry, when the editor wrote an entry.
    pub role: Option<&'a str>,
    pub organisation: Option<&'a str>,
    pub quote_count: usize,
    pub article_count: usize,
    /// The speaker's page.
    pub url: String,
}

#[derive(Serialize)]
struct SpeakersFile<'a> {
    speakers: Vec<SpeakerRecord<'a>>,
}

/// `speakers.json`: every quoted speaker (those with a page), most quoted first, then by name.
pub fn speakers_json(config: &Config, graph: &SiteGraph) -> OutputFile {
    let mut speakers: Vec<SpeakerRecord> = graph
        .speakers
        .speakers
        .iter()
        .filter(|s| !s.quotes.is_empty())
        .map(|s| {
            let entry = s.entry.and_then(|e| graph.registry.get(e));
            SpeakerRecord {
                slug: &s.slug,
                name: &s.name,
                role: entry.and_then(|e| e.role.as_deref()),
                organisation: entry.and_then(|e| e.organisation.as_deref()),
                quote_count: s.quotes.len(),
                article_count: s.articles.len(),
                url: config.base_url.absolute(&speaker_path(&s.slug)),
            }
        })
        .collect();
    speakers.sort_by(|a, b| {
        b.quote_count
            .cmp(&a.quote_count)
            .then_with(|| a.name.cmp(b.name))
            .then_with(|| a.slug.cmp(b.slug))
    });
    json_file("speakers.json".to_string(), &SpeakersFile { speakers })
}

#[derive(Debug, Serialize)]
pub struct TopicRecord<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub url: String,
}

/// One article: its metadata and its quotations.
#[derive(Debug, Serialize)]
pub struct ArticleRecord<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub dek: Option<&'a str>,
    /// `YYYY-MM-DD`
    pub date: Option<&'a str>,
    pub updated: Option<String>,
    pub url: String,
    pub authors: &'a [String],
    pub topics: Vec<TopicRecord<'a>>,
    pub source: Option<&'a Source>,
    pub credit: Option<&'a str>,
    pub summary: &'a str,
    pub quote_count: usize,
    /// Written after the rest by `write_quote_records` (`article_json`).
    #[serde(skip)]
    pub quotes: Vec<QuoteRecord<'a>>,
}

pub fn article_record<'a>(r: &'a Renderer, id: usize) -> ArticleRecord<'a> {
    ArticleRecord {
        quotes: article_quotes(r.config, r.graph, id).collect(),
        ..article_head(r, id)
    }
}

/// `article_record` but its quotes (left empty; `quote_count` is set).
fn article_head<'a>(r: &'a Renderer, id: usize) -> ArticleRecord<'a> {
    let graph = r.graph;
    let article = &graph.articles[id];
    ArticleRecord {
        slug: &article.slug,
        title: &article.title,
        dek: article.dek.as_deref(),
        date: article.date_view.as_ref().map(|d| &*d.iso),
        updated: article.updated.as_ref().map(|d| d.iso_date()),
        url: r.config.base_url.absolute(&article_path(&article.slug)),
        authors: &article.authors,
        topics: graph.article_topics[id]
            .iter()
            .filter_map(|slug| graph.topics.get(slug))
            .map(|t| TopicRecord {
                slug: &t.slug,
                name: &t.name,
                url: r.config.base_url.absolute(&topic_path(&t.slug)),
            })
            .collect(),
        source: article.source.as_ref(),
        credit: article.credit.as_deref(),
        summary: &graph.articles[id].listing_summary,
        quote_count: article.quotes.len(),
        quotes: Vec::new(),
    }
}

/// `articles/<slug>/article.json`.
pub fn article_json(r: &Renderer, id: usize) -> OutputFile {
    let record = article_head(r, id);
    let quotes = r
        .quote_records
        .get(id, || article_quote_records(r.config, r.graph, id));
    let mut bytes = serde_json::to_vec_pretty(&record).expect("article records serialize");
    // The quotes are the record's last field: written where its closing brace was.
    if bytes.ends_with(b"\n}") {
        bytes.truncate(bytes.len() - 2);
    }
    if quotes.is_empty() {
        bytes.extend_from_slice(b",\n  \"quotes\": []\n}\n");
    } else {
        bytes.extend_from_slice(b",\n  \"quotes\": [\n");
        bytes.extend_from_slice(&quotes);
        bytes.extend_from_slice(b"\n  ]\n}\n");
    }
    OutputFile {
        path: format!("{}article.json", article_path(record.slug)),
        bytes,
    }
}

/// `articles/<slug>/article.json` for every article.
pub fn article_jsons(r: &Renderer) -> Vec<OutputFile> {
    (0..r.graph.articles.len())
        .map(|id| article_json(r, id))
        .collect()
}

/// Every data file: `quotes.json`, `speakers.json` and each article's `article.json`.
pub fn all_data(r: &Renderer) -> Vec<OutputFile> {
    let mut files = vec![
        quotes_json(r.config, r.graph, Some(&r.quote_records)),
        speakers_json(r.config, r.graph),
    ];
    files.extend(article_jsons(r));
    files
}

#[cfg(test)]
mod tests {
    #[test]
    fn shared_records_are_made_once_for_two_users_then_let_go() {
        let shared = super::SharedRecords::new(2);
        let made = std::cell::Cell::new(0);
        let make = || {
            made.set(made.get() + 1);
            b"records".to_vec()
        };
        let first = shared.get(0, make);
        let second = shared.get(0, make);
        assert_eq!(made.get(), 1);
        assert_eq!(
            (first.as_slice(), second.as_slice()),
            (&b"records"[..], &b"records"[..])
        );
        assert!(
            std::sync::Arc::ptr_eq(&first, &second),
            "the second user gets the kept bytes"
        );
        drop((first, second));
        // Taken by the second: a third user makes them again, and they are not kept.
        assert_eq!(&*shared.get(0, make), b"records");
        assert_eq!(made.get(), 2);
        assert_eq!(
            &*shared.get(5, make),
            b"records",
            "an unknown article is made, not kept"
        );
    }

    #[test]
    fn text_without_inline_markup_reads_as_itself() {
        let plain = [
            "We will win: 100% of it, #1 | {braces} + $5 = ^ok^ (really) / 3.5 — “yes” – ‘no’ …",
            "1. Not a list, - not an item, # not a heading, > but this one is marked",
            "Il a dit « non » ; c’est tout.",
        ];
        for text in &plain[..1] {
            assert!(!super::has_inline_markup(text), "{text}");
            assert_eq!(super::inline_text(text), *text);
        }
        for text in &plain[1..] {
            assert_eq!(super::inline_text(text), *text, "{text}");
        }
        for marked in [
            "it's", "\"so\"", "a -- b", "wait...", "*x*", "a_b_", "[a]", "&amp;", "~~no~~", "`c`",
            "\\*",
        ] {
            assert!(super::has_inline_markup(marked), "{marked}");
        }
    }

    #[test]
    fn apostrophes_after_letters_read_as_the_parse_reads_them() {
        for text in [
            "don't",
            "it's the players' union, and we're 100's strong",
            "Łódź's mayor",
            "rock 'n' roll",
            "'tis the season",
            "it's 'quoted' here",
            "don't *stop*",
            "isn't it... fine",
            "x' y",
        ] {
            let fast = super::only_closing_apostrophes(text);
            if fast {
                assert_eq!(text.replace('\'', "’"), super::inline_text(text), "{text}");
            }
            let expected = !text.contains(" '") && !text.starts_with('\'') && !text.contains('*');
            assert_eq!(fast, expected && !text.contains("..."), "{text}");
        }
    }

    use serde_json::Value;

    use super::super::feeds::test_site::*;
    use super::*;

    #[test]
    fn tidy_is_words_joined_by_single_spaces_even_when_already_tidy() {
        let reference = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        for text in [
            "",
            " ",
            "word",
            "two words",
            " leading",
            "trailing ",
            "double  space",
            "line\nbreak",
            "tab\there",
            "no-break\u{a0}space",
            "ideographic\u{3000}space",
            "next line\u{85}char",
            "curly “quotes” and é accents",
            "\u{2003}em space at start",
            "ends with em space\u{2003}",
            "x",
        ] {
            assert_eq!(tidy(text), reference(text), "{text:?}");
        }
    }

    fn parse(file: &OutputFile) -> Value {
        serde_json::from_slice(&file.bytes).unwrap()
    }

    #[test]
    fn quotes_run_oldest_first_with_permalinks() {
        let config = config("https://example.org/news/");
        let graph = graph();
        let file = quotes_json(&config, &graph, None);
        assert_eq!(file.path, "quotes.json");
        let json = parse(&file);
        let quotes = json["quotes"].as_array().unwrap();
        let articles: Vec<&str> = quotes
            .iter()
            .map(|q| q["article"].as_str().unwrap())
            .collect();
        assert_eq!(articles, ["old", "new", "new", "undated"]);
        let first = &quotes[0];
        let anchor = &graph.articles[1].anchors[0];
        assert_eq!(first["id"], format!("old-{anchor}"));
        assert_eq!(first["text"], "We will win the war,");
        assert_eq!(first["speaker"], "Vladimir Putin");
        assert_eq!(first["speaker_slug"], "putin");
        assert_eq!(first["article_title"], "Old news");
        assert_eq!(first["date"], "2020-01-01");
        assert_eq!(first["kind"], "full");
        assert!(first["confidence"].as_f64().unwrap() > 0.0);
        assert_eq!(
            first["permalink"],
            format!("https://example.org/news/articles/old/#{anchor}")
        );
        assert_eq!(quotes[1]["article_title"], "Tariffs & trade <update>");
        assert_eq!(quotes[2]["speaker"], "Joe Biden");
        assert_eq!(quotes[3]["date"], Value::Null);
        let keys: Vec<&String> = first.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 10);
        assert_eq!(quotes_json(&config, &graph, None), file);
        // Made in parts, the file reads as the whole list serialized pretty in one go.
        #[derive(Serialize)]
        struct Whole<'a> {
            quotes: Vec<QuoteRecord<'a>>,
        }
        let mut order: Vec<usize> = articles.iter().map(|slug| graph.by_slug[*slug]).collect();
        order.dedup();
        let records = order
            .into_iter()
            .flat_map(|id| article_quotes(&config, &graph, id))
            .collect();
        let mut whole = serde_json::to_vec_pretty(&Whole { quotes: records }).unwrap();
        whole.push(b'\n');
        assert_eq!(
            String::from_utf8(file.bytes).unwrap(),
            String::from_utf8(whole).unwrap()
        );
    }

    #[test]
    fn markdown_quotes_read_as_on_the_page() {
        let text = "The minister said “we can't accept \\[another\\] *partial* deal & move on”{@Jo Bloggs} \
                    and left.\n\n“1. Nothing is agreed\nuntil everything is,” `she` said.\n";
        let mut a = article("md", "Md", Some("2020-01-01"), &[], text);
        a.body = Body::Markdown(0..text.len());
        a.quotes = a.extract_quotes().0;
        let words: Vec<String> = a.quotes.iter().map(|q| quote_text(&a, q)).collect();
        assert_eq!(
            words,
            [
                "we can’t accept [another] partial deal & move on",
                "1. Nothing is agreed until everything is,"
            ]
        );
        assert_eq!(a.quotes[0].speaker.as_deref(), Some("Jo Bloggs"));
    }

    #[test]
    fn permalinks_are_root_relative_without_a_host() {
        let config = config("/news/");
        let json = parse(&quotes_json(&config, &graph(), None));
        let permalink = json["quotes"][0]["permalink"].as_str().unwrap();
        assert!(
            permalink.starts_with("/news/articles/old/#q-"),
            "{permalink}"
        );
    }

    #[test]
    fn speakers_are_most_quoted_first() {
        let config = config("https://example.org/news/");
        let graph = graph();
        let file = speakers_json(&config, &graph);
        let json = parse(&file);
        let speakers = json["speakers"].as_array().unwrap();
        let names: Vec<&str> = speakers
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        // Two quotes each: by name; the unquoted registry entry is left out.
        assert_eq!(names, ["Joe Biden", "Vladimir Putin"]);
        assert_eq!(speakers[1]["role"], "President");
        assert_eq!(speakers[1]["organisation"], "Kremlin & <Co>");
        assert_eq!(
            speakers[1]["url"],
            "https://example.org/news/speakers/putin/"
        );
        let biden = &speakers[0];
        assert_eq!(biden["slug"], "joe-biden");
        assert_eq!(biden["quote_count"], 2);
        assert_eq!(biden["article_count"], 2);
        assert_eq!(biden["role"], Value::Null);
        assert_eq!(biden["organisation"], Value::Null);
        assert_eq!(biden["url"], "https://example.org/news/speakers/joe-biden/");
        assert_eq!(speakers_json(&config, &graph), file);
    }

    #[test]
    fn each_article_has_its_metadata_and_quotes() {
        let config = config("https://example.org/news/");
        let graph = graph();
        let (tera, sources) = theme();
        let r = Renderer::new(&config, &graph, &tera, &sources);
        let files = article_jsons(&r);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "articles/new/article.json",
                "articles/old/article.json",
                "articles/undated/article.json"
            ]
        );
        let new = parse(&files[0]);
        assert_eq!(new["title"], "Tariffs & trade <update>");
        assert_eq!(new["url"], "https://example.org/news/articles/new/");
        assert_eq!(new["date"], "2021-06-01");
        assert_eq!(new["updated"], Value::Null);
        assert_eq!(new["topics"][1]["slug"], "trade");
        assert_eq!(
            new["topics"][1]["url"],
            "https://example.org/news/topics/trade/"
        );
        assert_eq!(new["quote_count"], 2);
        assert_eq!(new["quotes"][1]["speaker"], "Joe Biden");
        assert_eq!(new["source"], Value::Null);
        assert!(new["summary"].as_str().unwrap().starts_with("“Tariffs"));
        assert_eq!(parse(&files[1])["updated"], "2020-03-01");
        assert_eq!(article_jsons(&r), files);
        assert_eq!(all_data(&r).len(), 5);
        // Written in parts, each file reads as the whole record serialized pretty in one go.
        #[derive(Serialize)]
        struct Whole<'a> {
            #[serde(flatten)]
            record: &'a ArticleRecord<'a>,
            quotes: &'a [QuoteRecord<'a>],
        }
        for (id, file) in files.iter().enumerate() {
            let record = article_record(&r, id);
            let mut whole = serde_json::to_vec_pretty(&Whole {
                record: &record,
                quotes: &record.quotes,
            })
            .unwrap();
            whole.push(b'\n');
            assert_eq!(
                String::from_utf8(file.bytes.clone()).unwrap(),
                String::from_utf8(whole).unwrap()
            );
        }
    }
}

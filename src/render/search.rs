//! Client-side search: `search-index.json` (every article, quoted speaker and quotation, in
//! short keys) and the page at `search/` whose script (`search.js`) loads it. No server: the
//! index is a static file, fetched relative to the page, and all matching runs in the browser.

use serde::Serialize;

use super::views::{article_path, quote_path, speaker_path};
use super::{ByteSink, OutputFile, Renderer, json};
use crate::error::Diagnostic;
use crate::graph::SiteGraph;
use crate::graph::speakers::Speaker;

/// Site-relative path of the search page.
pub const SEARCH_PATH: &str = "search/";

/// Where the index is written, relative to the output folder.
pub const INDEX_PATH: &str = "search-index.json";

/// An article: `{"t": title, "p": path, "d": "YYYY-MM-DD", "s": summary, "k": [topic names]}`.
/// `d` is left out for undated articles, `k` for articles without topics.
#[derive(Debug, Serialize)]
struct ArticleEntry<'a> {
    t: &'a str,
    p: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<String>,
    s: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    k: Vec<&'a str>,
}

/// A quoted speaker: `{"n": name, "p": path, "r": role, "c": quote count}`; `r` only when the
/// registry gives one.
#[derive(Debug, Serialize)]
struct SpeakerEntry<'a> {
    n: &'a str,
    p: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    r: Option<&'a str>,
    c: usize,
}

/// A quotation: `{"t": words, "s": speaker name, "a": article title, "p": permalink}`; `s` is
/// left out when nobody is credited. Written by hand (`quote_entries`); this is its reference.
#[cfg(test)]
#[derive(Debug, Serialize)]
struct QuoteEntry<'a> {
    t: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<&'a str>,
    a: &'a str,
    p: String,
}

/// Quoted speakers (those with a page), most quoted first, then by name.
fn quoted_speakers(graph: &SiteGraph) -> Vec<&Speaker> {
    let mut speakers: Vec<&Speaker> = graph
        .speakers
        .speakers
        .iter()
        .filter(|s| !s.quotes.is_empty())
        .collect();
    speakers.sort_by(|a, b| {
        b.quotes
            .len()
            .cmp(&a.quotes.len())
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    speakers
}

/// The items of each of `count` groups serialized to compact JSON in parallel and joined into
/// one array, put into `out` as it is made: the same bytes as serializing the whole list.
fn put_serialized_array<T: Serialize>(
    count: usize,
    items: impl Fn(usize) -> Vec<T> + Sync,
    out: &mut dyn ByteSink,
) {
    put_compact_array(
        count,
        |i, part| {
            for (n, item) in items(i).iter().enumerate() {
                if n > 0 {
                    part.push(b',');
                }
                serde_json::to_writer(&mut *part, item).expect("search entries serialize");
            }
        },
        out,
    );
}

/// A JSON array of `count` groups of items, each group's written by `write_group`
/// (comma-separated) in parallel, put into `out` in order as it is made.
fn put_compact_array(
    count: usize,
    write_group: impl Fn(usize, &mut Vec<u8>) + Sync,
    out: &mut dyn ByteSink,
) {
    out.put(b"[");
    let mut first = true;
    super::join_in_order(
        count,
        |i| {
            let mut part = Vec::new();
            write_group(i, &mut part);
            part
        },
        |part| {
            if part.is_empty() {
                return;
            }
            if !first {
                out.put(b",");
            }
            out.put(&part);
            first = false;
        },
    );
    out.put(b"]");
}

/// What `put` puts, in a buffer reserved to a generous guess up front: the pages never
/// touched cost no memory, and the buffer is not copied as it grows.
fn buffered(capacity: usize, put: impl FnOnce(&mut dyn ByteSink)) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(capacity);
    put(&mut bytes);
    bytes
}

fn article_entries_guess(graph: &SiteGraph) -> usize {
    graph
        .articles
        .iter()
        .map(|a| 2 * (a.title.len() + a.slug.len() + a.listing_summary.len()) + 256)
        .sum()
}

fn put_article_entries(r: &Renderer<'_>, out: &mut dyn ByteSink) {
    let graph = r.graph;
    put_serialized_array(
        graph.articles.len(),
        |id| {
            let article = &graph.articles[id];
            vec![ArticleEntry {
                t: &article.title,
                p: article_path(&article.slug),
                d: article.date.as_ref().map(|d| d.iso_date()),
                s: &article.listing_summary,
                k: graph.article_topics[id]
                    .iter()
                    .filter_map(|slug| graph.topics.get(slug))
                    .map(|t| t.name.as_str())
                    .collect(),
            }]
        },
        out,
    );
}

fn put_speaker_entries(r: &Renderer<'_>, out: &mut dyn ByteSink) {
    let graph = r.graph;
    let speakers = quoted_speakers(graph);
    put_serialized_array(
        speakers.len(),
        |i| {
            let s = speakers[i];
            vec![SpeakerEntry {
                n: &s.name,
                p: speaker_path(&s.slug),
                r: s.entry
                    .and_then(|e| graph.registry.get(e))
                    .and_then(|e| e.role.as_deref()),
                c: s.quotes.len(),
            }]
        },
        out,
    );
}

fn put_quote_entries(r: &Renderer<'_>, out: &mut dyn ByteSink) {
    let graph = r.graph;
    // Written by hand (as `QuoteEntry` serializes): the biggest part of the index.
    put_compact_array(
        graph.articles.len(),
        |id, part| {
            let article = &graph.articles[id];
            for (i, quote) in article.quotes.iter().enumerate() {
                let text = &article.quote_texts[i];
                if text.is_empty() {
                    continue;
                }
                let speaker = graph.speakers.quote_speakers[id][i]
                    .map(|s| graph.speakers.speakers[s].name.as_str())
                    .or(quote.speaker.as_deref());
                if !part.is_empty() {
                    part.push(b',');
                }
                part.extend_from_slice(b"{\"t\":");
                json::write_str(part, text);
                if let Some(speaker) = speaker {
                    part.extend_from_slice(b",\"s\":");
                    json::write_str(part, speaker);
                }
                part.extend_from_slice(b",\"a\":");
                json::write_str(part, &article.title);
                part.extend_from_slice(b",\"p\":");
                json::write_str(part, &quote_path(&article.slug, &article.anchors[i]));
                part.push(b'}');
            }
        },
        out,
    );
}

/// More than an article's quote records take in the data files: a guess to reserve room by.
pub fn quote_records_guess(article: &std::sync::Arc<crate::content::Article>) -> usize {
    article
        .quote_texts
        .iter()
        .map(|text| 2 * (text.len() + article.title.len() + article.slug.len()) + 1024)
        .sum()
}

/// `search-index.json`: compact JSON, deterministic (the same site gives the same bytes):
/// articles newest first, speakers most quoted first, quotes by article in reading order.
pub fn search_index(r: &Renderer) -> OutputFile {
    let guess = article_entries_guess(r.graph)
        + r.graph
            .articles
            .iter()
            .map(quote_records_guess)
            .sum::<usize>()
        + 256 * r.graph.speakers.speakers.len();
    OutputFile {
        path: INDEX_PATH.to_string(),
        bytes: buffered(guess, |out| write_search_index(r, out)),
    }
}

/// `search_index`, put into `out` as it is made. In incremental builds its article and quote
/// parts are kept between builds while their inputs stay.
pub fn write_search_index(r: &Renderer, out: &mut dyn ByteSink) {
    let graph = r.graph;
    out.put(b"{\"a\":");
    if r.cache.is_some() {
        out.put(&r.fragment(
            "search-articles",
            |fp, _| fp.cards_number(),
            || buffered(article_entries_guess(graph), |v| put_article_entries(r, v)),
        ));
    } else {
        put_article_entries(r, out);
    }
    out.put(b",\"s\":");
    put_speaker_entries(r, out);
    out.put(b",\"q\":");
    if r.cache.is_some() {
        let guess = graph.articles.iter().map(quote_records_guess).sum();
        out.put(&r.fragment(
            "search-quotes",
            |fp, graph| fp.quotes_number(graph),
            || buffered(guess, |v| put_quote_entries(r, v)),
        ));
    } else {
        put_quote_entries(r, out);
    }
    out.put(b"}");
}

/// The search page, `search/index.html`: the form, the results region the script fills, and
/// links to the indexes for readers without JavaScript.
pub fn search_page(r: &Renderer) -> Result<OutputFile, Diagnostic> {
    #[derive(Serialize)]
    struct Counts {
        articles: usize,
        speakers: usize,
        quotes: usize,
    }
    #[derive(Serialize)]
    struct Vars {
        counts: Counts,
        /// The index, site-relative: templates prefix `page.root`.
        index_path: &'static str,
    }
    let graph = r.graph;
    let meta = r.meta(
        "Search".to_string(),
        format!(
            "Search the articles, speakers and quotes of {}",
            r.config.title
        ),
        SEARCH_PATH,
    );
    r.render(
        "search.html",
        meta,
        Vars {
            counts: Counts {
                articles: graph.articles.len(),
                speakers: graph
                    .speakers
                    .speakers
                    .iter()
                    .filter(|s| !s.quotes.is_empty())
                    .count(),
                quotes: graph.articles.iter().map(|a| a.quotes.len()).sum(),
            },
            index_path: INDEX_PATH,
        },
    )
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::super::feeds::test_site::*;
    use super::*;

    fn parse(file: &OutputFile) -> Value {
        serde_json::from_slice(&file.bytes).unwrap()
    }

    #[test]
    fn index_lists_articles_speakers_and_quotes_with_site_relative_paths() {
        let config = config("https://example.org/news/");
        let graph = graph();
        let (tera, sources) = theme();
        let r = Renderer::new(&config, &graph, &tera, &sources);
        let file = search_index(&r);
        assert_eq!(file.path, "search-index.json");
        let json = parse(&file);

        let articles = json["a"].as_array().unwrap();
        let titles: Vec<&str> = articles.iter().map(|a| a["t"].as_str().unwrap()).collect();
        assert_eq!(titles, ["Tariffs & trade <update>", "Old news", "No date"]);
        let new = &articles[0];
        assert_eq!(new["p"], "articles/new/");
        assert_eq!(new["d"], "2021-06-01");
        assert!(new["s"].as_str().unwrap().starts_with("“Tariffs are"));
        assert_eq!(new["k"], serde_json::json!(["Europe", "Trade"]));
        // Undated and topicless: the keys are left out.
        assert_eq!(articles[2].get("d"), None);
        assert_eq!(articles[2].get("k"), None);

        let speakers = json["s"].as_array().unwrap();
        assert_eq!(
            speakers,
            &[
                serde_json::json!({"n": "Joe Biden", "p": "speakers/joe-biden/", "c": 2}),
                serde_json::json!({"n": "Vladimir Putin", "p": "speakers/putin/", "r": "President", "c": 2}),
            ]
        );

        let quotes = json["q"].as_array().unwrap();
        assert_eq!(quotes.len(), 4);
        let war = quotes
            .iter()
            .find(|q| q["t"] == "We will win the war,")
            .unwrap();
        assert_eq!(war["s"], "Vladimir Putin");
        assert_eq!(war["a"], "Old news");
        let anchor = &graph.articles[graph.by_slug["old"]].anchors[0];
        assert_eq!(war["p"], format!("articles/old/#{anchor}"));
        let trade: Vec<&str> = quotes
            .iter()
            .filter(|q| q["a"] == "Tariffs & trade <update>")
            .map(|q| q["s"].as_str().unwrap())
            .collect();
        assert_eq!(trade, ["Vladimir Putin", "Joe Biden"]);
    }

    #[test]
    fn quote_entries_are_written_as_serde_writes_them() {
        let config = config("/");
        let graph = graph();
        let (tera, sources) = theme();
        let r = Renderer::new(&config, &graph, &tera, &sources);
        let reference = buffered(0, |out| {
            put_serialized_array(
                graph.articles.len(),
                |id| {
                    let article = &graph.articles[id];
                    (0..article.quotes.len())
                        .map(|i| QuoteEntry {
                            t: article.quote_texts[i].clone(),
                            s: graph.speakers.quote_speakers[id][i]
                                .map(|s| graph.speakers.speakers[s].name.as_str())
                                .or(article.quotes[i].speaker.as_deref()),
                            a: &article.title,
                            p: quote_path(&article.slug, &article.anchors[i]),
                        })
                        .filter(|q| !q.t.is_empty())
                        .collect()
                },
                out,
            )
        });
        let written = buffered(0, |out| put_quote_entries(&r, out));
        assert_eq!(
            String::from_utf8(written).unwrap(),
            String::from_utf8(reference).unwrap()
        );
    }

    #[test]
    fn index_is_compact_and_deterministic() {
        let config = config("/");
        let graph = graph();
        let (tera, sources) = theme();
        let r = Renderer::new(&config, &graph, &tera, &sources);
        let file = search_index(&r);
        let text = std::str::from_utf8(&file.bytes).unwrap();
        assert!(text.starts_with("{\"a\":[{\"t\":"), "{text}");
        assert!(!text.contains('\n'));
        assert!(!text.contains("\": "));
        // Text stays raw in JSON: escaping is the script's job (it inserts text, not HTML).
        assert!(text.contains("\"t\":\"Tariffs & trade <update>\""));
        assert_eq!(search_index(&r), file);
    }

    #[test]
    fn an_empty_site_has_an_empty_index() {
        let config = config("https://example.org/");
        let graph = SiteGraph::build(
            Vec::<crate::content::Article>::new(),
            Vec::new(),
            Vec::new(),
        )
        .unwrap();
        let (tera, sources) = theme();
        let r = Renderer::new(&config, &graph, &tera, &sources);
        assert_eq!(
            std::str::from_utf8(&search_index(&r).bytes).unwrap(),
            "{\"a\":[],\"s\":[],\"q\":[]}"
        );
    }

    #[test]
    fn search_page_has_a_labelled_form_a_live_region_and_a_fallback() {
        let config = config("https://example.org/news/");
        let graph = graph();
        let (tera, sources) = theme();
        let r = Renderer::new(&config, &graph, &tera, &sources);
        let page = search_page(&r).unwrap();
        assert_eq!(page.path, "search/index.html");
        let html = std::str::from_utf8(&page.bytes).unwrap();
        assert!(
            html.contains("<title>Search · T &amp; &lt;Co&gt;</title>"),
            "{html}"
        );
        assert!(html.contains("<form class=\"search-form\" role=\"search\""));
        assert!(html.contains("data-index=\"../search-index.json\""));
        assert!(html.contains("data-root=\"../\""));
        assert!(html.contains("<label for=\"search-q\""));
        assert!(html.contains("<input type=\"search\" id=\"search-q\" name=\"q\""));
        assert!(html.contains("aria-live=\"polite\""));
        assert!(html.contains("<script src=\"../search.js\" defer></script>"));
        let noscript = &html[html.find("<noscript>").unwrap()..html.find("</noscript>").unwrap()];
        for index in ["articles/", "speakers/", "topics/"] {
            assert!(
                noscript.contains(&format!("href=\"../{index}\"")),
                "{noscript}"
            );
        }
        assert!(
            html.contains("3 articles, 2 speakers and 4 quotes"),
            "{html}"
        );
    }
}

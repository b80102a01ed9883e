//! The site graph: every article by slug plus the indexes pages are rendered from.
//! Built once per build from parsed articles; rendering only reads it.

pub mod digests;
pub mod links;
pub mod speakers;

use std::collections::BTreeMap;

use rayon::slice::ParallelSliceMut;
use std::sync::Arc;

use crate::content::speaker::SpeakerFile;
use speakers::SpeakerIndex;

use crate::content::Article;
use crate::content::frontmatter::locate_key;
use crate::error::Diagnostic;

/// Index of an article in `SiteGraph::articles`.
pub type ArticleId = usize;

#[derive(Debug, Clone)]
pub struct Topic {
    pub slug: String,
    pub name: String,
    /// Newest first, like `SiteGraph::articles`.
    pub articles: Vec<ArticleId>,
}

#[derive(Debug)]
pub struct SiteGraph {
    /// Newest first; undated articles last, then by title. Shared with the incremental
    /// build's cache, so an unchanged article is never copied.
    pub articles: Vec<Arc<Article>>,
    pub by_slug: rustc_hash::FxHashMap<String, ArticleId>,
    /// By slug, so that the topics index is alphabetical.
    pub topics: BTreeMap<String, Topic>,
    /// Topic slugs of each article, in the article's order.
    pub article_topics: Vec<Vec<String>>,
    /// The speaker registry as written.
    pub registry: Vec<SpeakerFile>,
    pub speakers: SpeakerIndex,
    pub links: links::Links,
    /// Editions, newest first.
    pub digests: Vec<digests::Digest>,
    /// Each article's body HTML from the extract phase, taken out of the article so that its
    /// page frees it once made (`take_body_html`).
    pub body_html: Vec<std::sync::Mutex<Option<crate::render::markdown::BodyHtml>>>,
}

/// FNV-1a: a tiny stable hash, so anchors never change between builds or Rust versions.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a over `bytes`, carried on from `hash` (`FNV_OFFSET` to start).
fn fnv1a(hash: u64, bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(hash, fnv1a_byte)
}

fn fnv1a_byte(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
}

/// Anchors for an article's quotes, made from their words (case and spacing aside), so that a
/// quote keeps its anchor when other quotes are added, removed or edited.
pub fn quote_anchors(article: &Article) -> Vec<String> {
    // Quotes seen per hash (the anchor's only variable part), to number repeats.
    let mut seen: rustc_hash::FxHashMap<u32, usize> = Default::default();
    article
        .quotes
        .iter()
        .map(|q| {
            let words = &article.text[q.content.clone()];
            let mut hash = FNV_OFFSET;
            if words.is_ascii() {
                // Most quotes: the words' bytes lowered one by one, each word then a space.
                let mut in_word = false;
                for b in words.bytes() {
                    if b.is_ascii_alphanumeric() {
                        hash = fnv1a_byte(hash, b.to_ascii_lowercase());
                        in_word = true;
                    } else if in_word {
                        hash = fnv1a_byte(hash, b' ');
                        in_word = false;
                    }
                }
                if in_word {
                    hash = fnv1a_byte(hash, b' ');
                }
            } else {
                for word in words
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                {
                    hash = fnv1a(
                        hash,
                        word.to_lowercase().bytes().chain(std::iter::once(b' ')),
                    );
                }
            }
            let n = seen.entry(hash as u32).or_insert(0);
            *n += 1;
            let mut anchor = String::with_capacity(16);
            anchor.push_str("q-");
            for shift in (0..32).step_by(4).rev() {
                anchor.push(char::from(
                    b"0123456789abcdef"[(hash >> shift) as usize & 0xf],
                ));
            }
            if *n > 1 {
                anchor.push('-');
                anchor.push_str(&n.to_string());
            }
            anchor
        })
        .collect()
}

impl SiteGraph {
    /// Orders articles, indexes topics and checks that slugs are unique.
    pub fn build<A: Into<Arc<Article>>>(
        articles: impl IntoIterator<Item = A>,
        registry: Vec<SpeakerFile>,
        digest_files: Vec<crate::content::digest::DigestFile>,
    ) -> Result<SiteGraph, Vec<Diagnostic>> {
        let mut articles: Vec<Arc<Article>> = articles.into_iter().map(Into::into).collect();
        for article in &mut articles {
            // Articles made by hand (tests) skip the extract phase.
            if article.fingerprint == 0 {
                Arc::make_mut(article).derive();
            }
        }
        // Stable, in parallel: the main thread would otherwise sort while both workers wait.
        articles.par_sort_by(|a, b| {
            let by_date = match (&a.date, &b.date) {
                (Some(x), Some(y)) => y.instant.cmp(&x.instant),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            };
            by_date
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.path.cmp(&b.path))
        });
        let (by_slug, (topics, article_topics)) =
            rayon::join(|| slug_index(&articles), || topic_index(&articles));
        let by_slug = by_slug?;
        // The speaker index on one side, internal links and digests on the other: independent.
        let (speakers, (links, digests)) = rayon::join(
            || SpeakerIndex::build(&articles, &registry),
            || {
                (
                    links::resolve(&articles),
                    digests::resolve(digest_files, &articles, &by_slug, &article_topics),
                )
            },
        );
        let speakers = speakers?;
        let links = links.map(|mut links| {
            links.related = links::related(articles.len(), &article_topics, &topics, &speakers);
            links
        });
        // Both are checked before failing, so one run reports every broken reference.
        let (links, digests) = match (links, digests) {
            (Ok(links), Ok(digests)) => (links, digests),
            (links, digests) => {
                let mut problems = links.err().unwrap_or_default();
                problems.extend(digests.err().unwrap_or_default());
                return Err(problems);
            }
        };
        // Unshared articles (a full build's) give their body HTML up to the graph.
        let body_html = articles
            .iter_mut()
            .map(|article| {
                std::sync::Mutex::new(Arc::get_mut(article).and_then(|a| a.body_html.take()))
            })
            .collect();
        Ok(SiteGraph {
            body_html,
            digests,
            links,
            articles,
            by_slug,
            topics,
            article_topics,
            registry,
            speakers,
        })
    }

    /// Article `id`'s body HTML from the extract phase, if no one took it yet: each article
    /// page takes its own, so that the HTML of thousands of bodies is not all held to the end.
    pub fn take_body_html(&self, id: ArticleId) -> Option<crate::render::markdown::BodyHtml> {
        let slot = self.body_html.get(id)?;
        slot.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

/// Each article's id by its slug; a slug used twice is an error at the second article.
fn slug_index(
    articles: &[Arc<Article>],
) -> Result<rustc_hash::FxHashMap<String, ArticleId>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut by_slug: rustc_hash::FxHashMap<String, ArticleId> = Default::default();
    by_slug.reserve(articles.len());
    for (id, article) in articles.iter().enumerate() {
        if let Some(&first) = by_slug.get(&article.slug) {
            let (line, column) = slug_location(article);
            problems.push(
                Diagnostic::error(
                    &article.path,
                    line,
                    column,
                    format!(
                        "duplicate slug `{}`: {} has it too",
                        article.slug,
                        articles[first].path.display()
                    ),
                )
                .with_hint(
                    "give one of them another slug = \"…\" in its front matter, or rename the file",
                ),
            );
        } else {
            by_slug.insert(article.slug.clone(), id);
        }
    }
    if problems.is_empty() {
        Ok(by_slug)
    } else {
        Err(problems)
    }
}

/// The topics by slug, with their articles, and each article's topic slugs.
fn topic_index(articles: &[Arc<Article>]) -> (BTreeMap<String, Topic>, Vec<Vec<String>>) {
    let mut topics: BTreeMap<String, Topic> = BTreeMap::new();
    let mut article_topics = Vec::with_capacity(articles.len());
    for (id, article) in articles.iter().enumerate() {
        let mut slugs = Vec::with_capacity(article.topics.len());
        for name in &article.topics {
            let slug = slug::slugify(name);
            if slug.is_empty() {
                continue;
            }
            topics
                .entry(slug.clone())
                .or_insert_with(|| Topic {
                    slug: slug.clone(),
                    name: name.clone(),
                    articles: Vec::new(),
                })
                .articles
                .push(id);
            slugs.push(slug);
        }
        article_topics.push(slugs);
    }
    (topics, article_topics)
}

/// The `slug =` line if the front matter sets one, else the top of the file.
fn slug_location(article: &Article) -> (usize, usize) {
    if let crate::content::Body::Markdown(body) = &article.body {
        if let Some(found) = locate_key(&article.text[..body.start], "slug") {
            return found;
        }
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Body, date::PubDate};
    use std::path::PathBuf;

    fn article(slug: &str, date: Option<&str>, topics: &[&str]) -> Article {
        Article {
            path: PathBuf::from(format!("content/articles/{slug}.md")),
            slug: slug.into(),
            title: slug.to_uppercase(),
            dek: None,
            date: date.map(|d| PubDate::parse(d).unwrap()),
            updated: None,
            source: None,
            authors: vec![],
            topics: topics.iter().map(|t| t.to_string()).collect(),
            summary: None,
            draft: false,
            credit: None,
            text: String::new(),
            body: Body::Markdown(0..0),
            quote_notes: Vec::new(),
            quotes: Vec::new(),
            ..Article::default()
        }
    }

    #[test]
    fn orders_newest_first_and_indexes_topics() {
        let graph = SiteGraph::build(
            vec![
                article("old", Some("2020-01-01"), &["Europe"]),
                article("undated", None, &[]),
                article("new", Some("2021-01-01"), &["Europe", "Health"]),
            ],
            Vec::new(),
            Vec::new(),
        )
        .unwrap();
        let slugs: Vec<&str> = graph.articles.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(slugs, ["new", "old", "undated"]);
        assert_eq!(graph.topics["europe"].articles, vec![0, 1]);
        assert_eq!(graph.topics.len(), 2);
    }

    #[test]
    fn quote_anchors_survive_edits_elsewhere() {
        use crate::quotes::Block;
        let anchors = |text: &str| {
            let mut a = article("a", Some("2020-01-01"), &[]);
            a.text = text.to_string();
            a.quotes = crate::quotes::extract(text, &[Block::paragraph(0..text.len())]);
            quote_anchors(&a)
        };
        let before = anchors("He said “we will win” and “soon”.");
        let after = anchors("First “new words” here. He said “we will win” and “soon”.");
        assert_eq!(before[0], after[1]);
        assert_eq!(before[1], after[2]);
        assert_ne!(before[0], before[1]);
        assert!(before[0].starts_with("q-") && before[0].len() == 10);
    }

    /// Anchors are made from words lowered and joined by spaces: ASCII quotes take a faster
    /// path that must agree with the general one (anchors are permalinks: they never change).
    #[test]
    fn ascii_quotes_anchor_as_the_general_rule_does() {
        let anchor_of = |words: &str| {
            let mut a = article("a", Some("2020-01-01"), &[]);
            a.text = words.to_string();
            a.quotes = vec![crate::quotes::Quote {
                content: 0..words.len(),
                outer: 0..words.len(),
                kind: crate::quotes::QuoteKind::Full,
                speaker: None,
                mention: None,
                pattern: crate::quotes::Pattern::Other,
                confidence: 1.0,
                depth: 0,
                pull: false,
            }];
            quote_anchors(&a).remove(0)
        };
        let general = |words: &str| {
            let lowered = words
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .flat_map(|w| w.to_lowercase().into_bytes().into_iter().chain([b' ']));
            format!("q-{:08x}", fnv1a(FNV_OFFSET, lowered) as u32)
        };
        for words in [
            "We WILL win, 2 to 1!",
            "  --leading and trailing--  ",
            "x",
            "",
            "Ünïcode words",
        ] {
            assert_eq!(anchor_of(words), general(words), "{words:?}");
        }
        assert_eq!(anchor_of("We will win"), anchor_of("we  WILL, win!"));
    }

    #[test]
    fn duplicate_slugs_are_errors() {
        let mut b = article("same", Some("2020-01-01"), &[]);
        b.path = PathBuf::from("content/articles/other/same.md");
        let problems = SiteGraph::build(
            vec![article("same", Some("2021-01-01"), &[]), b],
            Vec::new(),
            Vec::new(),
        )
        .unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("duplicate slug `same`"));
    }
}

//! What templates see: borrowed, serializable views of the graph (nothing cloned per render
//! but small strings). Every field is always present so Tera 2's strict lookups never trip.

use serde::Serialize;

use crate::config::Config;
use crate::content::Article;
use crate::content::date::PubDate;
use crate::content::frontmatter::Source;
use crate::graph::{SiteGraph, Topic};

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub author: Option<&'a str>,
    /// The site's absolute root URL (or its path when no host is configured).
    pub base_url: String,
}

impl<'a> SiteView<'a> {
    pub fn new(config: &'a Config) -> Self {
        SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            author: config.author.as_deref(),
            base_url: config.base_url.absolute(""),
        }
    }
}

/// A date as templates show it; shared, not copied (articles keep theirs: `Article::date_view`).
#[derive(Serialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct DateView {
    /// `2022-02-01`
    pub iso: std::sync::Arc<str>,
    /// RFC 3339, for `<time datetime>` and feeds.
    pub rfc3339: std::sync::Arc<str>,
    /// `1 February 2022`
    pub human: std::sync::Arc<str>,
}

impl From<&PubDate> for DateView {
    fn from(date: &PubDate) -> Self {
        DateView {
            iso: date.iso_date().into(),
            rfc3339: date.rfc3339().into(),
            human: date.human().into(),
        }
    }
}

#[derive(Serialize)]
pub struct TopicLink<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    /// Site-relative: `topics/europe/`.
    pub path: String,
}

impl<'a> From<&'a Topic> for TopicLink<'a> {
    fn from(topic: &'a Topic) -> Self {
        TopicLink {
            name: &topic.name,
            slug: &topic.slug,
            path: topic_path(&topic.slug),
        }
    }
}

// Site paths are made for every link of every page: `concat` sizes each string once.
pub fn article_path(slug: &str) -> String {
    ["articles/", slug, "/"].concat()
}

pub fn topic_path(slug: &str) -> String {
    ["topics/", slug, "/"].concat()
}

pub fn speaker_path(slug: &str) -> String {
    ["speakers/", slug, "/"].concat()
}

/// Site-relative permalink of a quote: its anchor on its article's page.
pub fn quote_path(article_slug: &str, anchor: &str) -> String {
    ["articles/", article_slug, "/#", anchor].concat()
}

/// Where an article came from, as shown: a `javascript:` or other unsafe address is kept as
/// text, never made a link.
#[derive(Serialize)]
pub struct SourceView<'a> {
    pub name: Option<&'a str>,
    pub url: Option<&'a str>,
}

impl<'a> From<&'a Source> for SourceView<'a> {
    fn from(source: &'a Source) -> Self {
        match source.url.as_deref() {
            Some(url) if !crate::render::markdown::is_safe_url(url) => SourceView {
                name: source.name.as_deref().or(Some(url)),
                url: None,
            },
            url => SourceView {
                name: source.name.as_deref(),
                url,
            },
        }
    }
}

/// An article as listed: enough for a card in a listing.
#[derive(Serialize)]
pub struct ArticleCard<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub dek: Option<&'a str>,
    /// Site-relative: `articles/x/`.
    pub path: String,
    pub date: Option<DateView>,
    pub summary: &'a str,
    pub source: Option<SourceView<'a>>,
    pub topics: Vec<TopicLink<'a>>,
}

impl<'a> ArticleCard<'a> {
    pub fn new(graph: &'a SiteGraph, id: usize, summary: &'a str) -> Self {
        let article: &Article = &graph.articles[id];
        ArticleCard {
            slug: &article.slug,
            title: &article.title,
            dek: article.dek.as_deref(),
            path: article_path(&article.slug),
            date: article.date_view.clone(),
            summary,
            source: article.source.as_ref().map(SourceView::from),
            topics: graph.article_topics[id]
                .iter()
                .filter_map(|slug| graph.topics.get(slug))
                .map(TopicLink::from)
                .collect(),
        }
    }
}

/// An article's own page: its card's fields and the rest (written out, not `serde(flatten)`:
/// flattening serializes through a map, several times slower into template values).
#[derive(Serialize)]
pub struct ArticleView<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub dek: Option<&'a str>,
    pub path: String,
    /// The article's `DateView`, as a template value shared with its card and quotes.
    pub date: Option<tera::Value>,
    pub summary: &'a str,
    pub source: Option<SourceView<'a>>,
    pub topics: Vec<TopicLink<'a>>,
    pub updated: Option<DateView>,
    pub authors: &'a [String],
    pub credit: Option<&'a str>,
    pub body_html: &'a str,
}

/// Pagination of a listing.
#[derive(Serialize)]
pub struct PaginationView {
    pub current: usize,
    pub total: usize,
    /// Site-relative paths, absent at the ends.
    pub previous: Option<String>,
    pub next: Option<String>,
}

#[derive(Serialize)]
pub struct TopicSummary<'a> {
    #[serde(flatten)]
    pub link: TopicLink<'a>,
    pub count: usize,
}

/// What every page knows about itself.
#[derive(Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    /// Site-relative path of the page (`articles/x/`); empty for the home page.
    pub path: String,
    /// Absolute URL (or root-relative when no host is set).
    pub canonical: String,
    /// Prefix that leads from this page to the site root: `./`, `../../`, or the base path.
    pub root: String,
}

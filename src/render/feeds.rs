//! What machines read to follow the site: Atom feeds (the site, each topic, each speaker's
//! quotes), `sitemap.xml` and `robots.txt`.
//!
//! The XML is written by hand, escaped by `escape_xml`. Output depends only on the content and
//! the configuration, never on the clock, so that two builds of the same site are identical:
//! a feed's `updated` is its newest entry's date, and undated entries (and empty feeds) use
//! `FALLBACK_DATE`.

use super::markdown::escape_html;
use super::views::{article_path, quote_path, speaker_path, topic_path};
use super::{OutputFile, Renderer};
use crate::config::Config;
use crate::content::Article;
use crate::content::date::PubDate;
use crate::graph::SiteGraph;
use crate::graph::speakers::{QuoteRef, Speaker};

/// Entries in each feed at most.
pub const FEED_ENTRIES: usize = 50;

/// The file name of every feed, beside the page it follows: `atom.xml`, `topics/x/atom.xml`.
pub const FEED_FILE: &str = "atom.xml";

/// The date of undated entries and of feeds without a dated entry: fixed, so builds repeat.
pub const FALLBACK_DATE: &str = "1970-01-01T00:00:00Z";

/// Atom ids must be absolute IRIs: without a configured host, ids are tag URIs made from the
/// root-relative path (`tag:gazette,2000:/news/articles/x/`).
pub const TAG_PREFIX: &str = "tag:gazette,2000:";

/// Words of a quotation shown in its feed entry's title.
const TITLE_WORDS: usize = 12;

/// Escapes text for XML element content and attribute values, and drops the characters XML
/// 1.0 does not allow (control characters other than tab and line breaks, U+FFFE, U+FFFF).
pub fn escape_xml(text: &str, out: &mut String) {
    // Bytes that may need work: the five special characters, the control characters
    // and the lead byte of U+FFFE and U+FFFF; tab, line feed and carriage return pass.
    const LOOK: [bool; 256] = {
        let mut look = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            look[b] = !matches!(b, 0x09 | 0x0A | 0x0D);
            b += 1;
        }
        look[b'&' as usize] = true;
        look[b'<' as usize] = true;
        look[b'>' as usize] = true;
        look[b'"' as usize] = true;
        look[b'\'' as usize] = true;
        look[0xEF] = true;
        look
    };
    // Runs of ordinary text are copied whole; only the bytes that need it are looked at.
    let bytes = text.as_bytes();
    let mut run_start = 0;
    let mut i = 0;
    while let Some(found) = bytes[i..].iter().position(|&b| LOOK[usize::from(b)]) {
        i += found;
        let (replacement, skip): (&str, usize) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            // Control characters, and U+FFFE and U+FFFF (EF BF BE/BF), are not allowed in XML.
            b if b < b' ' => ("", 1),
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => ("", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[run_start..i]);
        out.push_str(replacement);
        i += skip;
        run_start = i;
    }
    out.push_str(&text[run_start..]);
}

fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_html(text, &mut out);
    out
}

/// The URL of a site path: absolute when a host is configured, else root-relative.
fn url(config: &Config, site_path: &str) -> String {
    config.base_url.absolute(site_path)
}

/// An Atom id for a site path: its absolute URL, or a tag URI when no host is configured.
pub fn atom_id(config: &Config, site_path: &str) -> String {
    atom_id_of(config, &url(config, site_path))
}

/// `atom_id` of the path whose URL (`url`) is `link`.
fn atom_id_of(config: &Config, link: &str) -> String {
    if config.base_url.origin.is_empty() {
        [TAG_PREFIX, link].concat()
    } else {
        link.to_string()
    }
}

/// The later of an article's date and its update, for `updated` and `lastmod`.
fn last_change(article: &Article) -> Option<PubDate> {
    match (article.date, article.updated) {
        (Some(d), Some(u)) => Some(if u.instant > d.instant { u } else { d }),
        (d, u) => d.or(u),
    }
}

/// A date as feeds write it (RFC 3339), with its instant to find the newest by.
#[derive(Clone)]
struct FeedDate {
    instant: jiff::Timestamp,
    text: std::sync::Arc<str>,
}

impl FeedDate {
    fn of(date: &PubDate) -> FeedDate {
        FeedDate {
            instant: date.instant,
            text: date.rfc3339().into(),
        }
    }

    /// `date`, taking the text from the article's own date when it is that date: formatted
    /// once in the extract phase for all of its quotes' entries.
    fn of_article(article: &Article, date: Option<PubDate>) -> Option<FeedDate> {
        let date = date?;
        match &article.date_view {
            Some(view) if article.date == Some(date) => Some(FeedDate {
                instant: date.instant,
                text: view.rfc3339.clone(),
            }),
            _ => Some(FeedDate::of(&date)),
        }
    }
}

struct Entry<'a> {
    id: String,
    title: String,
    link: String,
    published: Option<FeedDate>,
    updated: Option<FeedDate>,
    authors: &'a [String],
    categories: Vec<&'a str>,
    /// HTML, escaped again when written.
    summary_html: Option<String>,
    content_html: Option<String>,
}

struct Feed<'a> {
    /// Site path of the feed file.
    path: String,
    /// Site path of the page the feed follows.
    page: String,
    title: String,
    subtitle: String,
    entries: Vec<Entry<'a>>,
}

impl Feed<'_> {
    fn to_xml(&self, config: &Config) -> String {
        let mut out = String::with_capacity(1024 + self.entries.len() * 1024);
        let updated = self
            .entries
            .iter()
            .filter_map(|e| e.updated.as_ref())
            .max_by_key(|d| d.instant);
        out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        push_element(
            &mut out,
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"",
            &config.language,
            "\">\n",
        );
        push_element(&mut out, "  <id>", &atom_id(config, &self.path), "</id>\n");
        push_element(&mut out, "  <title>", &self.title, "</title>\n");
        if !self.subtitle.is_empty() {
            push_element(&mut out, "  <subtitle>", &self.subtitle, "</subtitle>\n");
        }
        out.push_str("  <updated>");
        out.push_str(updated.map_or(FALLBACK_DATE, |d| &d.text));
        out.push_str("</updated>\n");
        push_element(
            &mut out,
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"",
            &url(config, &self.path),
            "\"/>\n",
        );
        push_element(
            &mut out,
            "  <link rel=\"alternate\" type=\"text/html\" href=\"",
            &url(config, &self.page),
            "\"/>\n",
        );
        let author = config.author.as_deref().unwrap_or(&config.title);
        push_element(&mut out, "  <author><name>", author, "</name></author>\n");
        push_element(
            &mut out,
            "  <generator version=\"",
            env!("CARGO_PKG_VERSION"),
            "\">Gazette</generator>\n",
        );
        for entry in &self.entries {
            entry.write(&mut out);
        }
        out.push_str("</feed>\n");
        out
    }

    fn into_file(self, config: &Config) -> OutputFile {
        OutputFile {
            bytes: self.to_xml(config).into_bytes(),
            path: self.path,
        }
    }
}

/// `open`, `text` escaped for XML, `close`: one element, written without a temporary string.
fn push_element(out: &mut String, open: &str, text: &str, close: &str) {
    out.push_str(open);
    escape_xml(text, out);
    out.push_str(close);
}

impl Entry<'_> {
    fn write(&self, out: &mut String) {
        out.push_str("  <entry>\n");
        push_element(out, "    <id>", &self.id, "</id>\n");
        push_element(out, "    <title>", &self.title, "</title>\n");
        out.push_str("    <updated>");
        out.push_str(self.updated.as_ref().map_or(FALLBACK_DATE, |d| &d.text));
        out.push_str("</updated>\n");
        if let Some(published) = &self.published {
            out.push_str("    <published>");
            out.push_str(&published.text);
            out.push_str("</published>\n");
        }
        push_element(
            out,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"",
            &self.link,
            "\"/>\n",
        );
        for author in self.authors {
            push_element(out, "    <author><name>", author, "</name></author>\n");
        }
        for category in &self.categories {
            push_element(out, "    <category term=\"", category, "\"/>\n");
        }
        if let Some(summary) = &self.summary_html {
            push_element(out, "    <summary type=\"html\">", summary, "</summary>\n");
        }
        if let Some(content) = &self.content_html {
            push_element(out, "    <content type=\"html\">", content, "</content>\n");
        }
        out.push_str("  </entry>\n");
    }
}

fn article_entry<'a>(r: &'a Renderer, id: usize) -> Entry<'a> {
    let article = &r.graph.articles[id];
    let path = article_path(&article.slug);
    let mut summary = String::new();
    if let Some(dek) = article.dek.as_deref().filter(|d| !d.trim().is_empty()) {
        summary.push_str(&format!("<p><strong>{}</strong></p>", html(dek.trim())));
    }
    let text = r.graph.articles[id].listing_summary.as_str();
    if !text.is_empty() {
        summary.push_str(&format!("<p>{}</p>", html(text)));
    }
    let link = url(r.config, &path);
    Entry {
        id: atom_id_of(r.config, &link),
        title: article.title.clone(),
        link,
        published: FeedDate::of_article(article, article.date),
        updated: FeedDate::of_article(article, last_change(article)),
        authors: &article.authors,
        categories: r.graph.article_topics[id]
            .iter()
            .filter_map(|slug| r.graph.topics.get(slug))
            .map(|t| t.name.as_str())
            .collect(),
        summary_html: (!summary.is_empty()).then_some(summary),
        content_html: None,
    }
}

/// `atom.xml`: the latest articles of the whole site.
pub fn site_feed(r: &Renderer) -> OutputFile {
    let entries = (0..r.graph.articles.len().min(FEED_ENTRIES))
        .map(|id| article_entry(r, id))
        .collect();
    Feed {
        path: FEED_FILE.to_string(),
        page: String::new(),
        title: r.config.title.clone(),
        subtitle: r.config.description.clone(),
        entries,
    }
    .into_file(r.config)
}

/// `topics/<slug>/atom.xml`: the topic's latest articles.
pub fn topic_feed(r: &Renderer, topic: &crate::graph::Topic) -> OutputFile {
    let page = topic_path(&topic.slug);
    Feed {
        path: format!("{page}{FEED_FILE}"),
        title: format!("{} · {}", topic.name, r.config.title),
        subtitle: format!("Articles about {} in {}", topic.name, r.config.title),
        page,
        entries: topic
            .articles
            .iter()
            .take(FEED_ENTRIES)
            .map(|&id| article_entry(r, id))
            .collect(),
    }
    .into_file(r.config)
}

/// `topics/<slug>/atom.xml` for every topic.
pub fn topic_feeds(r: &Renderer) -> Vec<OutputFile> {
    r.graph
        .topics
        .values()
        .map(|topic| topic_feed(r, topic))
        .collect()
}

/// The first words of a quotation, with an ellipsis when there are more.
fn first_words(text: &str) -> String {
    let mut words = text.split_whitespace();
    let mut out = String::with_capacity(text.len().min(TITLE_WORDS * 8));
    for word in words.by_ref().take(TITLE_WORDS) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if words.next().is_some() {
        let kept = out.trim_end_matches([',', ';', ':', '-', '–', '—']).len();
        out.truncate(kept);
        out.push('…');
    }
    out
}

fn quote_entry<'a>(config: &Config, graph: &'a SiteGraph, name: &str, r: QuoteRef) -> Entry<'a> {
    let article = &graph.articles[r.article];
    let anchor = &graph.articles[r.article].anchors[r.quote];
    let path = quote_path(&article.slug, anchor);
    let text = article.quote_texts[r.quote].as_str();
    let mut content = String::with_capacity(text.len() * 2 + 256);
    content.push_str("<blockquote><p>“");
    escape_html(text, &mut content);
    content.push_str("”</p></blockquote><p>— ");
    escape_html(name, &mut content);
    content.push_str(", in <a href=\"");
    escape_html(&url(config, &article_path(&article.slug)), &mut content);
    content.push_str("\">");
    escape_html(&article.title, &mut content);
    content.push_str("</a>");
    if let Some(date) = &article.date_view {
        content.push_str(", ");
        escape_html(&date.human, &mut content);
    }
    content.push_str("</p>");
    let link = url(config, &path);
    Entry {
        id: atom_id_of(config, &link),
        title: [name, ": “", &first_words(text), "”"].concat(),
        link,
        published: FeedDate::of_article(article, article.date),
        updated: FeedDate::of_article(article, last_change(article)),
        authors: &article.authors,
        categories: Vec::new(),
        summary_html: None,
        content_html: Some(content),
    }
}

/// `speakers/<slug>/atom.xml` for a quoted speaker (one with a page): one entry per
/// quotation, newest article first (quotes of one article in reading order).
pub fn speaker_feed(config: &Config, graph: &SiteGraph, speaker: &Speaker) -> OutputFile {
    // Article ids run newest first, so ascending (article, quote) is newest first.
    let mut refs = speaker.quotes.clone();
    refs.sort_by_key(|q| (q.article, q.quote));
    let entry = speaker.entry.and_then(|e| graph.registry.get(e));
    let about: Vec<&str> = entry
        .into_iter()
        .flat_map(|e| [e.role.as_deref(), e.organisation.as_deref()])
        .flatten()
        .filter(|s| !s.trim().is_empty())
        .collect();
    let who = if about.is_empty() {
        speaker.name.clone()
    } else {
        format!("{} ({})", speaker.name, about.join(", "))
    };
    let page = speaker_path(&speaker.slug);
    Feed {
        path: format!("{page}{FEED_FILE}"),
        title: format!("{} · quotes in {}", speaker.name, config.title),
        subtitle: format!("What {who} says, as quoted in {}", config.title),
        page,
        entries: refs
            .into_iter()
            .take(FEED_ENTRIES)
            .map(|q| quote_entry(config, graph, &speaker.name, q))
            .collect(),
    }
    .into_file(config)
}

/// Every quoted speaker's feed.
pub fn speaker_feeds(config: &Config, graph: &SiteGraph) -> Vec<OutputFile> {
    graph
        .speakers
        .speakers
        .iter()
        .filter(|speaker| !speaker.quotes.is_empty())
        .map(|speaker| speaker_feed(config, graph, speaker))
        .collect()
}

/// `digests/atom.xml`: every edition, newest first, with its articles listed.
pub fn digest_feed(r: &Renderer) -> OutputFile {
    let entries = r
        .graph
        .digests
        .iter()
        .take(FEED_ENTRIES)
        .map(|digest| {
            let path = super::digest_path(&digest.file.slug);
            let mut content = String::new();
            if let Some(summary) = &digest.file.summary {
                content.push_str(&format!("<p>{}</p>", html(summary)));
            }
            content.push_str("<ul>");
            for &id in &digest.articles {
                let article = &r.graph.articles[id];
                content.push_str(&format!(
                    "<li><a href=\"{}\">{}</a></li>",
                    html(&url(r.config, &article_path(&article.slug))),
                    html(&article.title)
                ));
            }
            content.push_str("</ul>");
            Entry {
                id: atom_id(r.config, &path),
                title: digest.file.title.clone(),
                link: url(r.config, &path),
                published: digest.file.date.as_ref().map(FeedDate::of),
                updated: digest.file.date.as_ref().map(FeedDate::of),
                authors: &[],
                categories: Vec::new(),
                summary_html: None,
                content_html: Some(content),
            }
        })
        .collect();
    Feed {
        path: "digests/atom.xml".to_string(),
        page: "digests/".to_string(),
        title: format!("{} · digests", r.config.title),
        subtitle: format!("Every edition of {}", r.config.title),
        entries,
    }
    .into_file(r.config)
}

/// Every feed: the site's, each topic's, each speaker's and the digests'.
pub fn all_feeds(r: &Renderer) -> Vec<OutputFile> {
    let mut files = vec![site_feed(r)];
    // An empty feed is an error to feed readers: no digests, no digest feed.
    if !r.graph.digests.is_empty() {
        files.push(digest_feed(r));
    }
    files.extend(topic_feeds(r));
    files.extend(speaker_feeds(r.config, r.graph));
    files
}

/// The site path a generated HTML file is served at: `articles/x/index.html` → `articles/x/`.
fn page_path(file: &str) -> Option<&str> {
    if !file.ends_with(".html") || file == "404.html" {
        return None;
    }
    if file == "index.html" {
        Some("")
    } else if let Some(dir) = file.strip_suffix("/index.html") {
        Some(&file[..=dir.len()])
    } else {
        Some(file)
    }
}

/// A W3C datetime: the date alone when the editor gave no time.
fn lastmod(date: &PubDate) -> String {
    if date.has_time {
        date.rfc3339()
    } else {
        date.iso_date()
    }
}

/// `sitemap.xml`: one `<loc>` per generated HTML page (not `404.html`), in path order, with
/// `<lastmod>` for article pages. URLs are absolute when a host is configured, else
/// root-relative (the sitemap protocol wants absolute ones: set `base_url` for crawlers).
pub fn sitemap(config: &Config, graph: &SiteGraph, pages: &[OutputFile]) -> OutputFile {
    sitemap_of(config, graph, pages.iter().map(|p| p.path.as_str()))
}

/// The sitemap of the output files at these paths.
pub fn sitemap_of<'p>(
    config: &Config,
    graph: &SiteGraph,
    files: impl Iterator<Item = &'p str>,
) -> OutputFile {
    let mut paths: Vec<&str> = files.filter_map(page_path).collect();
    paths.sort_unstable();
    paths.dedup();
    let mut out = String::with_capacity(128 + paths.len() * 96);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in paths {
        out.push_str("  <url><loc>");
        escape_xml(&url(config, path), &mut out);
        out.push_str("</loc>");
        let article = path
            .strip_prefix("articles/")
            .and_then(|rest| rest.strip_suffix('/'))
            .filter(|slug| !slug.contains('/'))
            .and_then(|slug| graph.by_slug.get(slug))
            .map(|&id| &graph.articles[id]);
        if let Some((article, date)) = article.and_then(|a| Some((a, last_change(a)?))) {
            out.push_str("<lastmod>");
            match &article.date_view {
                // The article's own date, formatted once in the extract phase.
                Some(view) if article.date == Some(date) => {
                    out.push_str(if date.has_time {
                        &view.rfc3339
                    } else {
                        &view.iso
                    });
                }
                _ => out.push_str(&lastmod(&date)),
            }
            out.push_str("</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".to_string(),
        bytes: out.into_bytes(),
    }
}

/// `robots.txt`: everything allowed; the sitemap named when its absolute URL is known.
pub fn robots(config: &Config) -> OutputFile {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if !config.base_url.origin.is_empty() {
        text.push_str(&format!("\nSitemap: {}\n", url(config, "sitemap.xml")));
    }
    OutputFile {
        path: "robots.txt".to_string(),
        bytes: text.into_bytes(),
    }
}

/// A small site in memory, for the tests of feeds and data files.
#[cfg(test)]
pub(crate) mod test_site {
    use std::path::{Path, PathBuf};

    use tera::Tera;

    use crate::config::{Config, Overrides};
    use crate::content::date::PubDate;
    use crate::content::speaker::SpeakerFile;
    use crate::content::{Article, Body};
    use crate::graph::SiteGraph;
    use crate::quotes::Block;
    use crate::render::templates::{self, TemplateSources};

    pub fn article(
        slug: &str,
        title: &str,
        date: Option<&str>,
        topics: &[&str],
        text: &str,
    ) -> Article {
        Article {
            path: PathBuf::from(format!("content/articles/{slug}.txt")),
            slug: slug.into(),
            title: title.into(),
            dek: None,
            date: date.map(|d| PubDate::parse(d).unwrap()),
            updated: None,
            source: None,
            authors: vec![],
            topics: topics.iter().map(|t| t.to_string()).collect(),
            summary: None,
            draft: false,
            credit: None,
            text: text.to_string(),
            body: Body::Plain(std::iter::once(0..text.len()).collect()),
            quote_notes: Vec::new(),
            quotes: crate::quotes::extract(text, &[Block::paragraph(0..text.len())]),
            ..Article::default()
        }
    }

    pub fn config(base_url: &str) -> Config {
        let text = format!("title = \"T & <Co>\"\nauthor = \"Ed\"\nbase_url = \"{base_url}\"");
        Config::from_str(Path::new("/site"), &text, &Overrides::default()).unwrap()
    }

    /// Three articles: two dated (one with `&` and `<` in its title), one undated; Putin
    /// (`putin`) and an unquoted speaker in the registry.
    pub fn graph() -> SiteGraph {
        let mut updated = article(
            "old",
            "Old news",
            Some("2020-01-01"),
            &["Europe"],
            "“We will win the war,” said Vladimir Putin.",
        );
        updated.updated = Some(PubDate::parse("2020-03-01T12:00:00+02:00").unwrap());
        let articles = vec![
            updated,
            article(
                "new",
                "Tariffs & trade <update>",
                Some("2021-06-01"),
                &["Europe", "Trade"],
                "“Tariffs are a tax on our own people and our own factories, and they will hurt \
                 every family in the country,” said Vladimir Putin. Later, “Nobody wins a trade \
                 war,” Joe Biden said.",
            ),
            article(
                "undated",
                "No date",
                None,
                &[],
                "“It is a fine day for a walk,” said Joe Biden.",
            ),
        ];
        let entry =
            |slug: &str, name: &str, role: Option<&str>, organisation: Option<&str>| SpeakerFile {
                path: PathBuf::from(format!("content/speakers/{slug}.md")),
                slug: slug.into(),
                name: name.into(),
                aliases: vec!["Putin".into()]
                    .into_iter()
                    .filter(|_| slug == "putin")
                    .collect(),
                role: role.map(String::from),
                organisation: organisation.map(String::from),
                text: String::new(),
                bio: 0..0,
                alias_lines: Vec::new(),
            };
        let registry = vec![
            entry(
                "putin",
                "Vladimir Putin",
                Some("President"),
                Some("Kremlin & <Co>"),
            ),
            entry("nobody", "Nobody Quoted", None, None),
        ];
        SiteGraph::build(articles, registry, Vec::new()).unwrap()
    }

    /// The default theme, for a `Renderer`.
    pub fn theme() -> (Tera, TemplateSources) {
        templates::load(Path::new("/nonexistent/gazette-test-site")).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::test_site::*;
    use super::*;

    fn text(file: &OutputFile) -> &str {
        std::str::from_utf8(&file.bytes).unwrap()
    }

    fn find<'f>(files: &'f [OutputFile], path: &str) -> &'f OutputFile {
        files.iter().find(|f| f.path == path).unwrap_or_else(|| {
            panic!(
                "no {path} in {:?}",
                files.iter().map(|f| &f.path).collect::<Vec<_>>()
            )
        })
    }

    fn xml(text: &str) -> String {
        let mut out = String::new();
        escape_xml(text, &mut out);
        out
    }

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            xml("a & b <c> \"d\" 'e'\u{1}\tf"),
            "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;\tf"
        );
        assert_eq!(
            xml("é\u{FFFE}ü\u{FFFF}€\u{FFFD}—\r\n“x”\u{1f}"),
            "éü€\u{FFFD}—\r\n“x”"
        );
        assert_eq!(xml(""), "");
        assert_eq!(xml("plain"), "plain");
    }

    #[test]
    fn site_feed_lists_articles_with_absolute_urls_and_escaped_titles() {
        let config = config("https://example.org/news/");
        let graph = graph();
        let (tera, sources) = theme();
        let r = Renderer::new(&config, &graph, &tera, &sources);
        let feed = site_feed(&r);
        assert_eq!(feed.path, "atom.xml");
        let xml = text(&feed);
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""));
        assert!(xml.contains("<id>https://example.org/news/atom.xml</id>"));
        assert!(xml.contains("<title>T &amp; &lt;Co&gt;</title>"));
        assert!(xml.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/news/atom.xml\"/>"));
        assert!(xml.contains(
            "<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/news/\"/>"
        ));
        assert!(xml.contains("<author><name>Ed</name></author>"));
        assert_eq!(xml.matches("<entry>").count(), 3);
        assert!(xml.contains("<title>Tariffs &amp; trade &lt;update&gt;</title>"));
        assert!(xml.contains("<id>https://example.org/news/articles/new/</id>"));
        // Newest first; the feed's date is its newest entry's.
        let new = xml.find("articles/new/").unwrap();
        let old = xml.find("articles/old/").unwrap();
        let undated = xml.find("articles/undated/").unwrap();
        assert!(new < old && old < undated);
        assert!(xml.contains("  <updated>2021-06-01T00:00:00Z</updated>\n  <link"));
        // The update counts, in its own offset; undated articles get the fixed date.
        assert!(xml.contains("<updated>2020-03-01T12:00:00+02:00</updated>\n    <published>2020-01-01T00:00:00Z</published>"));
        assert!(xml.contains(&format!("<updated>{FALLBACK_DATE}</updated>\n    <link")));
        assert!(xml.contains("<category term=\"Trade\"/>"));
        // Summaries are HTML, escaped once more as XML text.
        assert!(xml.contains("<summary type=\"html\">&lt;p&gt;“Tariffs are"));
        // Reproducible.
        assert_eq!(site_feed(&r), feed);
    }

    #[test]
    fn topic_feeds_follow_their_topic() {
        let config = config("https://example.org/news/");
        let graph = graph();
        let (tera, sources) = theme();
        let r = Renderer::new(&config, &graph, &tera, &sources);
        let feeds = topic_feeds(&r);
        assert_eq!(feeds.len(), 2);
        let trade = text(find(&feeds, "topics/trade/atom.xml"));
        assert_eq!(trade.matches("<entry>").count(), 1);
        assert!(trade.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/news/topics/trade/\"/>"));
        assert!(trade.contains("<id>https://example.org/news/topics/trade/atom.xml</id>"));
        assert_eq!(
            text(find(&feeds, "topics/europe/atom.xml"))
                .matches("<entry>")
                .count(),
            2
        );
    }

    #[test]
    fn speaker_feeds_give_each_quote_newest_first() {
        let config = config("https://example.org/news/");
        let graph = graph();
        let putin = &graph.speakers.speakers[graph.speakers.by_slug["putin"]];
        assert_eq!(putin.quotes.len(), 2, "{:?}", graph.articles[0].quotes);
        let feeds = speaker_feeds(&config, &graph);
        // Unquoted speakers have no page, so no feed.
        let paths: Vec<&str> = feeds.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            ["speakers/putin/atom.xml", "speakers/joe-biden/atom.xml"]
        );
        let xml = text(find(&feeds, "speakers/putin/atom.xml"));
        assert!(xml.contains(
            "<subtitle>What Vladimir Putin (President, Kremlin &amp; &lt;Co&gt;) says, as quoted in T &amp; &lt;Co&gt;</subtitle>"
        ));
        assert_eq!(xml.matches("<entry>").count(), 2);
        let anchor = &graph.articles[0].anchors[0];
        let link = format!("https://example.org/news/articles/new/#{anchor}");
        assert!(xml.contains(&format!("<id>{link}</id>")), "{xml}");
        assert!(xml.contains(&format!("href=\"{link}\"")));
        // Newest first, the title shortened with an ellipsis.
        let tariffs = xml.find("Tariffs are").unwrap();
        let war = xml.find("We will win").unwrap();
        assert!(tariffs < war);
        assert!(xml.contains(
            "<title>Vladimir Putin: “Tariffs are a tax on our own people and our own factories…”</title>"
        ));
        assert!(xml.contains("<title>Vladimir Putin: “We will win the war,”</title>"));
        // The article's title, escaped as HTML, then as XML.
        assert!(
            xml.contains("Tariffs &amp;amp; trade &amp;lt;update&amp;gt;&lt;/a&gt;, 1 June 2021")
        );
        assert!(xml.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/news/speakers/putin/\"/>"));
        assert_eq!(speaker_feeds(&config, &graph), feeds);
    }

    #[test]
    fn without_a_host_ids_are_tag_uris_and_links_root_relative() {
        let config = config("/news/");
        let graph = graph();
        let (tera, sources) = theme();
        let r = Renderer::new(&config, &graph, &tera, &sources);
        let xml = text(&site_feed(&r)).to_string();
        assert!(xml.contains("<id>tag:gazette,2000:/news/atom.xml</id>"));
        assert!(xml.contains("<id>tag:gazette,2000:/news/articles/new/</id>"));
        assert!(xml.contains("href=\"/news/articles/new/\""));
        let speakers = speaker_feeds(&config, &graph);
        let biden = text(find(&speakers, "speakers/joe-biden/atom.xml"));
        assert!(biden.contains("<id>tag:gazette,2000:/news/articles/new/#q-"));
    }

    #[test]
    fn an_empty_site_has_a_valid_dated_feed() {
        let config = config("https://example.org/");
        let graph = SiteGraph::build(Vec::<Article>::new(), Vec::new(), Vec::new()).unwrap();
        let (tera, sources) = theme();
        let r = Renderer::new(&config, &graph, &tera, &sources);
        let xml = text(&site_feed(&r)).to_string();
        assert!(xml.contains(&format!("<updated>{FALLBACK_DATE}</updated>")));
        assert!(!xml.contains("<entry>"));
    }

    fn pages() -> Vec<OutputFile> {
        [
            "articles/old/index.html",
            "index.html",
            "404.html",
            "articles/new/index.html",
            "articles/page/2/index.html",
            "topics/europe/index.html",
            "atom.xml",
            "style.css",
        ]
        .iter()
        .map(|p| OutputFile {
            path: p.to_string(),
            bytes: Vec::new(),
        })
        .collect()
    }

    #[test]
    fn sitemap_lists_pages_with_article_dates() {
        let config = config("https://example.org/news/");
        let graph = graph();
        let map = sitemap(&config, &graph, &pages());
        assert_eq!(map.path, "sitemap.xml");
        let xml = text(&map);
        let locs: Vec<&str> = xml
            .split("<loc>")
            .skip(1)
            .map(|s| &s[..s.find("</loc>").unwrap()])
            .collect();
        assert_eq!(
            locs,
            [
                "https://example.org/news/",
                "https://example.org/news/articles/new/",
                "https://example.org/news/articles/old/",
                "https://example.org/news/articles/page/2/",
                "https://example.org/news/topics/europe/",
            ]
        );
        assert!(xml.contains("articles/new/</loc><lastmod>2021-06-01</lastmod>"));
        assert!(xml.contains("articles/old/</loc><lastmod>2020-03-01T12:00:00+02:00</lastmod>"));
        assert!(xml.contains("page/2/</loc></url>"));
        assert_eq!(sitemap(&config, &graph, &pages()), map);

        let relative = sitemap(&self::config("/news/"), &graph, &pages());
        assert!(text(&relative).contains("<loc>/news/articles/new/</loc>"));
    }

    #[test]
    fn robots_names_the_sitemap_only_when_its_url_is_known() {
        assert_eq!(
            text(&robots(&config("https://example.org/news/"))),
            "User-agent: *\nAllow: /\n\nSitemap: https://example.org/news/sitemap.xml\n"
        );
        assert_eq!(
            text(&robots(&config("/news/"))),
            "User-agent: *\nAllow: /\n"
        );
    }
}

//! An article out of a saved news page: its headline, publication time, author, address and
//! the paragraphs of its body, with the page's navigation, asides and scripts left behind.

use scraper::{ElementRef, Html, Node, Selector};

use super::markdown::BlockKind;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlArticle {
    pub title: String,
    /// As the page writes it (`2022-02-01T10:00:00Z`, `2022-02-01`).
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub url: Option<String>,
    pub site_name: Option<String>,
    pub blocks: Vec<(BlockKind, String)>,
}

/// Elements that are never article text.
const LEFT_OUT: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "footer",
    "header",
    "figure",
    "figcaption",
    "form",
    "button",
    "select",
    "svg",
    "iframe",
    "object",
    "video",
    "audio",
];

/// Elements that may hold the article, best first; the one with the most paragraph text wins.
const CONTAINERS: &[&str] = &[
    "[itemprop=\"articleBody\"]",
    "article",
    "main",
    "[role=\"main\"]",
];

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

/// HTML collapses runs of spaces, tabs and newlines into one space; `<br>` is a line break.
fn collapse(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            line.split([' ', '\t', '\r', '\x0c'])
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text of an element as a reader sees it: `<br>` kept as a line break, scripts dropped.
fn visible_text(element: ElementRef) -> String {
    fn walk(element: ElementRef, out: &mut String) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => out.push_str(&text.replace('\n', " ")),
                Node::Element(e) if e.name() == "br" => out.push('\n'),
                Node::Element(e) if LEFT_OUT.contains(&e.name()) => {}
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        walk(child, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    walk(element, &mut out);
    collapse(&out)
}

fn blocks_in(container: ElementRef) -> Vec<(BlockKind, String)> {
    fn walk(element: ElementRef, in_quote: bool, out: &mut Vec<(BlockKind, String)>) {
        for child in element.child_elements() {
            let name = child.value().name();
            if LEFT_OUT.contains(&name) {
                continue;
            }
            let kind = match name {
                "p" if in_quote => Some(BlockKind::Quote),
                "p" => Some(BlockKind::Paragraph),
                "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading),
                // The headline is the title, not a block of the body.
                "h1" => continue,
                _ => None,
            };
            match kind {
                Some(kind) => {
                    let text = visible_text(child);
                    if !text.trim().is_empty() {
                        out.push((kind, text));
                    }
                }
                None => walk(child, in_quote || name == "blockquote", out),
            }
        }
    }
    let mut blocks = Vec::new();
    walk(container, false, &mut blocks);
    blocks
}

fn meta(document: &Html, css: &str) -> Option<String> {
    let selector = selector(css)?;
    document
        .select(&selector)
        .filter_map(|e| e.value().attr("content").or(e.value().attr("datetime")))
        .map(|v| collapse(v.trim()))
        .find(|v| !v.is_empty())
}

/// `datePublished` anywhere in the page's JSON-LD.
fn json_ld_date(document: &Html) -> Option<String> {
    fn find(value: &serde_json::Value) -> Option<String> {
        match value {
            serde_json::Value::Object(map) => map
                .get("datePublished")
                .and_then(|v| v.as_str().map(str::to_string))
                .or_else(|| map.values().find_map(find)),
            serde_json::Value::Array(items) => items.iter().find_map(find),
            _ => None,
        }
    }
    let selector = selector("script[type=\"application/ld+json\"]")?;
    document.select(&selector).find_map(|script| {
        let json: serde_json::Value =
            serde_json::from_str(&script.text().collect::<String>()).ok()?;
        find(&json)
    })
}

/// Reads an article from a page; `Err` says why the page holds none.
pub fn extract(html: &str) -> Result<HtmlArticle, String> {
    let document = Html::parse_document(html);
    let root = document.root_element();
    let paragraph_text = |e: ElementRef| -> usize {
        blocks_in(e)
            .iter()
            .filter(|(k, _)| *k != BlockKind::Heading)
            .map(|(_, t)| t.len())
            .sum()
    };
    let container = CONTAINERS
        .iter()
        .filter_map(|css| selector(css))
        .flat_map(|s| document.select(&s).collect::<Vec<_>>())
        .map(|e| (paragraph_text(e), e))
        .filter(|(len, _)| *len > 0)
        // The first of the longest: an outer <main> does not beat the <article> it holds.
        .fold(None::<(usize, ElementRef)>, |best, (len, e)| match best {
            Some((best_len, _)) if best_len >= len => best,
            _ => Some((len, e)),
        })
        .map(|(_, e)| e)
        .or_else(|| selector("body").and_then(|s| document.select(&s).next()))
        .unwrap_or(root);
    let blocks = blocks_in(container);
    if !blocks.iter().any(|(k, _)| *k != BlockKind::Heading) {
        return Err("no article text in the page (no <p> paragraphs)".to_string());
    }
    let headline = selector("h1").and_then(|h1| {
        container
            .select(&h1)
            .chain(document.select(&h1))
            .map(visible_text)
            .map(|t| t.replace('\n', " "))
            .find(|t| !t.is_empty())
    });
    let title = headline
        .or_else(|| meta(&document, "meta[property=\"og:title\"]"))
        .or_else(|| {
            let title = selector("title")?;
            document
                .select(&title)
                .map(visible_text)
                .find(|t| !t.is_empty())
        })
        .ok_or_else(|| "the page has no headline (no <h1>, og:title or <title>)".to_string())?;
    let time_in_article = selector("time[datetime]").and_then(|time| {
        container
            .select(&time)
            .find_map(|t| t.value().attr("datetime").map(|d| d.trim().to_string()))
    });
    let published = meta(&document, "meta[property=\"article:published_time\"]")
        .or_else(|| meta(&document, "[itemprop=\"datePublished\"]"))
        .or_else(|| json_ld_date(&document))
        .or(time_in_article)
        .or_else(|| meta(&document, "meta[name=\"date\"]"))
        .or_else(|| meta(&document, "meta[name=\"pubdate\"]"))
        .or_else(|| meta(&document, "meta[name=\"DC.date.issued\"]"))
        .or_else(|| meta(&document, "time[datetime]"));
    let authors = meta(&document, "meta[name=\"author\"]")
        .into_iter()
        .flat_map(|a| {
            a.split([',', ';'])
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
        })
        .collect();
    let url = selector("link[rel=\"canonical\"]")
        .and_then(|s| {
            document
                .select(&s)
                .find_map(|l| l.value().attr("href").map(|h| h.trim().to_string()))
        })
        .filter(|u| !u.is_empty())
        .or_else(|| meta(&document, "meta[property=\"og:url\"]"));
    Ok(HtmlArticle {
        title,
        published,
        authors,
        url,
        site_name: meta(&document, "meta[property=\"og:site_name\"]"),
        blocks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Council votes | Riverside Times</title>
<meta property="og:site_name" content="Riverside Times">
<meta name="author" content="Jane Doe, John Roe">
<link rel="canonical" href="https://example.org/council-votes">
<script>var x = "<p>not text</p>";</script>
</head><body>
<nav><p>Home | News</p></nav>
<main><article>
  <header><h1>Council   votes for
  the bridge</h1><time datetime="2022-02-01T10:00:00Z">1 Feb</time></header>
  <p>RIVERSIDE: The council  voted on <b>Tuesday</b>.</p>
  <figure><img src="x.jpg"><figcaption>A caption</figcaption></figure>
  <p>“We will build it,” said the leader.<br>Work starts in May.</p>
  <h2>What next</h2>
  <blockquote><p>A quoted paragraph.</p></blockquote>
  <aside><p>Read more: other stories</p></aside>
  <p>&nbsp;</p>
</article></main>
<footer><p>Copyright</p></footer>
</body></html>"#;

    #[test]
    fn reads_headline_time_authors_and_body() {
        let article = extract(PAGE).unwrap();
        assert_eq!(article.title, "Council votes for the bridge");
        assert_eq!(article.published.as_deref(), Some("2022-02-01T10:00:00Z"));
        assert_eq!(article.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(
            article.url.as_deref(),
            Some("https://example.org/council-votes")
        );
        assert_eq!(article.site_name.as_deref(), Some("Riverside Times"));
        assert_eq!(
            article.blocks,
            [
                (
                    BlockKind::Paragraph,
                    "RIVERSIDE: The council voted on Tuesday.".to_string()
                ),
                (
                    BlockKind::Paragraph,
                    "“We will build it,” said the leader.\nWork starts in May.".to_string()
                ),
                (BlockKind::Heading, "What next".to_string()),
                (BlockKind::Quote, "A quoted paragraph.".to_string()),
            ]
        );
    }

    #[test]
    fn a_page_without_paragraphs_is_no_article() {
        let err = extract(
            "<html><head><title>Index</title></head><body><ul><li>a</li></ul></body></html>",
        )
        .unwrap_err();
        assert!(err.contains("no article text"), "{err}");
    }
}

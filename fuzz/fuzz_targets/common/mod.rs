//! What every fuzz target checks beyond "no panic": ranges inside the text and on character
//! boundaries, diagnostics at real places, and HTML that only holds the tags Gazette writes.

#![allow(dead_code)]

use std::ops::Range;

use gazette::content::Article;
use gazette::error::Diagnostic;
use gazette::quotes::Quote;
use gazette::render::markdown::{QuoteMark, escape_html};

/// A range of `text` that can be sliced: in bounds, ordered, on character boundaries.
pub fn assert_slice(text: &str, range: &Range<usize>, what: &str) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{what} {range:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{what} {range:?} not on character boundaries"
    );
}

/// Quotes lie in the text, their words inside their marks, in text order, with sane values.
pub fn assert_quotes(text: &str, quotes: &[Quote]) {
    let mut previous = 0;
    for quote in quotes {
        assert_slice(text, &quote.outer, "quote outer");
        assert_slice(text, &quote.content, "quote content");
        assert!(
            quote.outer.start <= quote.content.start && quote.content.end <= quote.outer.end,
            "content {:?} outside outer {:?}",
            quote.content,
            quote.outer
        );
        if let Some(mention) = &quote.mention {
            assert_slice(text, mention, "speaker mention");
        }
        assert!(
            quote.confidence.is_finite() && (0.0..=1.0).contains(&quote.confidence),
            "confidence {}",
            quote.confidence
        );
        if let Some(speaker) = &quote.speaker {
            assert!(!speaker.trim().is_empty(), "an empty speaker name");
        }
        assert!(quote.content.start >= previous, "quotes out of text order");
        previous = quote.content.start;
    }
}

/// A diagnostic points at a line and column that exist in `text` (its file's text).
pub fn assert_located(diagnostic: &Diagnostic, text: &str) {
    let lines = text.split('\n').count();
    assert!(
        diagnostic.line >= 1 && diagnostic.line <= lines,
        "{diagnostic} is past the {lines} lines of the file"
    );
    let line = text.split('\n').nth(diagnostic.line - 1).unwrap_or("");
    assert!(
        diagnostic.column >= 1 && diagnostic.column <= line.chars().count() + 1,
        "{diagnostic} is past the end of its line ({} characters)",
        line.chars().count()
    );
}

/// The article's parts are ranges of its text; its slug cannot leave the output folder.
pub fn assert_article(article: &Article) {
    use gazette::content::Body;
    match &article.body {
        Body::Markdown(range) => assert_slice(&article.text, range, "body"),
        Body::Plain(paragraphs) => {
            let mut end = 0;
            for paragraph in paragraphs {
                assert_slice(&article.text, paragraph, "paragraph");
                assert!(paragraph.start >= end, "paragraphs overlap");
                assert!(!paragraph.is_empty(), "an empty paragraph");
                end = paragraph.end;
            }
        }
    }
    assert!(
        gazette::content::is_valid_slug(&article.slug),
        "slug {:?} could name a path",
        article.slug
    );
}

/// A speaker's slug as the site would make it, close enough for marks.
fn slug(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The marks the site puts around an article's quotations and first speaker mentions, built
/// as `render::quotes::marks` builds them (which needs a whole site graph).
pub fn marks(article: &Article) -> Vec<QuoteMark> {
    let mut marks = Vec::new();
    for (i, quote) in article.quotes.iter().enumerate() {
        let mut open = format!("<span class=\"quote\" id=\"q-{i}\"");
        let mut close = String::new();
        if let Some(name) = &quote.speaker {
            let slug = slug(name);
            open.push_str(" data-speaker=\"");
            escape_html(&slug, &mut open);
            open.push_str("\">");
            close.push_str("<a class=\"quote-by\" href=\"../../speakers/");
            close.push_str(&slug);
            close.push_str("/\" aria-label=\"");
            escape_html(name, &mut close);
            close.push_str("\">");
            escape_html(name, &mut close);
            close.push_str("<span class=\"quote-tip\" hidden>");
            escape_html(name, &mut close);
            close.push_str("</span></a>");
        } else {
            open.push('>');
        }
        close.push_str("</span>");
        marks.push(QuoteMark {
            outer: quote.outer.clone(),
            open_html: open,
            close_html: close,
        });
        if let Some(mention) = &quote.mention {
            let inside_a_quote = article
                .quotes
                .iter()
                .any(|q| q.outer.start < mention.end && mention.start < q.outer.end);
            if !inside_a_quote {
                marks.push(QuoteMark {
                    outer: mention.clone(),
                    open_html: "<a class=\"speaker-mention\" href=\"../../speakers/x/\">"
                        .to_string(),
                    close_html: "</a>".to_string(),
                });
            }
        }
    }
    marks
}

/// The tags pulldown-cmark writes for the enabled extensions, and those of Gazette's marks.
const TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "del",
    "a",
    "img",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "br",
    "sup",
    "span",
    "div",
    "input",
    "section",
];

const ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "alt",
    "title",
    "id",
    "class",
    "style",
    "type",
    "disabled",
    "checked",
    "start",
    "data-speaker",
    "aria-label",
    "hidden",
    "role",
];

/// The characters a browser reads an attribute value as: entities decoded.
fn decoded(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';') else {
            break;
        };
        let entity = &rest[1..end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether a URL would run script when followed (whitespace and control characters inside
/// a scheme are ignored by browsers).
fn runs_script(url: &str) -> bool {
    let squeezed: String = decoded(url)
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| squeezed.starts_with(scheme))
}

/// Every `<` in `html` opens or closes a tag Gazette writes, with only the attributes it
/// writes; links and images never point at script; nothing else is markup.
pub fn assert_inert_html(html: &str) {
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => panic!("a bare `>` outside a tag at byte {i}: {}", context(html, i)),
            b'<' => i = check_tag(html, i),
            _ => i += 1,
        }
    }
}

fn context(html: &str, at: usize) -> String {
    let mut start = at.saturating_sub(60);
    while !html.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + 60).min(html.len());
    while !html.is_char_boundary(end) {
        end += 1;
    }
    format!("…{}…", &html[start..end])
}

/// Checks the tag at `start` (a `<`); returns the offset after its `>`.
fn check_tag(html: &str, start: usize) -> usize {
    let bytes = html.as_bytes();
    let mut i = start + 1;
    if bytes.get(i) == Some(&b'/') {
        i += 1;
    }
    let name_start = i;
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    let name = &html[name_start..i];
    assert!(
        TAGS.contains(&name),
        "tag <{name}> is not one Gazette writes: {}",
        context(html, start)
    );
    loop {
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'>') => return i + 1,
            Some(b'/') if bytes.get(i + 1) == Some(&b'>') => return i + 2,
            Some(_) => {}
            None => panic!("an unclosed tag: {}", context(html, start)),
        }
        let attr_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
            i += 1;
        }
        let attribute = &html[attr_start..i];
        assert!(
            ATTRIBUTES.contains(&attribute),
            "attribute `{attribute}` on <{name}> is not one Gazette writes: {}",
            context(html, start)
        );
        if bytes.get(i) == Some(&b'=') {
            assert_eq!(
                bytes.get(i + 1),
                Some(&b'"'),
                "an unquoted attribute value: {}",
                context(html, start)
            );
            let value_start = i + 2;
            let Some(len) = html[value_start..].find('"') else {
                panic!("an unclosed attribute value: {}", context(html, start));
            };
            let value = &html[value_start..value_start + len];
            assert!(
                !value.contains('<') && !value.contains('>'),
                "a raw angle bracket in an attribute value: {}",
                context(html, start)
            );
            if matches!(attribute, "href" | "src") {
                assert!(
                    !runs_script(value),
                    "a script URL in {attribute}: {}",
                    context(html, start)
                );
            }
            if attribute == "style" {
                assert!(
                    value.starts_with("text-align: "),
                    "a style Gazette does not write: {}",
                    context(html, start)
                );
            }
            i = value_start + len + 1;
        }
    }
}

//! Article bodies to HTML: Markdown through pulldown-cmark, raw text as escaped paragraphs.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::content::{Article, Body};

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str, out: &mut String) {
    // Runs of ordinary text are copied whole (the special characters are all ASCII).
    let mut run_start = 0;
    for (i, byte) in text.bytes().enumerate() {
        let replacement = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[run_start..i]);
        out.push_str(replacement);
        run_start = i + 1;
    }
    out.push_str(&text[run_start..]);
}

/// A quotation to mark in the body: where it is in the file and the HTML around it.
#[derive(Debug, Clone)]
pub struct QuoteMark {
    /// From the opening mark to one past the closing mark, in the article's text.
    pub outer: Range<usize>,
    /// `<span class="quote" id="q-…">`
    pub open_html: String,
    /// The speaker link and `</span>`.
    pub close_html: String,
}

/// An edit of the source before rendering: insert `html` at `at`, or cut `at..cut_to`.
struct Edit {
    at: usize,
    cut_to: usize,
    html: String,
    /// Closings go before openings at the same offset.
    order: u8,
}

fn apply_edits(text: &str, base: usize, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| (e.at, e.order));
    let mut out = String::with_capacity(text.len() + edits.len() * 64);
    let mut at = 0;
    for edit in edits {
        let local = edit.at.saturating_sub(base).min(text.len());
        if local < at {
            continue;
        }
        out.push_str(&text[at..local]);
        out.push_str(&edit.html);
        at = local.max(edit.cut_to.saturating_sub(base).min(text.len()));
    }
    out.push_str(&text[at..]);
    out
}

fn mark_edits(marks: &[QuoteMark], within: &Range<usize>) -> Vec<Edit> {
    let mut edits = Vec::with_capacity(marks.len() * 2);
    for mark in marks {
        if mark.outer.start >= within.start && mark.outer.end <= within.end {
            edits.push(Edit {
                at: mark.outer.start,
                cut_to: mark.outer.start,
                html: mark.open_html.clone(),
                order: 1,
            });
            edits.push(Edit {
                at: mark.outer.end,
                cut_to: mark.outer.end,
                html: mark.close_html.clone(),
                order: 0,
            });
        }
    }
    edits
}

/// The article body as HTML, with its quotations marked and `@/` links rewritten by `resolve`.
pub fn body_html(
    article: &Article,
    marks: &[QuoteMark],
    resolve: &dyn Fn(&str) -> Option<String>,
) -> String {
    match &article.body {
        Body::Markdown(range) => {
            let body = &article.text[range.clone()];
            let mut edits = mark_edits(marks, range);
            edits.extend(raw_html_edits(body, range.start));
            // The editor's quote annotations are for Gazette, not for readers.
            for annotation in crate::quotes::annotations::find_inline(&article.text, range.clone())
            {
                for cut in annotation.syntax {
                    edits.push(Edit {
                        at: cut.start,
                        cut_to: cut.end,
                        html: String::new(),
                        order: 2,
                    });
                }
            }
            if edits.is_empty() {
                markdown_html_trusted(body, resolve)
            } else {
                markdown_html_trusted(&apply_edits(body, range.start, edits), resolve)
            }
        }
        Body::Plain(paragraphs) => {
            let mut html = String::with_capacity(article.text.len() + paragraphs.len() * 8);
            for range in paragraphs {
                html.push_str("<p>");
                let edits = mark_edits(marks, range);
                let mut at = range.start;
                let push_text = |from: usize, to: usize, html: &mut String| {
                    // Line breaks inside a scraped paragraph are spaces.
                    let lines: Vec<&str> = article.text[from..to].split('\n').collect();
                    for (i, line) in lines.iter().enumerate() {
                        let mut line: &str = line;
                        if i > 0 {
                            html.push(' ');
                            line = line.trim_start();
                        }
                        if i + 1 < lines.len() {
                            line = line.trim_end();
                        }
                        escape_html(line, html);
                    }
                };
                let mut sorted = edits;
                sorted.sort_by_key(|e| (e.at, e.order));
                for edit in sorted {
                    push_text(at, edit.at, &mut html);
                    html.push_str(&edit.html);
                    at = edit.at;
                }
                push_text(at, range.end, &mut html);
                html.push_str("</p>\n");
            }
            html
        }
    }
}

fn alert_title(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "Note",
        BlockQuoteKind::Tip => "Tip",
        BlockQuoteKind::Important => "Important",
        BlockQuoteKind::Warning => "Warning",
        BlockQuoteKind::Caution => "Caution",
    }
}

/// Markdown to HTML, with ids on headings (kept if written, else made from the text, unique)
/// and a title line in GFM alert blocks. Raw HTML is shown as text and unsafe link schemes
/// are dropped: content is never trusted to run in a reader's browser.
pub fn markdown_html(markdown: &str) -> String {
    markdown_html_with(markdown, &|_| None)
}

/// Like `markdown_html`, with `@/…` links rewritten by `resolve` (internal links by source path).
pub fn markdown_html_with(markdown: &str, resolve: &dyn Fn(&str) -> Option<String>) -> String {
    let edits = raw_html_edits(markdown, 0);
    if edits.is_empty() {
        markdown_html_trusted(markdown, resolve)
    } else {
        markdown_html_trusted(&apply_edits(markdown, 0, edits), resolve)
    }
}

/// Edits that turn every piece of raw HTML in `markdown` (at `base` in its file) into escaped
/// text, so that `<script>` or `onerror=` written in content reach the page as characters.
fn raw_html_edits(markdown: &str, base: usize) -> Vec<Edit> {
    let mut edits = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        if let Event::Html(_) | Event::InlineHtml(_) = event {
            let mut html = String::with_capacity(range.len() + 16);
            for c in markdown[range.clone()].chars() {
                match c {
                    '&' => html.push_str("&amp;"),
                    '<' => html.push_str("&lt;"),
                    '>' => html.push_str("&gt;"),
                    c => html.push(c),
                }
            }
            edits.push(Edit {
                at: base + range.start,
                cut_to: base + range.end,
                html,
                order: 2,
            });
        }
    }
    edits
}

/// Whether a link target may be written into an `href` or `src`: relative, or a web, mail or
/// phone address (never `javascript:`, `vbscript:` or `data:`, however they are spelt).
pub fn is_safe_url(url: &str) -> bool {
    // Browsers ignore whitespace and control characters inside a scheme.
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_end = squeezed.find(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)));
    match scheme_end {
        Some(i) if i > 0 && squeezed[i..].starts_with(':') => {
            matches!(&squeezed[..i], "http" | "https" | "mailto" | "tel")
        }
        // A `&` may hide a scheme behind an entity (`jav&#x09;ascript:`).
        _ => !squeezed.contains("&#") || !url.contains(':'),
    }
}

/// Markdown whose raw HTML is Gazette's own (quote marks inserted into the body).
fn markdown_html_trusted(markdown: &str, resolve: &dyn Fn(&str) -> Option<String>) -> String {
    let events: Vec<Event> = Parser::new_ext(markdown, options())
        .map(|event| match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if !is_safe_url(&dest_url) => Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::from("#"),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if !is_safe_url(&dest_url) => Event::Start(Tag::Image {
                link_type,
                dest_url: CowStr::from(""),
                title,
                id,
            }),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if dest_url.starts_with("@/") => {
                let dest_url = resolve(&dest_url).map(CowStr::from).unwrap_or(dest_url);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            other => other,
        })
        .collect();
    let mut used_ids: HashSet<String> = HashSet::new();
    // Ids the editor wrote win; generated ones step around them.
    for event in &events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
            used_ids.insert(id.to_string());
        }
    }
    let sidenotes = footnote_sidenotes(&events);
    let mut out: Vec<Event> = Vec::with_capacity(events.len() + 8);
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            // The footnote, repeated beside its reference as a side note for wide screens.
            Event::FootnoteReference(label) => {
                out.push(events[i].clone());
                if let Some(note) = sidenotes.get(label.as_ref()) {
                    out.push(Event::InlineHtml(CowStr::from(format!(
                        "<span class=\"sidenote\" role=\"note\">{note}</span>"
                    ))));
                }
            }
            Event::Start(Tag::Heading {
                level,
                id: None,
                classes,
                attrs,
            }) => {
                let mut text = String::new();
                let mut j = i + 1;
                while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                    if let Event::Text(t) | Event::Code(t) = &events[j] {
                        text.push_str(t);
                    }
                    j += 1;
                }
                let id = unique_id(&text, &mut used_ids);
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(id)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                out.push(events[i].clone());
                out.push(Event::Html(CowStr::from(format!(
                    "<p class=\"alert-title\">{}</p>\n",
                    alert_title(*kind)
                ))));
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    html
}

/// Each footnote's text as inline HTML (paragraph tags dropped), by label.
fn footnote_sidenotes(events: &[Event]) -> std::collections::HashMap<String, String> {
    let mut notes = std::collections::HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::FootnoteDefinition(label)) = &events[i] {
            let start = i + 1;
            let mut depth = 1;
            let mut j = start;
            while j < events.len() && depth > 0 {
                match &events[j] {
                    Event::Start(Tag::FootnoteDefinition(_)) => depth += 1,
                    Event::End(TagEnd::FootnoteDefinition) => depth -= 1,
                    _ => {}
                }
                j += 1;
            }
            let inner: Vec<Event> = events[start..j.saturating_sub(1)]
                .iter()
                .filter(|e| {
                    !matches!(
                        e,
                        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
                    )
                })
                .cloned()
                .collect();
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, inner.into_iter());
            notes.insert(label.to_string(), html.trim().to_string());
            i = j;
            continue;
        }
        i += 1;
    }
    notes
}

fn unique_id(text: &str, used: &mut HashSet<String>) -> String {
    let base = {
        let s = slug::slugify(text);
        if s.is_empty() {
            "section".to_string()
        } else {
            s
        }
    };
    let mut id = base.clone();
    let mut n = 1;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Plain text of the first paragraph, cut at a word boundary near `max_chars`.
pub fn first_paragraph_text(article: &Article, max_chars: usize) -> String {
    let text = match &article.body {
        Body::Plain(paragraphs) => paragraphs
            .first()
            .map(|r| {
                article.text[r.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default(),
        Body::Markdown(range) => {
            let mut text = String::new();
            let mut in_paragraph = false;
            for event in Parser::new_ext(&article.text[range.clone()], options()) {
                match event {
                    Event::Start(Tag::Paragraph) => in_paragraph = true,
                    Event::End(TagEnd::Paragraph) if !text.trim().is_empty() => break,
                    Event::End(TagEnd::Paragraph) => in_paragraph = false,
                    Event::Text(t) | Event::Code(t) if in_paragraph => text.push_str(&t),
                    Event::SoftBreak | Event::HardBreak if in_paragraph => text.push(' '),
                    _ => {}
                }
            }
            text.trim().to_string()
        }
    };
    truncate_words(&text, max_chars)
}

/// `text` cut at a word boundary near `max_chars`.
pub fn truncate_words(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max_chars / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters_and_keeps_the_rest() {
        let mut out = String::new();
        escape_html("“a” & <b> \"c\" 'd' é", &mut out);
        assert_eq!(out, "“a” &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39; é");
        out.clear();
        escape_html("", &mut out);
        assert_eq!(out, "");
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = markdown_html("Hi <script>alert(1)</script> <img src=x onerror=alert(1)>\n");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
    }

    #[test]
    fn unsafe_link_schemes_are_dropped() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " java\tscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
        ] {
            assert!(!is_safe_url(url), "{url}");
        }
        for url in [
            "https://example.org/",
            "../x/",
            "#q-1",
            "mailto:a@b.c",
            "x/y:z",
        ] {
            assert!(is_safe_url(url), "{url}");
        }
        let html = markdown_html("[a](javascript:alert(1)) ![b](jav&#x09;ascript:alert(2))\n");
        assert!(!html.contains("javascript"), "{html}");
    }

    #[test]
    fn headings_get_unique_ids() {
        let html = markdown_html("## The talks\n\n## The talks\n\n## Kept {#mine}\n");
        assert!(html.contains("<h2 id=\"the-talks\">"), "{html}");
        assert!(html.contains("<h2 id=\"the-talks-1\">"), "{html}");
        assert!(html.contains("<h2 id=\"mine\">"), "{html}");
    }

    #[test]
    fn extensions_are_on() {
        let html = markdown_html(
            "| a |\n|---|\n| b |\n\nSaid \"hi\"[^1].\n\n[^1]: A note.\n\n> [!NOTE]\n> Editor's note.\n",
        );
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("“hi”"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
        assert!(
            html.contains("<span class=\"sidenote\" role=\"note\">A note.</span>"),
            "{html}"
        );
        assert!(html.contains("<p class=\"alert-title\">Note</p>"), "{html}");
    }

    #[test]
    fn truncates_at_words() {
        assert_eq!(truncate_words("one two three four", 12), "one two…");
        assert_eq!(truncate_words("short", 12), "short");
    }
}

//! Article bodies to HTML: Markdown through pulldown-cmark, raw text as escaped paragraphs.

use std::collections::HashSet;

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
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The article body as HTML.
pub fn body_html(article: &Article) -> String {
    match &article.body {
        Body::Markdown(range) => {
            // The editor's quote annotations are for Gazette, not for readers.
            let body = &article.text[range.clone()];
            let inline = crate::quotes::annotations::find_inline(body, 0..body.len());
            if inline.is_empty() {
                markdown_html(body)
            } else {
                markdown_html(&crate::quotes::annotations::strip(body, &inline))
            }
        }
        Body::Plain(paragraphs) => {
            let mut html = String::with_capacity(article.text.len() + paragraphs.len() * 8);
            for range in paragraphs {
                html.push_str("<p>");
                let paragraph = &article.text[range.clone()];
                for (i, line) in paragraph.lines().enumerate() {
                    if i > 0 {
                        html.push(' ');
                    }
                    escape_html(line.trim(), &mut html);
                }
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
/// and a title line in GFM alert blocks.
pub fn markdown_html(markdown: &str) -> String {
    let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    let mut used_ids: HashSet<String> = HashSet::new();
    // Ids the editor wrote win; generated ones step around them.
    for event in &events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
            used_ids.insert(id.to_string());
        }
    }
    let mut out: Vec<Event> = Vec::with_capacity(events.len() + 8);
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
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

fn truncate_words(text: &str, max_chars: usize) -> String {
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
        assert!(html.contains("<p class=\"alert-title\">Note</p>"), "{html}");
    }

    #[test]
    fn truncates_at_words() {
        assert_eq!(truncate_words("one two three four", 12), "one two…");
        assert_eq!(truncate_words("short", 12), "short");
    }
}

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

/// Escapes text for HTML element content and attribute values (the five special characters).
pub fn escape_html(text: &str, out: &mut String) {
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(out, text);
}

/// Tera's escaping function: the same escapes as Tera's own, written a run at a time (Tera's
/// writes byte by byte, ~8% of a build) and found 16 bytes at a time (pulldown-cmark's SIMD
/// scan).
pub fn escape_html_io(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    pulldown_cmark_escape::escape_html(pulldown_cmark_escape::IoWriter(out), text)
}

/// A quotation to mark in the body: where it is in the file and the HTML around it.
#[derive(Debug, Clone)]
pub struct QuoteMark {
    /// From the opening mark to one past the closing mark, in the article's text.
    pub outer: Range<usize>,
    /// `<span class="quote" id="q-…">`
    pub open_html: String,
    /// The speaker link and `</span>`: one string shared by all of a speaker's marks.
    pub close_html: std::sync::Arc<str>,
}

/// `@/` link targets in some HTML: where each escaped `href` value is, and the target.
type LinkTargets = Vec<(Range<usize>, String)>;

/// An article's Markdown body made HTML once, in the extract phase, on the parse that found
/// its quotations: the quote marks and `@/` link targets, which need the whole site, are
/// spliced in when its page is made.
#[derive(Debug, Clone, Default)]
pub struct BodyHtml {
    /// The HTML, with `@/` link targets as written.
    pub html: String,
    /// Where edges of the article's text fall in `html`: (offset in the text, whether it
    /// ends a range, offset in `html`), sorted.
    edges: Vec<(usize, bool, usize)>,
    /// Its `@/` link targets.
    links: LinkTargets,
}

impl BodyHtml {
    /// Where the edge `at` (`is_end`: one past a range's last byte) falls in the HTML.
    fn edge(&self, at: usize, is_end: bool) -> Option<usize> {
        let i = self
            .edges
            .binary_search_by(|&(offset, end, _)| (offset, end).cmp(&(at, is_end)))
            .ok()?;
        Some(self.edges[i].2)
    }

    /// The HTML with `marks` around their text and `@/` links rewritten by `resolve`; `None`
    /// when a mark's edge was not asked for when the HTML was made.
    fn finish(
        &self,
        marks: &[&QuoteMark],
        resolve: &dyn Fn(&str) -> Option<String>,
    ) -> Option<String> {
        // (offset in the HTML, closings before openings at one offset, what goes there)
        let mut inserts: Vec<(usize, u8, &str)> = Vec::with_capacity(marks.len() * 2);
        for mark in marks {
            let open = self.edge(mark.outer.start, false)?;
            let close = self.edge(mark.outer.end, true)?;
            // Words outside the prose (an image's text) have no place for a mark.
            if open > close {
                continue;
            }
            inserts.push((open, 1, &mark.open_html));
            inserts.push((close, 0, &mark.close_html));
        }
        let resolved: Vec<(Range<usize>, String)> = self
            .links
            .iter()
            .map(|(range, target)| {
                let url = resolve(target).unwrap_or_else(|| target.clone());
                (range.clone(), escaped_href(&url))
            })
            .collect();
        inserts.sort_by_key(|&(at, order, _)| (at, order));
        let extra: usize = inserts.iter().map(|i| i.2.len()).sum::<usize>()
            + resolved.iter().map(|(_, href)| href.len()).sum::<usize>();
        let mut out = String::with_capacity(self.html.len() + extra);
        let mut at = 0;
        let mut links = resolved.iter().peekable();
        for (insert_at, _, html) in inserts {
            // Link targets are attribute values: no mark falls inside one.
            while let Some((range, href)) = links.next_if(|(r, _)| r.end <= insert_at) {
                out.push_str(&self.html[at..range.start]);
                out.push_str(href);
                at = range.end;
            }
            out.push_str(&self.html[at..insert_at]);
            out.push_str(html);
            at = insert_at;
        }
        for (range, href) in links {
            out.push_str(&self.html[at..range.start]);
            out.push_str(href);
            at = range.end;
        }
        out.push_str(&self.html[at..]);
        Some(out)
    }
}

/// The edges of an article's quotations and their speakers' mentions, in its text, as
/// (offset, whether it ends a range): what `BodyHtml` must find in its HTML.
pub fn quote_edges(quotes: &[crate::quotes::Quote]) -> Vec<(usize, bool)> {
    let mut edges = Vec::with_capacity(quotes.len() * 4);
    for quote in quotes {
        edges.push((quote.outer.start, false));
        edges.push((quote.outer.end, true));
        if let Some(mention) = &quote.mention {
            edges.push((mention.start, false));
            edges.push((mention.end, true));
        }
    }
    edges
}

/// A Markdown body made HTML: `events` are the parse of `markdown`, the body of a text from
/// `base` with the annotation syntax `cuts` (sorted, apart, relative to `base`) taken out;
/// `edges` are offsets in that text to find in the HTML.
pub fn body_html_of(
    markdown: &str,
    events: Vec<(Event<'_>, Range<usize>)>,
    base: usize,
    cuts: &[Range<usize>],
    edges: &[(usize, bool)],
) -> BodyHtml {
    let local: Vec<(usize, bool)> = edges
        .iter()
        .map(|&(at, is_end)| (after_cuts(cuts, at.saturating_sub(base)), is_end))
        .collect();
    let (mut html, found, links) = events_html(markdown, events, &local);
    let mut edges: Vec<(usize, bool, usize)> = edges
        .iter()
        .zip(found)
        .filter_map(|(&(at, is_end), html_at)| Some((at, is_end, html_at?)))
        .collect();
    edges.sort_unstable();
    edges.dedup_by_key(|&mut (at, is_end, _)| (at, is_end));
    // Kept from the extract phase to the page's: no spare capacity for thousands of them.
    html.shrink_to_fit();
    edges.shrink_to_fit();
    BodyHtml { html, edges, links }
}

/// The HTML of a Markdown body (`range` of `text`) with its inline annotations' syntax cut
/// out, parsed on its own; `edges` as for `body_html_of`.
pub fn annotated_body_html(
    text: &str,
    range: Range<usize>,
    inline: &[crate::quotes::annotations::InlineAnnotation],
    edges: &[(usize, bool)],
) -> BodyHtml {
    let cuts = annotation_cuts(inline, &range);
    let body = without(&text[range.clone()], &cuts);
    let events = Parser::new_ext(&body, options())
        .into_offset_iter()
        .collect();
    body_html_of(&body, events, range.start, &cuts, edges)
}

/// `annotated_body_html` for a body the extract phase did not make HTML.
fn parse_body_html(text: &str, range: Range<usize>, edges: &[(usize, bool)]) -> BodyHtml {
    let inline = crate::quotes::annotations::find_inline(text, range.clone());
    annotated_body_html(text, range, &inline, edges)
}

/// The article body as HTML, with its quotations marked and `@/` links rewritten by `resolve`.
pub fn body_html(
    article: &Article,
    marks: &[QuoteMark],
    resolve: &dyn Fn(&str) -> Option<String>,
) -> String {
    body_html_from(article, article.body_html.as_ref(), marks, resolve)
}

/// `body_html`, given the HTML the extract phase made of the body (`made`), if it is at hand.
pub fn body_html_from(
    article: &Article,
    made: Option<&BodyHtml>,
    marks: &[QuoteMark],
    resolve: &dyn Fn(&str) -> Option<String>,
) -> String {
    match &article.body {
        Body::Markdown(range) => {
            let in_body =
                |mark: &&QuoteMark| mark.outer.start >= range.start && mark.outer.end <= range.end;
            let marks: Vec<&QuoteMark> = marks.iter().filter(in_body).collect();
            if let Some(made) = made {
                if let Some(html) = made.finish(&marks, resolve) {
                    return html;
                }
            }
            // Made by hand (tests), or marks the extract phase did not know of.
            let edges: Vec<(usize, bool)> = marks
                .iter()
                .flat_map(|m| [(m.outer.start, false), (m.outer.end, true)])
                .collect();
            let made = parse_body_html(&article.text, range.clone(), &edges);
            let mut marks = marks;
            // A mark whose edges fall outside the prose (an image's text) is left out.
            marks.retain(|m| {
                made.edge(m.outer.start, false).is_some() && made.edge(m.outer.end, true).is_some()
            });
            made.finish(&marks, resolve).unwrap_or_default()
        }
        Body::Plain(paragraphs) => {
            let mut html = String::with_capacity(article.text.len() + paragraphs.len() * 8);
            for range in paragraphs {
                html.push_str("<p>");
                let edges = mark_edits(marks, range);
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
                let mut sorted = edges;
                sorted.sort_by_key(|e| (e.at, e.order));
                for edit in sorted {
                    push_text(at, edit.at, &mut html);
                    html.push_str(edit.html);
                    at = edit.at;
                }
                push_text(at, range.end, &mut html);
                html.push_str("</p>\n");
            }
            html
        }
    }
}

/// An insertion into a raw article's paragraph: Gazette's own `html` at `at`.
struct Edit<'m> {
    at: usize,
    html: &'m str,
    /// Closings go before openings at the same offset.
    order: u8,
}

fn mark_edits<'m>(marks: &'m [QuoteMark], within: &Range<usize>) -> Vec<Edit<'m>> {
    let mut edits = Vec::with_capacity(marks.len() * 2);
    for mark in marks {
        if mark.outer.start >= within.start && mark.outer.end <= within.end {
            edits.push(Edit {
                at: mark.outer.start,
                html: &mark.open_html,
                order: 1,
            });
            edits.push(Edit {
                at: mark.outer.end,
                html: &mark.close_html,
                order: 0,
            });
        }
    }
    edits
}

/// The annotation syntax in `range` of `text`, as ranges of the body: sorted, overlaps merged.
fn annotation_cuts(
    inline: &[crate::quotes::annotations::InlineAnnotation],
    range: &Range<usize>,
) -> Vec<Range<usize>> {
    let mut cuts: Vec<Range<usize>> = inline
        .iter()
        .flat_map(|annotation| annotation.syntax.iter())
        .map(|cut| cut.start - range.start..cut.end - range.start)
        .collect();
    cuts.sort_by_key(|cut| cut.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(cuts.len());
    for cut in cuts {
        match merged.last_mut() {
            Some(last) if cut.start <= last.end => last.end = last.end.max(cut.end),
            _ => merged.push(cut),
        }
    }
    merged
}

/// `text` without the `cuts` (sorted, apart).
fn without(text: &str, cuts: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for cut in cuts {
        out.push_str(&text[at..cut.start]);
        at = cut.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Where offset `at` of the text lands once the `cuts` are taken out (inside one: at its start).
fn after_cuts(cuts: &[Range<usize>], at: usize) -> usize {
    let mut removed = 0;
    for cut in cuts {
        if cut.end <= at {
            removed += cut.len();
        } else {
            return cut.start.min(at) - removed;
        }
    }
    at - removed
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
    let events = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .collect();
    let (html, _, links) = events_html(markdown, events, &[]);
    let made = BodyHtml {
        html,
        edges: Vec::new(),
        links,
    };
    made.finish(&[], resolve).unwrap_or_default()
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

/// What a parsed event came from: its range of the parsed text, or a footnote's side note
/// (made by Gazette) with its `@/` link targets, or nothing in the text.
enum Origin {
    Source(Range<usize>),
    Sidenote(LinkTargets),
    Made,
}

/// Where a Text or Code event of the parsed text went in the HTML.
struct TextPlace {
    source: Range<usize>,
    html: Range<usize>,
    /// The HTML is the source's bytes escaped, so offsets inside map one to one.
    exact: bool,
}

/// `fmt::Write` into a `String` that also tells how much is written, for `Placing`.
struct Counting<'a> {
    out: &'a mut String,
    written: &'a std::cell::Cell<usize>,
}

impl std::fmt::Write for Counting<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.out.push_str(text);
        self.written.set(self.out.len());
        Ok(())
    }
}

/// The events handed to pulldown-cmark's HTML writer, noting where each lands. The writer
/// writes an event in full before asking for the next (an image's text included), so the
/// length written when the next is asked for is where the last one ended.
struct Placing<'s, 'e, I> {
    events: I,
    source: &'s str,
    written: &'e std::cell::Cell<usize>,
    /// Inside an image: its text is an attribute value, where no mark may go.
    image_depth: usize,
    pending: Option<TextPlace>,
    texts: Vec<TextPlace>,
    links: LinkTargets,
}

impl<'a, I: Iterator<Item = (Event<'a>, Origin)>> Iterator for Placing<'_, '_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let at = self.written.get();
        if let Some(mut place) = self.pending.take() {
            place.html.end = at;
            self.texts.push(place);
        }
        let (event, origin) = self.events.next()?;
        match (&event, origin) {
            (Event::Start(Tag::Image { .. }), _) => self.image_depth += 1,
            (Event::End(TagEnd::Image), _) => self.image_depth = self.image_depth.saturating_sub(1),
            (Event::Text(text), Origin::Source(source)) if self.image_depth == 0 => {
                let exact = self.source.get(source.clone()) == Some(text.as_ref());
                self.pending = Some(TextPlace {
                    source,
                    html: at..at,
                    exact,
                });
            }
            (Event::Code(_), Origin::Source(source)) if self.image_depth == 0 => {
                self.pending = Some(TextPlace {
                    source,
                    html: at..at,
                    exact: false,
                });
            }
            (
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }),
                _,
            ) if self.image_depth == 0
                && dest_url.starts_with("@/")
                && *link_type != pulldown_cmark::LinkType::Email =>
            {
                let value = at + LINK_OPEN.len();
                self.links.push((
                    value..value + escaped_href_len(dest_url),
                    dest_url.to_string(),
                ));
            }
            (Event::InlineHtml(_), Origin::Sidenote(links)) => self.links.extend(
                links
                    .into_iter()
                    .map(|(range, target)| (range.start + at..range.end + at, target)),
            ),
            _ => {}
        }
        Some(event)
    }
}

/// How pulldown-cmark's HTML writer opens a link, its target next.
const LINK_OPEN: &str = "<a href=\"";

/// `url` as pulldown-cmark writes it into an `href`.
fn escaped_href(url: &str) -> String {
    let mut href = String::with_capacity(url.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_href(&mut href, url);
    href
}

fn escaped_href_len(url: &str) -> usize {
    escaped_href(url).len()
}

/// Writes `events` as HTML into `html`; returns where their texts and `@/` link targets went.
fn write_events<'a>(
    events: impl Iterator<Item = (Event<'a>, Origin)>,
    source: &str,
    html: &mut String,
) -> (Vec<TextPlace>, LinkTargets) {
    let written = std::cell::Cell::new(html.len());
    let mut placing = Placing {
        events,
        source,
        written: &written,
        image_depth: 0,
        pending: None,
        texts: Vec::new(),
        links: Vec::new(),
    };
    let counting = Counting {
        out: html,
        written: &written,
    };
    // Writing into a String cannot fail.
    let _ = pulldown_cmark::html::write_html_fmt(counting, &mut placing);
    if let Some(mut place) = placing.pending.take() {
        place.html.end = written.get();
        placing.texts.push(place);
    }
    // A link target is taken where it is exactly as written, the only way it can be there.
    let links = placing
        .links
        .into_iter()
        .filter(|(range, target)| {
            let tag = range
                .start
                .checked_sub(LINK_OPEN.len())
                .unwrap_or(range.start)..range.end;
            html.get(tag)
                .and_then(|written| written.strip_prefix(LINK_OPEN))
                .is_some_and(|value| value == escaped_href(target))
        })
        .collect();
    (placing.texts, links)
}

/// Where the edge `at` of the source (`is_end`: one past a range's last byte) falls in the
/// HTML, given where the texts went (sorted by source, apart): inside a text written as it
/// is, at the same character; inside one changed on the way (an entity, a code span), at its
/// start or end. Between texts (markup, a line break) an opening edge moves on to the next
/// text and a closing one back to the last.
fn html_offset(texts: &[TextPlace], source: &str, at: usize, is_end: bool) -> Option<usize> {
    let place = if is_end {
        let i = texts
            .partition_point(|t| t.source.start < at)
            .checked_sub(1)?;
        &texts[i]
    } else {
        texts.get(texts.partition_point(|t| t.source.end <= at))?
    };
    let inside = place.source.start <= at && at <= place.source.end;
    if inside && place.exact && source.is_char_boundary(at) {
        let mut prefix = String::new();
        // Writing into a String cannot fail.
        let _ = pulldown_cmark_escape::escape_html_body_text(
            &mut prefix,
            &source[place.source.start..at],
        );
        return Some(place.html.start + prefix.len());
    }
    Some(if is_end {
        place.html.end
    } else {
        place.html.start
    })
}

/// Markdown events (each with its range of `source`, the parsed text) to HTML, with ids on
/// headings (kept if written, else made from the text, unique) and a title line in GFM alert
/// blocks. Raw HTML is shown as text and unsafe link schemes are dropped: content is never
/// trusted to run in a reader's browser. Returns the HTML, where each of `edges` (offsets of
/// `source`, whether each ends a range) falls in it, and where its `@/` link targets are.
fn events_html<'a>(
    source: &str,
    events: Vec<(Event<'a>, Range<usize>)>,
    edges: &[(usize, bool)],
) -> (String, Vec<Option<usize>>, LinkTargets) {
    let mut events: Vec<(Event<'a>, Range<usize>)> = events
        .into_iter()
        .map(|(event, range)| {
            let event = match event {
                Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
                // A block of raw HTML shown as text reads as a paragraph (blocks do not nest).
                Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
                Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
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
                // `{key=value}` after a heading would write any attribute (`onclick=…`): only
                // the id and classes are kept.
                Event::Start(Tag::Heading {
                    level, id, classes, ..
                }) => Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs: Vec::new(),
                }),
                other => other,
            };
            (event, range)
        })
        .collect();
    let mut used_ids: HashSet<String> = HashSet::new();
    // Ids the editor wrote win; generated ones step around them.
    for (event, _) in &events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = event {
            used_ids.insert(id.to_string());
        }
    }
    let sidenotes = footnote_sidenotes(&events, source);
    let mut out: Vec<(Event<'a>, Origin)> = Vec::with_capacity(events.len() + 8);
    for i in 0..events.len() {
        // Each event is taken, not copied: only the ones after it are read again (a heading's
        // text, below).
        let event = std::mem::replace(&mut events[i].0, Event::SoftBreak);
        let origin = Origin::Source(events[i].1.clone());
        match event {
            // The footnote, repeated beside its reference as a side note for wide screens.
            Event::FootnoteReference(label) => {
                // A footnote referred to twice has its side note twice.
                let sidenote = sidenotes.get(label.as_ref()).map(|(note, links)| {
                    let open = "<span class=\"sidenote\" role=\"note\">";
                    let links = links
                        .iter()
                        .map(|(r, target)| {
                            (r.start + open.len()..r.end + open.len(), target.clone())
                        })
                        .collect();
                    (
                        Event::InlineHtml(CowStr::from(format!("{open}{note}</span>"))),
                        Origin::Sidenote(links),
                    )
                });
                out.push((Event::FootnoteReference(label), origin));
                out.extend(sidenote);
            }
            Event::Start(Tag::Heading {
                level,
                id: None,
                classes,
                attrs,
            }) => {
                let mut text = String::new();
                let mut j = i + 1;
                while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
                    if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                        text.push_str(t);
                    }
                    j += 1;
                }
                let id = unique_id(&text, &mut used_ids);
                out.push((
                    Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id)),
                        classes,
                        attrs,
                    }),
                    origin,
                ));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                out.push((Event::Start(Tag::BlockQuote(Some(kind))), origin));
                out.push((
                    Event::Html(CowStr::from(format!(
                        "<p class=\"alert-title\">{}</p>\n",
                        alert_title(kind)
                    ))),
                    Origin::Made,
                ));
            }
            other => out.push((other, origin)),
        }
    }
    drop(events);
    let mut html = String::with_capacity(source.len() * 3 / 2);
    let (mut texts, links) = write_events(out.into_iter(), source, &mut html);
    texts.sort_by_key(|t| t.source.start);
    let found = edges
        .iter()
        .map(|&(at, is_end)| html_offset(&texts, source, at, is_end))
        .collect();
    (html, found, links)
}

/// Each footnote's text as inline HTML (paragraph tags dropped), with where its `@/` link
/// targets are in it, by label.
fn footnote_sidenotes<'a>(
    events: &[(Event<'a>, Range<usize>)],
    source: &str,
) -> std::collections::HashMap<String, (String, LinkTargets)> {
    let mut notes = std::collections::HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::FootnoteDefinition(label)) = &events[i].0 {
            let start = i + 1;
            let mut depth = 1;
            let mut j = start;
            while j < events.len() && depth > 0 {
                match &events[j].0 {
                    Event::Start(Tag::FootnoteDefinition(_)) => depth += 1,
                    Event::End(TagEnd::FootnoteDefinition) => depth -= 1,
                    _ => {}
                }
                j += 1;
            }
            let inner = events[start..j.saturating_sub(1)]
                .iter()
                .filter(|(e, _)| {
                    !matches!(
                        e,
                        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
                    )
                })
                .map(|(e, _)| (e.clone(), Origin::Made));
            let mut html = String::new();
            let (_, links) = write_events(inner, source, &mut html);
            let leading = html.len() - html.trim_start().len();
            let kept = leading..leading + html.trim().len();
            let links = links
                .into_iter()
                .filter(|(r, _)| kept.start <= r.start && r.end <= kept.end)
                .map(|(r, target)| (r.start - leading..r.end - leading, target))
                .collect();
            notes.insert(label.to_string(), (html[kept].to_string(), links));
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
        Body::Markdown(range) => crate::content::scan_markdown(&article.text, range.clone())
            .first_paragraph
            .trim()
            .to_string(),
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
    fn template_escaping_matches_teras_own() {
        for text in [
            "",
            "plain",
            "<a href=\"x\">Tom & Jerry's</a>",
            "&&<<>>\"\"''",
            "ünïcode « quoted » — ok & <b>",
            "ends with &",
        ] {
            let mut ours = Vec::new();
            escape_html_io(text, &mut ours).expect("writes to a Vec");
            let mut teras = Vec::new();
            tera::escape_html(text, &mut teras).expect("writes to a Vec");
            assert_eq!(ours, teras, "{text:?}");
            let mut to_string = String::new();
            escape_html(text, &mut to_string);
            assert_eq!(to_string.as_bytes(), teras, "{text:?}");
        }
    }

    /// A Markdown article whose whole text is `body`.
    fn article(body: &str) -> Article {
        Article {
            text: body.to_string(),
            body: Body::Markdown(0..body.len()),
            ..Article::default()
        }
    }

    /// Found by the `markdown` fuzz target (`# {\0l}`): heading attributes wrote any attribute.
    #[test]
    fn heading_attributes_other_than_id_and_class_are_dropped() {
        let html =
            markdown_html("# Hi {#top .wide onmouseover=alert(1) style=color:red}\n# {\0l}\n");
        assert!(
            html.contains("<h1 id=\"top\" class=\"wide\">Hi</h1>"),
            "{html}"
        );
        assert!(!html.contains("onmouseover"), "{html}");
        assert!(!html.contains("style"), "{html}");
        assert!(html.contains("<h1 id=\"section\"></h1>"), "{html}");
    }

    /// Cutting an annotation's syntax out must not join the text around it into a tag.
    #[test]
    fn annotation_cuts_cannot_piece_raw_html_together() {
        for body in [
            "Hello [<im]{-}g src=x onerror=alert(1)> there.\n",
            "Hello [<scr]{@X}ipt>alert(1)[</scr]{-}ipt>\n",
        ] {
            let html = body_html(&article(body), &[], &|_| None);
            assert!(!html.contains("<img"), "{html}");
            assert!(!html.contains("<script"), "{html}");
            assert!(html.contains("&lt;"), "{html}");
        }
        // The marks still land around the annotated words, with the syntax gone.
        let text = "Smith said [we will win]{@Jane Doe} and “no”{-}.\n";
        let mark = QuoteMark {
            outer: 12..23,
            open_html: "<span class=\"quote\">".into(),
            close_html: "</span>".into(),
        };
        let html = body_html(&article(text), &[mark], &|_| None);
        assert_eq!(
            html,
            "<p>Smith said <span class=\"quote\">we will win</span> and “no”.</p>\n"
        );
    }

    /// Found by the `markdown` fuzz target (`"\`\n\n\`<s>\``): a quote mark inserted into the
    /// blank line after an unclosed quote joined two paragraphs, and `<s>`, inside a code span
    /// when raw HTML was escaped, came out of it as a tag. Escaping raw HTML in the source, then
    /// parsing again, had the same flaw without marks: an escaped tag's backtick opened a span.
    #[test]
    fn raw_html_is_decided_on_the_parse_that_makes_the_page() {
        let text = "\"`\n\n`<s>`";
        let mark = QuoteMark {
            outer: 0..3,
            open_html: "<span class=\"quote\">".into(),
            close_html: "</span>".into(),
        };
        let html = body_html(&article(text), &[mark], &|_| None);
        assert!(!html.contains("<s>"), "{html}");
        assert!(html.contains("<span class=\"quote\">"), "{html}");
        let html = markdown_html("<b x=\"`\">`<img src=x onerror=alert(1)>`\n");
        assert!(!html.contains("<img"), "{html}");
        let html = markdown_html("<div onclick=\"x()\">\n*a*\n</div>\n\nNext.\n");
        assert_eq!(
            html,
            "<p>&lt;div onclick=\"x()\"&gt;\n*a*\n&lt;/div&gt;\n</p>\n<p>Next.</p>\n"
        );
    }

    /// A Markdown article through the parse and extract phases.
    fn extracted(text: &str) -> Article {
        let parsed = crate::content::parse_markdown(std::path::Path::new("a.md"), text.into());
        let mut article = parsed.article.expect("the test article parses");
        article.extract();
        article
    }

    /// Marks for every quote of `article`: `<q{n}>` … `</q{n}>`.
    fn numbered_marks(article: &Article) -> Vec<QuoteMark> {
        article
            .quotes
            .iter()
            .enumerate()
            .map(|(n, q)| QuoteMark {
                outer: q.outer.clone(),
                open_html: format!("<q{n}>"),
                close_html: format!("</q{n}>").into(),
            })
            .collect()
    }

    /// The extract phase's HTML, with marks spliced in, is what parsing at page time makes.
    #[test]
    fn the_extract_phase_html_takes_the_marks_as_a_fresh_parse_does() {
        let text = "+++\ntitle = \"T\"\n+++\nThe minister said: \"We will *never* give in.\" \
                    Then [she](@/articles/b.md) left, saying \"Enough\" & more.\n\n\
                    > “Quoted block,” said Ann Lee.\n\n| a |\n|---|\n| “In a cell,” he said |\n";
        let article = extracted(text);
        assert!(article.quotes.len() >= 3, "{:?}", article.quotes);
        let marks = numbered_marks(&article);
        let resolve = |target: &str| Some(format!("/resolved/{}", target.trim_start_matches("@/")));
        let made = body_html(&article, &marks, &resolve);
        let fresh = Article {
            body_html: None,
            ..article.clone()
        };
        assert_eq!(made, body_html(&fresh, &marks, &resolve));
        assert!(
            made.contains("<q0>“We will <em>never</em> give in.”</q0>"),
            "{made}"
        );
        assert!(
            made.contains("<a href=\"/resolved/articles/b.md\">she</a>"),
            "{made}"
        );
        assert!(made.contains("&amp; more"), "{made}");
    }

    /// An unclosed quotation runs to the end of its paragraph: its mark closes there, and the
    /// next paragraph stays apart (marks inserted into the source once joined them).
    #[test]
    fn an_unclosed_quote_is_marked_to_the_end_of_its_paragraph() {
        let article = extracted(
            "+++\ntitle = \"T\"\n+++\nHe said: “It will never end.\n\nThe next paragraph.\n",
        );
        let marks = numbered_marks(&article);
        assert_eq!(marks.len(), 1, "{:?}", article.quotes);
        let html = body_html(&article, &marks, &|_| None);
        assert_eq!(
            html,
            "<p>He said: <q0>“It will never end.</q0></p>\n<p>The next paragraph.</p>\n"
        );
    }

    /// A mark never shows as text: inside a code span it goes around the code, and a footnote
    /// repeated as a side note is marked once, where the footnote is.
    #[test]
    fn marks_around_code_spans_and_in_footnotes_are_markup_once() {
        let text =
            "Typed `“hello”` today.[^1]\n\n[^1]: As “she said it,” said Ann [Lee](@/b.md).\n";
        let article = Article {
            text: text.to_string(),
            body: Body::Markdown(0..text.len()),
            ..Article::default()
        };
        let code_quote = text.find('“').expect("has a quote")..text.find("` today").expect("code");
        let note_start = text.rfind("“she").expect("note quote");
        let note_quote = note_start..text.rfind(",” said").expect("note quote ends") + ",”".len();
        let marks = [
            QuoteMark {
                outer: code_quote,
                open_html: "<q0>".into(),
                close_html: "</q0>".into(),
            },
            QuoteMark {
                outer: note_quote,
                open_html: "<q1>".into(),
                close_html: "</q1>".into(),
            },
        ];
        let html = body_html(&article, &marks, &|t| Some(format!("/x/{}", &t[2..])));
        assert!(html.contains("<q0><code>“hello”</code></q0>"), "{html}");
        assert!(!html.contains("&lt;q"), "{html}");
        assert_eq!(html.matches("<q1>").count(), 1, "{html}");
        assert!(html.contains("As <q1>“she said it,”</q1> said"), "{html}");
        // The side note's copy of the link is resolved too.
        assert_eq!(html.matches("href=\"/x/b.md\"").count(), 2, "{html}");
    }

    #[test]
    fn offsets_move_past_the_cuts() {
        let cuts = [2..4, 6..7];
        assert_eq!(without("abXXcdYe", &cuts), "abcde");
        assert_eq!(after_cuts(&cuts, 1), 1);
        assert_eq!(after_cuts(&cuts, 3), 2);
        assert_eq!(after_cuts(&cuts, 4), 2);
        assert_eq!(after_cuts(&cuts, 7), 4);
        assert_eq!(after_cuts(&cuts, 8), 5);
    }

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

//! Quotes on pages: marks in the article text, callouts, the "Who's quoted" panel, speaker
//! pages with their timeline chart, and the speakers index.

use std::fmt::Write as _;

use serde::Serialize;

use super::markdown::{QuoteMark, escape_html};
use super::views::{quote_path, speaker_path};
use crate::content::Article;
use crate::graph::SiteGraph;
use crate::graph::speakers::{QuoteRef, Speaker};
use crate::quotes::{Quote, QuoteKind};

/// A speaker as linked from a quote.
#[derive(Serialize, Clone)]
pub struct SpeakerLink<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub path: String,
    pub role: Option<&'a str>,
    pub organisation: Option<&'a str>,
}

pub fn speaker_link<'a>(graph: &'a SiteGraph, speaker: &'a Speaker) -> SpeakerLink<'a> {
    let entry = speaker.entry.map(|e| &graph.registry[e]);
    SpeakerLink {
        name: &speaker.name,
        slug: &speaker.slug,
        path: speaker_path(&speaker.slug),
        role: entry.and_then(|e| e.role.as_deref()),
        organisation: entry.and_then(|e| e.organisation.as_deref()),
    }
}

/// One quotation as pages show it.
#[derive(Serialize, Clone)]
pub struct QuoteView<'a> {
    /// The quoted words, without marks, spaces tidied.
    pub text: &'a str,
    pub anchor: &'a str,
    /// Site-relative permalink: `articles/<slug>/#q-…`.
    pub path: String,
    pub kind: QuoteKind,
    pub confidence: f32,
    /// The speaker's `SpeakerLink`, as a template value made once per speaker.
    pub speaker: Option<tera::Value>,
    pub article_title: &'a str,
    pub article_path: String,
    /// The article's `DateView`, as a template value made once per article.
    pub date: Option<tera::Value>,
}

/// `speaker_value(id)`: speaker `id`'s `SpeakerLink` as a template value; `date`: the
/// article's date as one.
pub fn quote_view<'a>(
    graph: &'a SiteGraph,
    r: QuoteRef,
    speaker_value: impl Fn(usize) -> tera::Value,
    date: Option<tera::Value>,
) -> QuoteView<'a> {
    let article = &graph.articles[r.article];
    let quote = &article.quotes[r.quote];
    let anchor = graph.articles[r.article].anchors[r.quote].as_str();
    QuoteView {
        text: &article.quote_texts[r.quote],
        anchor,
        path: quote_path(&article.slug, anchor),
        kind: quote.kind,
        confidence: quote.confidence,
        speaker: graph.speakers.quote_speakers[r.article][r.quote].map(speaker_value),
        article_title: &article.title,
        article_path: super::views::article_path(&article.slug),
        date,
    }
}

/// The marks around every quotation of an article's body (headline quotes are not in it);
/// `speaker_mark(id)` is speaker `id`'s part of them (`speaker_mark`), made once per speaker.
pub fn marks(
    graph: &SiteGraph,
    id: usize,
    root: &str,
    speaker_mark: impl Fn(usize) -> std::sync::Arc<SpeakerMark>,
) -> Vec<QuoteMark> {
    let mut marks = quote_marks(graph, id, speaker_mark);
    marks.extend(mention_links(graph, id, root));
    marks
}

/// The first mention of each speaker quoted in the article links to their page.
fn mention_links(graph: &SiteGraph, id: usize, root: &str) -> Vec<QuoteMark> {
    let article = &graph.articles[id];
    // Quotes by start, each with the furthest end so far: whether a range overlaps any quote
    // is one binary search, not a scan of all quotes per mention.
    let mut quotes: Vec<(usize, usize)> = article
        .quotes
        .iter()
        .map(|q| (q.outer.start, q.outer.end))
        .collect();
    quotes.sort_unstable();
    let mut furthest = 0;
    for quote in &mut quotes {
        furthest = furthest.max(quote.1);
        quote.1 = furthest;
    }
    let inside_a_quote = |r: &std::ops::Range<usize>| {
        let before_end = quotes.partition_point(|&(start, _)| start < r.end);
        before_end > 0 && quotes[before_end - 1].1 > r.start
    };
    // Only mentions in the body can be linked (the headline and dek are rendered apart).
    let body: Vec<std::ops::Range<usize>> = match &article.body {
        crate::content::Body::Markdown(r) => vec![r.clone()],
        crate::content::Body::Plain(paragraphs) => paragraphs.clone(),
    };
    // Paragraphs run in text order, apart: the one a mention could be in is found by search.
    let in_body = |r: &std::ops::Range<usize>| {
        let starting_before = body.partition_point(|b| b.start <= r.start);
        starting_before > 0 && r.end <= body[starting_before - 1].end
    };
    let mut first: rustc_hash::FxHashMap<usize, std::ops::Range<usize>> = Default::default();
    for (q, quote) in article.quotes.iter().enumerate() {
        let (Some(speaker), Some(mention)) = (graph.speakers.quote_speakers[id][q], &quote.mention)
        else {
            continue;
        };
        // Pronouns and descriptions refer to someone; only names are linked.
        let words = &article.text[mention.clone()];
        let named = words
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        if !named
            || matches!(words, "He" | "She" | "They" | "I" | "We")
            || inside_a_quote(mention)
            || !in_body(mention)
        {
            continue;
        }
        let entry = first.entry(speaker).or_insert_with(|| mention.clone());
        if mention.start < entry.start {
            *entry = mention.clone();
        }
    }
    let mut links: Vec<(usize, std::ops::Range<usize>)> = first.into_iter().collect();
    links.sort_by_key(|(_, r)| r.start);
    links
        .into_iter()
        .map(|(speaker, range)| {
            let link = speaker_link(graph, &graph.speakers.speakers[speaker]);
            let mut open = String::from("<a class=\"speaker-mention\" href=\"");
            open.push_str(root);
            open.push_str(&link.path);
            open.push_str("\">");
            QuoteMark {
                outer: range,
                open_html: open,
                close_html: "</a>".into(),
            }
        })
        .collect()
}

/// A speaker's part of the marks around their quotes, the same in every article.
pub struct SpeakerMark {
    /// ` data-speaker="…">`, closing the mark's opening tag.
    open_end: String,
    /// The link to the speaker's page, then `</span>`.
    close: std::sync::Arc<str>,
}

/// Speaker `speaker`'s `SpeakerMark` on a page at `root`.
pub fn speaker_mark(graph: &SiteGraph, speaker: usize, root: &str) -> SpeakerMark {
    let s = speaker_link(graph, &graph.speakers.speakers[speaker]);
    let mut label = s.name.to_string();
    if let Some(role) = s.role {
        label.push_str(", ");
        label.push_str(role);
    }
    let mut open_end = String::from(" data-speaker=\"");
    escape_html(s.slug, &mut open_end);
    open_end.push_str("\">");
    // The label is the link's name for everyone; the hidden tip shows it on hover and
    // keyboard focus (a title attribute shows on hover only).
    let mut close = String::from("<a class=\"quote-by\" href=\"");
    close.push_str(root);
    close.push_str(&s.path);
    close.push_str("\" aria-label=\"");
    escape_html(&label, &mut close);
    close.push_str("\">");
    escape_html(short_name(s.name), &mut close);
    close.push_str("<span class=\"quote-tip\" hidden>");
    escape_html(&label, &mut close);
    close.push_str("</span></a></span>");
    SpeakerMark {
        open_end,
        close: close.into(),
    }
}

fn quote_marks(
    graph: &SiteGraph,
    id: usize,
    speaker_mark: impl Fn(usize) -> std::sync::Arc<SpeakerMark>,
) -> Vec<QuoteMark> {
    let article = &graph.articles[id];
    let unattributed: std::sync::Arc<str> = "</span>".into();
    article
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.kind != QuoteKind::Headline)
        .map(|(i, q)| {
            let anchor = &graph.articles[id].anchors[i];
            let mut open = String::with_capacity(64);
            open.push_str("<span class=\"quote\" id=\"");
            open.push_str(anchor);
            open.push('"');
            let close = match graph.speakers.quote_speakers[id][i] {
                Some(speaker) => {
                    let mark = speaker_mark(speaker);
                    open.push_str(&mark.open_end);
                    mark.close.clone()
                }
                None => {
                    open.push('>');
                    unattributed.clone()
                }
            };
            QuoteMark {
                outer: q.outer.clone(),
                open_html: open,
                close_html: close,
            }
        })
        .collect()
}

/// "Vladimir Putin" → "Putin"; descriptions ("a spokesman") stay whole.
fn short_name(name: &str) -> &str {
    let capitalised = name
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if capitalised {
        name.rsplit(' ').next().unwrap_or(name)
    } else {
        name
    }
}

/// How strongly a quote deserves a callout. The rule (README, "Quote callouts"): a whole
/// sentence beats a fragment; 12–45 words is the sweet spot; a named speaker, high confidence
/// and a speaker quoted more than once in the article add weight; the editor's `pull` wins.
pub fn callout_score(
    article: &Article,
    quote: &Quote,
    speaker_count: usize,
    has_speaker: bool,
) -> f32 {
    if quote.pull {
        return 100.0;
    }
    let words = word_count(&article.text[quote.content.clone()]);
    if quote.kind == QuoteKind::Headline || words < 8 || !has_speaker || quote.depth > 0 {
        return 0.0;
    }
    let kind = match quote.kind {
        QuoteKind::Full => 3.0,
        QuoteKind::Continuation => 1.5,
        _ => 0.5,
    };
    let length = match words {
        12..=45 => 2.0,
        8..=60 => 1.0,
        _ => 0.0,
    };
    let prominence = if speaker_count >= 2 { 1.0 } else { 0.0 };
    kind + length + prominence + 2.0 * quote.confidence
}

/// `text.split_whitespace().count()`, a byte at a time unless the text holds non-ASCII
/// whitespace (rare).
fn word_count(text: &str) -> usize {
    // Non-ASCII whitespace starts with one of these bytes (U+0085, U+00A0, U+1680, U+2000…,
    // U+3000); text without them (curly quotes and apostrophes are E2 80 9x: checked) counts
    // a byte at a time too.
    let unicode_space = |(at, b): (usize, &u8)| {
        matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
            && text[at..].chars().next().is_some_and(char::is_whitespace)
    };
    if !text.is_ascii() && text.as_bytes().iter().enumerate().any(unicode_space) {
        return text.split_whitespace().count();
    }
    let mut in_word = false;
    let mut words = 0;
    for byte in text.bytes() {
        // ASCII whitespace as `char::is_whitespace` has it (vertical tab included).
        let space = matches!(byte, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r');
        words += usize::from(!space && !in_word);
        in_word = !space;
    }
    words
}

/// The article's callouts, in text order: the editor's picks, then the best by score,
/// one per speaker, two in all (three for articles with more than twelve quotes).
pub fn callouts(graph: &SiteGraph, id: usize) -> Vec<QuoteRef> {
    let article = &graph.articles[id];
    let speakers = &graph.speakers.quote_speakers[id];
    let mut per_speaker: rustc_hash::FxHashMap<usize, usize> = Default::default();
    for s in speakers.iter().flatten() {
        *per_speaker.entry(*s).or_default() += 1;
    }
    let count_of = |speaker: usize| per_speaker.get(&speaker).copied().unwrap_or(0);
    let mut scored: Vec<(f32, usize)> = article
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let count = speakers[i].map_or(0, count_of);
            (callout_score(article, q, count, speakers[i].is_some()), i)
        })
        .filter(|(score, _)| *score > 0.0)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let wanted = if article.quotes.len() > 12 { 3 } else { 2 };
    let mut chosen: Vec<usize> = Vec::new();
    let mut used_speakers = Vec::new();
    for (score, i) in scored {
        let editor_pick = score >= 100.0;
        if !editor_pick && (chosen.len() >= wanted || used_speakers.contains(&speakers[i])) {
            continue;
        }
        used_speakers.push(speakers[i]);
        chosen.push(i);
    }
    chosen.sort_unstable();
    chosen
        .into_iter()
        .map(|quote| QuoteRef { article: id, quote })
        .collect()
}

/// "Who's quoted": the article's speakers with their counts, most quoted first.
#[derive(Serialize)]
pub struct QuotedSpeaker<'a> {
    #[serde(flatten)]
    pub speaker: SpeakerLink<'a>,
    pub count: usize,
}

pub fn whos_quoted(graph: &SiteGraph, id: usize) -> Vec<QuotedSpeaker<'_>> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for s in graph.speakers.quote_speakers[id].iter().flatten() {
        match counts.iter_mut().find(|(sp, _)| sp == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((*s, 1)),
        }
    }
    counts.sort_by(|a, b| {
        b.1.cmp(&a.1).then(
            graph.speakers.speakers[a.0]
                .name
                .cmp(&graph.speakers.speakers[b.0].name),
        )
    });
    counts
        .into_iter()
        .map(|(s, count)| QuotedSpeaker {
            speaker: speaker_link(graph, &graph.speakers.speakers[s]),
            count,
        })
        .collect()
}

/// `February 2022` (or `Feb 2022` when short) for a month counted from year 0.
fn month_name(months_since_year_0: i32, short: bool) -> String {
    let (year, month) = (
        months_since_year_0.div_euclid(12),
        months_since_year_0.rem_euclid(12),
    );
    if !(0..=9999).contains(&year) {
        return format!("{year}-{:02}", month + 1);
    }
    let name = crate::content::date::MONTH_NAMES[month as usize];
    // Years as strftime's `%Y` writes them: four digits.
    if short {
        format!("{} {year:04}", &name[..3])
    } else {
        format!("{name} {year:04}")
    }
}

/// A percentage of the chart's width, for SVG attributes.
fn percent(value: f64) -> String {
    let mut out = String::with_capacity(8);
    push_percent(&mut out, value);
    out
}

/// `percent(value)`, written straight into `svg`.
fn push_percent(svg: &mut String, value: f64) {
    push_fixed(svg, value, 2);
    svg.push('%');
}

/// `value` with `decimals` places, the same text as `format!("{value:.decimals$}")`: the
/// exact binary value rounded half to even. Charts write thousands of coordinates, and the
/// formatter's exact mode often falls back to its slow big-number algorithm.
fn push_fixed(out: &mut String, value: f64, decimals: u32) {
    if !(value.is_finite() && (0.0..1e12).contains(&value)) || decimals > 6 {
        // Writing into a String cannot fail.
        let _ = write!(out, "{value:.*}", decimals as usize);
        return;
    }
    // value = mantissa × 2^exponent, with exponent < 0 below 2^52.
    let bits = value.to_bits();
    let (mantissa, exponent) = match ((bits >> 52) & 0x7ff) as i32 {
        0 => (bits & ((1 << 52) - 1), -1074),
        biased => ((bits & ((1 << 52) - 1)) | (1 << 52), biased - 1075),
    };
    let scale = 10u128.pow(decimals);
    let scaled = u128::from(mantissa) * scale;
    let shift = exponent.unsigned_abs();
    let units = if shift >= 128 {
        0
    } else {
        let (whole, rest, half) = (
            scaled >> shift,
            scaled & ((1 << shift) - 1),
            1 << (shift - 1),
        );
        if rest > half || (rest == half && whole & 1 == 1) {
            whole + 1
        } else {
            whole
        }
    };
    let _ = write!(out, "{}", units / scale);
    if decimals > 0 {
        let _ = write!(out, ".{:0width$}", units % scale, width = decimals as usize);
    }
}

/// A bar chart of a speaker's quotes per month, as SVG made at build time (no script).
/// Positions are percentages of the width and text keeps its size, so the chart stays
/// readable from a phone to a wide screen (a viewBox would shrink the text with the chart).
pub fn timeline_svg(graph: &SiteGraph, speaker: &Speaker) -> Option<String> {
    let mut months: Vec<i32> = speaker
        .quotes
        .iter()
        .filter_map(|r| graph.articles[r.article].date.as_ref())
        .map(|d| {
            let date = d.civil_date();
            i32::from(date.year()) * 12 + i32::from(date.month()) - 1
        })
        .collect();
    months.sort_unstable();
    let (&first, &last) = (months.first()?, months.last()?);
    let span = (last - first + 1) as usize;
    // At least a year of slots, the quoted months in the middle, so one month is not one wide block.
    let slots = span.max(12);
    let start = first - ((slots - span) / 2) as i32;
    let mut counts = vec![0usize; slots];
    for m in &months {
        counts[(m - start) as usize] += 1;
    }
    let max = counts.iter().copied().max().unwrap_or(1).max(1);
    let (height, bottom, top) = (130.0_f64, 24.0_f64, 18.0_f64);
    let slot = 100.0 / slots as f64;
    let label = if first == last {
        format!(
            "{} quote{} by {}, {}",
            months.len(),
            if months.len() == 1 { "" } else { "s" },
            speaker.name,
            month_name(first, false)
        )
    } else {
        format!(
            "{} quotes by {} from {} to {}",
            months.len(),
            speaker.name,
            month_name(first, false),
            month_name(last, false)
        )
    };
    let mut svg = String::with_capacity(512 + counts.len() * 200);
    let _ = write!(
        svg,
        "<svg class=\"timeline\" width=\"100%\" height=\"{height}\" role=\"img\" aria-label=\""
    );
    escape_html(&label, &mut svg);
    svg.push_str("\" xmlns=\"http://www.w3.org/2000/svg\"><title>");
    escape_html(&label, &mut svg);
    svg.push_str("</title>");
    let axis = height - bottom;
    let _ = write!(
        svg,
        "<line x1=\"0\" y1=\"{axis}\" x2=\"100%\" y2=\"{axis}\" class=\"axis\"/>"
    );
    let few = counts.iter().filter(|&&c| c > 0).count() <= 12;
    for (i, &count) in counts.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let h = (axis - top) * count as f64 / max as f64;
        let x = (i as f64 + 0.1) * slot;
        svg.push_str("<rect x=\"");
        push_percent(&mut svg, x);
        svg.push_str("\" y=\"");
        push_fixed(&mut svg, axis - h, 1);
        svg.push_str("\" width=\"");
        push_percent(&mut svg, slot * 0.8);
        svg.push_str("\" height=\"");
        push_fixed(&mut svg, h, 1);
        let _ = write!(
            svg,
            "\" class=\"bar\"><title>{}: {count} quote{}</title></rect>",
            month_name(start + i as i32, false),
            if count == 1 { "" } else { "s" }
        );
        // With a dozen bars or fewer there is room to write each count above its bar.
        if few {
            svg.push_str("<text x=\"");
            push_percent(&mut svg, x + slot * 0.4);
            svg.push_str("\" y=\"");
            push_fixed(&mut svg, axis - h - 4.0, 1);
            let _ = write!(
                svg,
                "\" class=\"value\" text-anchor=\"middle\">{count}</text>"
            );
        }
    }
    // The first and last quoted months are named under their bars; when the two bars are
    // close, one label names both.
    let centre = |month: i32| (f64::from(month - start) + 0.5) * slot;
    let ticks = if first == last {
        vec![(centre(first), month_name(first, true))]
    } else if centre(last) - centre(first) >= 25.0 {
        vec![
            (centre(first), month_name(first, true)),
            (centre(last), month_name(last, true)),
        ]
    } else {
        vec![(
            (centre(first) + centre(last)) / 2.0,
            format!("{} – {}", month_name(first, true), month_name(last, true)),
        )]
    };
    for (x, text) in ticks {
        let anchor = if x < 10.0 {
            "start"
        } else if x > 90.0 {
            "end"
        } else {
            "middle"
        };
        let x = match anchor {
            "start" => x - slot * 0.4,
            "end" => x + slot * 0.4,
            _ => x,
        };
        svg.push_str("<text x=\"");
        push_percent(&mut svg, x);
        let _ = write!(
            svg,
            "\" y=\"{:.0}\" class=\"tick\" text-anchor=\"{anchor}\">{text}</text>",
            height - 6.0
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// A horizontal bar chart of who is quoted how often, as SVG made at build time: each name
/// above its bar, widths in percent, so the names stay readable on a phone.
pub fn speakers_bar_chart(
    graph: &SiteGraph,
    counts: &[(usize, usize)],
    label: &str,
) -> Option<String> {
    let rows: Vec<(&str, usize)> = counts
        .iter()
        .take(10)
        .map(|&(s, n)| (graph.speakers.speakers[s].name.as_str(), n))
        .collect();
    let max = rows.iter().map(|r| r.1).max()?.max(1);
    let row = 40.0_f64;
    // The longest bar leaves room for its count after it.
    let longest = 85.0_f64;
    let height = row * rows.len() as f64;
    let mut svg = format!(
        "<svg class=\"bars\" width=\"100%\" height=\"{height}\" role=\"img\" aria-label=\""
    );
    escape_html(label, &mut svg);
    svg.push_str("\" xmlns=\"http://www.w3.org/2000/svg\"><title>");
    escape_html(label, &mut svg);
    svg.push_str("</title>");
    for (i, (name, count)) in rows.iter().enumerate() {
        let y = i as f64 * row;
        let w = longest * *count as f64 / max as f64;
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{:.0}\" class=\"name\">",
            y + 14.0
        ));
        escape_html(name, &mut svg);
        svg.push_str(&format!(
            "</text><rect x=\"0\" y=\"{:.0}\" width=\"{}\" height=\"12\" class=\"bar\"/><text x=\"{}\" dx=\"6\" y=\"{:.0}\" class=\"count\">{count}</text>",
            y + 20.0,
            percent(w),
            percent(w),
            y + 31.0
        ));
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_decimals_are_the_formatters_own() {
        let check = |value: f64| {
            for decimals in 0..=3u32 {
                let mut ours = String::new();
                push_fixed(&mut ours, value, decimals);
                let theirs = format!("{value:.*}", decimals as usize);
                assert_eq!(ours, theirs, "{value:e} to {decimals} places");
            }
        };
        // Exact ties round half to even; values just off a tie must not.
        for value in [
            0.0, 0.5, 1.5, 2.5, 0.125, 0.375, 12.25, 1.005, 0.045, 99.995, 1e-300,
        ] {
            check(value);
            check(f64::from_bits(value.to_bits() + 1));
        }
        // The charts' own coordinates.
        for slots in 1..=240 {
            let slot = 100.0 / f64::from(slots);
            for i in 0..slots {
                let x = (f64::from(i) + 0.1) * slot;
                check(x);
                check(x + slot * 0.4);
                check(slot * 0.8);
                check((f64::from(i) + 0.5) * slot - slot * 0.4);
                check(88.0 * f64::from(i + 1) / f64::from(slots));
            }
        }
        // A spread of others, from a fixed sequence.
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            check((state >> 11) as f64 / (1u64 << 53) as f64 * 10f64.powi((state % 9) as i32 - 3));
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            " ",
            "one",
            " two  words ",
            "tabs\tand\nlines\r\nand\x0bvertical\x0ctabs",
            "non-ASCII\u{a0}no-break space and “curly” quotes",
            "“Curly” quotes, it’s — all non-space — ok…",
            "ideographic\u{3000}space, em\u{2003}space, line\u{2028}separator\u{85}next",
            "é ü 中文 Ω",
        ] {
            assert_eq!(
                word_count(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn month_names_are_strftimes() {
        for months in (0..(30 * 12)).chain((1990 * 12)..(2031 * 12)) {
            let date = jiff::civil::Date::new(
                i16::try_from(months / 12).unwrap(),
                i8::try_from(months % 12 + 1).unwrap(),
                1,
            )
            .unwrap();
            assert_eq!(
                month_name(months, false),
                date.strftime("%B %Y").to_string()
            );
            assert_eq!(month_name(months, true), date.strftime("%b %Y").to_string());
        }
    }
}

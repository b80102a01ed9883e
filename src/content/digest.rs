//! Digests: `content/digests/<slug>.md`, an edition with the editor's text and its articles,
//! listed by slug or selected by date range and topics.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::date::PubDate;
use super::frontmatter::{self, DateText, locate_key};
use crate::error::{Diagnostic, line_col};

pub const DIGESTS_DIR: &str = "digests";
pub const DIGEST_FIELDS: &str = "title, date, summary, articles, select, notes, draft";

/// Which articles a digest gathers when it does not list them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    pub from: Option<DateText>,
    pub to: Option<DateText>,
    #[serde(default)]
    pub topics: Vec<String>,
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DigestFrontMatter {
    title: Option<String>,
    date: Option<DateText>,
    summary: Option<String>,
    #[serde(default)]
    articles: Vec<String>,
    select: Option<Selection>,
    /// The editor's note on each article, by slug (Markdown, one paragraph).
    #[serde(default)]
    notes: BTreeMap<String, String>,
    #[serde(default)]
    draft: bool,
}

/// A digest as the editor wrote it; its articles are resolved in the link phase.
#[derive(Debug, Clone)]
pub struct DigestFile {
    pub path: PathBuf,
    pub slug: String,
    pub title: String,
    pub date: Option<PubDate>,
    pub summary: Option<String>,
    /// Article slugs, in the editor's order.
    pub articles: Vec<String>,
    pub select: Option<Selection>,
    pub select_from: Option<PubDate>,
    pub select_to: Option<PubDate>,
    pub notes: BTreeMap<String, String>,
    pub draft: bool,
    pub text: String,
    /// The editor's text, in Markdown.
    pub body: Range<usize>,
    /// Line of the `articles` key (or `select`, or 1), for messages about the list.
    pub articles_line: usize,
    pub notes_line: usize,
}

pub fn find(root: &Path) -> Vec<PathBuf> {
    super::markdown_files(root, DIGESTS_DIR)
}

pub fn parse(shown: &Path, text: String) -> Result<DigestFile, Vec<Diagnostic>> {
    let split = match frontmatter::split(&text) {
        Ok(Some(split)) => split,
        Ok(None) => {
            return Err(vec![
                Diagnostic::error(shown, 1, 1, "the digest has no front matter")
                    .with_hint("start it with +++\\ntitle = \"…\"\\ndate = 2022-02-06\\narticles = [\"slug\"]\\n+++"),
            ]);
        }
        Err(offset) => {
            return Err(vec![
                Diagnostic::error_at(shown, &text, offset, "the front matter is never closed")
                    .with_hint(
                        "end the front matter with the same fence line (+++ or ---) it opened with",
                    ),
            ]);
        }
    };
    let fm: DigestFrontMatter = frontmatter::parse(shown, &text, &split).map_err(|mut d| {
        if d.message.contains("unknown field") {
            d.hint = Some(format!(
                "digest fields are: {DIGEST_FIELDS}; select has from, to, topics, limit"
            ));
        }
        vec![d]
    })?;
    let block = &text[split.front_matter.clone()];
    let (fm_line, _) = line_col(&text, split.front_matter.start);
    let line_of = |key: &str| locate_key(block, key).map(|(l, c)| (l + fm_line - 1, c));
    let mut problems = Vec::new();
    let title = fm.title.unwrap_or_default().trim().to_string();
    if title.is_empty() {
        problems.push(
            Diagnostic::error(shown, 1, 1, "the digest has no title")
                .with_hint("add title = \"…\""),
        );
    }
    let mut date_of = |key: &str, value: &Option<DateText>| -> Option<PubDate> {
        let value = value.as_ref()?;
        match PubDate::parse(&value.0) {
            Ok(date) => Some(date),
            Err(why) => {
                let (line, column) = line_of(key).unwrap_or((1, 1));
                problems.push(
                    Diagnostic::error(shown, line, column, format!("bad {key}: {why}"))
                        .with_hint("dates look like 2022-02-01 or 2022-02-01T10:00:00Z"),
                );
                None
            }
        }
    };
    let date = date_of("date", &fm.date);
    let (select_from, select_to) = match &fm.select {
        Some(select) => (date_of("from", &select.from), date_of("to", &select.to)),
        None => (None, None),
    };
    if fm.articles.is_empty() && fm.select.is_none() {
        problems.push(
            Diagnostic::error(shown, 1, 1, "the digest names no articles").with_hint(
                "list them with articles = [\"slug\", …] or pick them with [select] from/to/topics",
            ),
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let articles_line = line_of("articles")
        .or_else(|| line_of("[select]").or(line_of("select")))
        .map_or(1, |(l, _)| l);
    let notes_line = line_of("notes")
        .or(line_of("[notes]"))
        .map_or(articles_line, |(l, _)| l);
    Ok(DigestFile {
        path: shown.to_path_buf(),
        slug: super::slug_from_path(shown),
        title,
        date,
        summary: fm.summary,
        articles: fm.articles,
        select: fm.select,
        select_from,
        select_to,
        notes: fm.notes,
        draft: fm.draft,
        body: split.body.clone(),
        text,
        articles_line,
        notes_line,
    })
}

pub fn load_all(root: &Path) -> (Vec<DigestFile>, Vec<Diagnostic>) {
    super::load_each(root, find(root), parse)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_listed_and_selected_digests() {
        let text = "+++\ntitle = \"Week 5\"\ndate = 2022-02-06\narticles = [\"a\", \"b\"]\n\n[notes]\na = \"Read this first.\"\n+++\nThe editor writes.\n";
        let d = parse(Path::new("content/digests/week-5.md"), text.into()).unwrap();
        assert_eq!(d.slug, "week-5");
        assert_eq!(d.articles, ["a", "b"]);
        assert_eq!(d.notes["a"], "Read this first.");
        assert_eq!(d.articles_line, 4);
        let text = "+++\ntitle = \"Europe\"\n[select]\nfrom = 2020-01-01\ntopics = [\"Europe\"]\nlimit = 5\n+++\n";
        let d = parse(Path::new("e.md"), text.into()).unwrap();
        assert_eq!(d.select.unwrap().limit, Some(5));
        assert_eq!(d.select_from.unwrap().iso_date(), "2020-01-01");
    }

    #[test]
    fn problems_are_located() {
        let err = parse(
            Path::new("d.md"),
            "+++\ntitle = \"X\"\narticle = [\"a\"]\n+++\n".into(),
        )
        .unwrap_err();
        assert_eq!(err[0].line, 3);
        let err = parse(Path::new("d.md"), "+++\ntitle = \"X\"\n+++\n".into()).unwrap_err();
        assert!(err[0].message.contains("names no articles"));
    }
}

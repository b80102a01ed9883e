//! Content: walk `content/`, classify files, and parse articles (Markdown or raw text).

pub mod date;
pub mod digest;
pub mod frontmatter;
pub mod rawtext;
pub mod speaker;

use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::{Diagnostic, line_col};
use crate::quotes::annotations::{self, Place, QuoteNote, Unmatched};
use crate::quotes::{self, Quote};
use date::PubDate;
use frontmatter::{ArticleFrontMatter, Source, locate_key};

pub const CONTENT_DIR: &str = "content";
pub const ARTICLES_DIR: &str = "articles";

/// How an article's body is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// CommonMark; the range is the body after the front matter.
    Markdown(Range<usize>),
    /// Raw scraped text: one range per paragraph.
    Plain(Vec<Range<usize>>),
}

impl Default for Body {
    fn default() -> Self {
        Body::Markdown(0..0)
    }
}

/// An article as parsed from its file: metadata plus the body as ranges of the file's text.
/// The extract phase fills the rest (`Article::extract`); they start empty.
#[derive(Debug, Clone, Default)]
pub struct Article {
    /// Path relative to the site root, as shown in messages.
    pub path: PathBuf,
    pub slug: String,
    pub title: String,
    /// The standfirst under the headline (raw text articles).
    pub dek: Option<String>,
    pub date: Option<PubDate>,
    pub updated: Option<PubDate>,
    pub source: Option<Source>,
    pub authors: Vec<String>,
    pub topics: Vec<String>,
    pub summary: Option<String>,
    pub draft: bool,
    pub credit: Option<String>,
    /// The whole file, so that byte offsets (quotes, errors) refer to what the editor sees.
    pub text: String,
    pub body: Body,
    /// The editor's `[[quotes]]` notes from the front matter.
    pub quote_notes: Vec<QuoteNote>,
    /// Filled by the extract phase.
    pub quotes: Vec<Quote>,
    /// Each quote's anchor (`q-1a2b3c4d`), made from its words: filled by the extract phase.
    pub anchors: Vec<String>,
    /// What listings, feeds and search show: the front matter summary or the start of the
    /// first paragraph. Filled by the extract phase.
    pub listing_summary: String,
    /// Internal `@/` links with their byte offsets: filled by the extract phase.
    pub links: Vec<(String, usize)>,
    /// Each quote's words as readers see them (`render::data::quote_text`).
    pub quote_texts: Vec<String>,
    /// The speaker index's key for each quote's speaker name (`graph::speakers::name_key`).
    pub speaker_keys: Vec<String>,
    /// What other pages show of the article (`render::inputs::article_facts`).
    pub facts: u64,
    /// All of the article, for its own page.
    pub fingerprint: u64,
    /// `date` as pages show it, formatted once (thousands of cards and quotes show it).
    pub date_view: Option<crate::render::views::DateView>,
    /// A Markdown body made HTML on the extract phase's parse, its marks still to place.
    pub body_html: Option<crate::render::markdown::BodyHtml>,
}

/// One input file found under `content/articles/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleFile {
    Markdown(PathBuf),
    /// A `.txt` article, with the `.toml` front matter beside it if there is one.
    Text {
        text: PathBuf,
        meta: Option<PathBuf>,
    },
}

/// Hidden files and editor leftovers: never read as content or templates.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.') || is_editor_temp(name)
}

/// Files editors write beside the one being saved (`.x.swp`, `x~`, `.#x`, `4913`).
pub fn is_editor_temp(name: &str) -> bool {
    name.starts_with(".#")
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bck")
        || name == "4913"
        || name == ".DS_Store"
}

/// The `.md` files directly in `content/<dir>/`, sorted; hidden and editor files skipped.
pub fn markdown_files(root: &Path, dir: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root.join(CONTENT_DIR).join(dir)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "md")
                && p.file_name()
                    .is_some_and(|n| !is_ignored_name(&n.to_string_lossy()))
        })
        .collect();
    files.sort();
    files
}

/// Reads and parses each file (paths shown relative to the root); problems are collected.
pub fn load_each<T>(
    root: &Path,
    files: Vec<PathBuf>,
    parse: impl Fn(&Path, String) -> Result<T, Vec<Diagnostic>>,
) -> (Vec<T>, Vec<Diagnostic>) {
    let mut loaded = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        let shown = relative(root, &path);
        match std::fs::read_to_string(&path) {
            Ok(text) => match parse(&shown, text) {
                Ok(item) => loaded.push(item),
                Err(mut found) => problems.append(&mut found),
            },
            Err(e) => problems.push(Diagnostic::error(
                shown,
                1,
                1,
                format!("cannot read the file: {e}"),
            )),
        }
    }
    (loaded, problems)
}

/// Lists the article files under `<root>/content/articles`, sorted by path.
pub fn find_articles(root: &Path) -> Result<Vec<ArticleFile>, crate::error::Error> {
    let dir = root.join(CONTENT_DIR).join(ARTICLES_DIR);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(&dir).to_path_buf();
            crate::error::Error::io(path, e.into())
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        match path.extension().and_then(|e| e.to_str()) {
            Some("md") => files.push(ArticleFile::Markdown(path.to_path_buf())),
            Some("txt") => {
                let meta = path.with_extension("toml");
                files.push(ArticleFile::Text {
                    text: path.to_path_buf(),
                    meta: meta.is_file().then_some(meta),
                });
            }
            _ => {}
        }
    }
    Ok(files)
}

/// What parsing one file gave: the article (if it could be read) and any problems.
pub struct Parsed {
    pub article: Option<Article>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses every article file in parallel; problems are collected, never fatal to the others.
pub fn parse_all(root: &Path, files: &[ArticleFile]) -> Vec<Parsed> {
    parse_all_with_progress(root, files, &crate::progress::NoProgress)
}

/// `parse_all`, telling `progress` as each file is done.
pub fn parse_all_with_progress(
    root: &Path,
    files: &[ArticleFile],
    progress: &dyn crate::progress::BuildProgress,
) -> Vec<Parsed> {
    files
        .par_iter()
        // Short runs per job, so that no thread is left alone with a long last one.
        .with_max_len(crate::build::PARALLEL_PIECE)
        .map(|file| {
            // A bug tripped by one file must not take the whole build down: report it there.
            std::panic::catch_unwind(|| parse_file(root, file)).unwrap_or_else(|_| {
                let path = match file {
                    ArticleFile::Markdown(path) | ArticleFile::Text { text: path, .. } => path,
                };
                Parsed {
                    article: None,
                    diagnostics: vec![
                        Diagnostic::error(
                            relative(root, path),
                            1,
                            1,
                            "Gazette crashed while reading this file",
                        )
                        .with_hint(
                            "this is a bug in Gazette: please report it with the file attached",
                        ),
                    ],
                }
            })
        })
        .inspect(|_| progress.item_done())
        .collect()
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Articles are a few kilobytes; rendering grows faster than linearly with an article's size,
/// so a huge file (a dump saved by mistake) is refused rather than left to run for minutes.
pub const MAX_ARTICLE_BYTES: u64 = 10 * 1024 * 1024;

fn read(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    use std::io::Read;
    let shown = relative(root, path);
    let cannot_read = |e: std::io::Error| {
        Diagnostic::error(&shown, 1, 1, format!("cannot read the file: {e}"))
            .with_hint("check the file's permissions (it must be readable by you), or remove it")
    };
    // One open file for the size check and the read: the path is walked once.
    let mut file = std::fs::File::open(path).map_err(cannot_read)?;
    let size = file.metadata().map_or(0, |metadata| metadata.len());
    if size > MAX_ARTICLE_BYTES {
        return Err(Diagnostic::error(
            shown,
            1,
            1,
            format!(
                "the file is {:.1} MB, over the {} MB an article may be",
                size as f64 / 1e6,
                MAX_ARTICLE_BYTES / (1024 * 1024)
            ),
        )
        .with_hint("split it into several articles, or move it out of content/"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0) + 1);
    file.read_to_end(&mut bytes).map_err(cannot_read)?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.into_bytes()[..offset]).into_owned();
        Diagnostic::error_at(&shown, &text, offset, "the file is not valid UTF-8")
            .with_hint("save the file as UTF-8")
    })
}

pub fn parse_file(root: &Path, file: &ArticleFile) -> Parsed {
    let result = match file {
        ArticleFile::Markdown(path) => {
            read(root, path).map(|text| parse_markdown(&relative(root, path), text))
        }
        ArticleFile::Text { text, meta } => read(root, text).and_then(|body| {
            let meta = match meta {
                Some(meta) => Some((relative(root, meta), read(root, meta)?)),
                None => None,
            };
            Ok(parse_text(&relative(root, text), body, meta))
        }),
    };
    match result {
        Ok(parsed) => parsed,
        Err(diagnostic) => Parsed {
            article: None,
            diagnostics: vec![diagnostic],
        },
    }
}

/// A file stem made into a URL slug.
pub fn slug_from_path(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    slug::slugify(stem)
}

pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !slug.starts_with('-')
}

/// Checks front matter values, locating each problem at its key in `meta_text`.
struct Fields<'a> {
    path: &'a Path,
    meta_text: &'a str,
    /// Where the front matter starts in the file, in lines, so that key lines are file lines.
    line_offset: usize,
    diagnostics: Vec<Diagnostic>,
}

impl Fields<'_> {
    fn at_key(&self, key: &str) -> (usize, usize) {
        locate_key(self.meta_text, key).map_or((1, 1), |(l, c)| (l + self.line_offset, c))
    }

    fn error(&mut self, key: &str, message: String, hint: &str) {
        let (line, column) = self.at_key(key);
        self.diagnostics
            .push(Diagnostic::error(self.path, line, column, message).with_hint(hint));
    }

    fn date(&mut self, key: &str, value: &Option<frontmatter::DateText>) -> Option<PubDate> {
        let value = value.as_ref()?;
        match PubDate::parse(&value.0) {
            Ok(date) => Some(date),
            Err(why) => {
                self.error(
                    key,
                    format!("bad {key}: {why}"),
                    "dates look like 2022-02-01, 2022-02-01T10:00:00Z or 2022-02-01T10:00:00+02:00",
                );
                None
            }
        }
    }

    fn slug(&mut self, value: &Option<String>, fallback: &Path) -> String {
        match value {
            Some(slug) if is_valid_slug(slug) => slug.clone(),
            Some(slug) => {
                self.error(
                    "slug",
                    format!("bad slug `{slug}`"),
                    "a slug is lowercase letters, digits and dashes: slug = \"putin-nato\"",
                );
                slug_from_path(fallback)
            }
            None => slug_from_path(fallback),
        }
    }
}

/// Parses a Markdown article's text (front matter and body); `path` is only for messages and
/// the default slug. Public for the fuzz targets and other callers holding text, not a file.
pub fn parse_markdown(path: &Path, text: String) -> Parsed {
    let mut diagnostics = Vec::new();
    let split = match frontmatter::split(&text) {
        Ok(Some(split)) => split,
        Ok(None) => {
            return Parsed {
                article: None,
                diagnostics: vec![
                    Diagnostic::error(path, 1, 1, "the article has no front matter").with_hint(
                        "start the file with a +++ block: +++\\ntitle = \"…\"\\ndate = 2022-02-01\\n+++",
                    ),
                ],
            };
        }
        Err(offset) => {
            return Parsed {
                article: None,
                diagnostics: vec![
                    Diagnostic::error_at(path, &text, offset, "the front matter is never closed")
                        .with_hint("end the front matter with the same fence line (+++ or ---) it opened with"),
                ],
            };
        }
    };
    let mut fm: ArticleFrontMatter = match frontmatter::parse(path, &text, &split) {
        Ok(fm) => fm,
        Err(diagnostic) => {
            return Parsed {
                article: None,
                diagnostics: vec![diagnostic],
            };
        }
    };
    let (fm_line, _) = line_col(&text, split.front_matter.start);
    frontmatter::locate_quote_notes(
        &mut fm.quotes,
        &text[split.front_matter.clone()],
        split.format,
        fm_line - 1,
    );
    let mut fields = Fields {
        path,
        meta_text: &text[split.front_matter.clone()],
        line_offset: fm_line - 1,
        diagnostics: Vec::new(),
    };
    let date = fields.date("date", &fm.date);
    let updated = fields.date("updated", &fm.updated);
    let slug = fields.slug(&fm.slug, path);
    let title = fm.title.clone().unwrap_or_default();
    if title.trim().is_empty() {
        let (line, column) = if fm.title.is_some() {
            fields.at_key("title")
        } else {
            (1, 1)
        };
        fields.diagnostics.push(
            Diagnostic::error(path, line, column, "the article has no title")
                .with_hint("add title = \"…\" to the front matter"),
        );
    }
    if fm.date.is_none() {
        fields.diagnostics.push(
            Diagnostic::error(path, 1, 1, "the article has no date")
                .with_hint("add date = 2022-02-01 (or 2022-02-01T10:00:00Z) to the front matter"),
        );
    }
    diagnostics.append(&mut fields.diagnostics);
    let article = Article {
        path: path.to_path_buf(),
        slug,
        title: title.trim().to_string(),
        dek: fm
            .dek
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty()),
        date,
        updated,
        source: fm.source,
        authors: fm.authors,
        topics: clean_topics(fm.topics),
        summary: fm.summary,
        draft: fm.draft,
        credit: fm.credit,
        body: Body::Markdown(split.body.clone()),
        text,
        quote_notes: fm.quotes,
        quotes: Vec::new(),
        ..Article::default()
    };
    Parsed {
        article: Some(article),
        diagnostics,
    }
}

fn clean_topics(topics: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    topics
        .into_iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty() && seen.insert(slug::slugify(t)))
        .collect()
}

/// Parses a raw scraped `.txt` article's text, with the path and text of the `.toml` beside it
/// if there is one. Public for the fuzz targets and other callers holding text, not a file.
pub fn parse_text(path: &Path, text: String, meta: Option<(PathBuf, String)>) -> Parsed {
    let mut diagnostics = Vec::new();
    let Some(raw) = rawtext::parse(&text) else {
        return Parsed {
            article: None,
            diagnostics: vec![
                Diagnostic::error(path, 1, 1, "the article is empty")
                    .with_hint("a raw article starts with its headline on the first line"),
            ],
        };
    };
    let (mut fm, meta_path, meta_text) = match meta {
        Some((meta_path, meta_text)) => match toml::from_str::<ArticleFrontMatter>(&meta_text) {
            Ok(fm) => (fm, meta_path, meta_text),
            Err(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                let message = e.message().trim().to_string();
                return Parsed {
                    article: None,
                    diagnostics: vec![
                        Diagnostic::error_at(&meta_path, &meta_text, offset, message).with_hint(
                            format!(
                                "the .toml beside a .txt article holds its front matter: {}",
                                frontmatter::ARTICLE_FIELDS
                            ),
                        ),
                    ],
                };
            }
        },
        None => (
            ArticleFrontMatter::default(),
            path.with_extension("toml"),
            String::new(),
        ),
    };
    frontmatter::locate_quote_notes(
        &mut fm.quotes,
        &meta_text,
        frontmatter::FrontMatterFormat::Toml,
        0,
    );
    let mut fields = Fields {
        path: &meta_path,
        meta_text: &meta_text,
        line_offset: 0,
        diagnostics: Vec::new(),
    };
    let date = fields.date("date", &fm.date);
    let updated = fields.date("updated", &fm.updated);
    let slug = fields.slug(&fm.slug, path);
    diagnostics.append(&mut fields.diagnostics);
    if fm.date.is_none() {
        diagnostics.push(
            Diagnostic::warning(
                path,
                1,
                1,
                "the article has no date; it is listed after dated ones",
            )
            .with_hint(format!(
                "give it one in {} with date = 2022-02-01",
                path.with_extension("toml").display()
            )),
        );
    }
    let title = fm
        .title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| text[raw.headline.clone()].trim().to_string());
    let article = Article {
        path: path.to_path_buf(),
        slug,
        title,
        dek: fm
            .dek
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty())
            .or_else(|| raw.dek.map(|r| text[r].trim().to_string())),
        date,
        updated,
        source: fm.source,
        authors: fm.authors,
        topics: clean_topics(fm.topics),
        summary: fm.summary,
        draft: fm.draft,
        credit: fm.credit,
        body: Body::Plain(raw.paragraphs),
        text,
        quote_notes: fm.quotes,
        quotes: Vec::new(),
        ..Article::default()
    };
    Parsed {
        article: Some(article),
        diagnostics,
    }
}

impl Article {
    /// The extract phase for one article: its quotations, their anchors and its listing
    /// summary; returns the annotations that matched nothing, as warnings.
    pub fn extract(&mut self) -> Vec<crate::error::Diagnostic> {
        let (quotes, unmatched) = match &self.body {
            Body::Markdown(body) => {
                // One parse of a Markdown body gives the prose, the links, the first
                // paragraph and, once the quotes are known, the body's HTML.
                let (scan, quotes, unmatched, html) = self.extract_markdown(body.clone());
                self.body_html = Some(html);
                self.quotes = quotes;
                self.derive_with(scan.links, scan.first_paragraph);
                return self.warnings(unmatched);
            }
            Body::Plain(_) => self.extract_quotes(),
        };
        self.quotes = quotes;
        self.derive();
        self.warnings(unmatched)
    }

    /// The extract phase of a Markdown body (`body` of the text): its scan, quotations,
    /// unmatched annotations and HTML.
    fn extract_markdown(
        &self,
        body: Range<usize>,
    ) -> (
        MarkdownScan,
        Vec<Quote>,
        Vec<Unmatched>,
        crate::render::markdown::BodyHtml,
    ) {
        use crate::render::markdown;
        let inline = annotations::find_inline(&self.text, body.clone());
        let events: Vec<_> =
            pulldown_cmark::Parser::new_ext(&self.text[body.clone()], markdown::options())
                .into_offset_iter()
                .collect();
        let scan = scan_events(&events, body.start);
        let (quotes, unmatched) = self.extract_quotes_with(&scan.blocks, &inline);
        let edges = markdown::quote_edges(&quotes);
        let html = if inline.is_empty() {
            markdown::body_html_of(&self.text[body.clone()], events, body.start, &[], &edges)
        } else {
            // The annotation syntax is for Gazette, not for readers: the HTML is made from
            // the body without it, parsed again.
            drop(events);
            markdown::annotated_body_html(&self.text, body, &inline, &edges)
        };
        (scan, quotes, unmatched, html)
    }

    /// The annotations that matched nothing, as warnings at their place.
    fn warnings(&self, unmatched: Vec<Unmatched>) -> Vec<crate::error::Diagnostic> {
        unmatched
            .into_iter()
            .map(|u| {
                let (path, (line, column)) = match u.at {
                    Some(Place::Offset(at)) => (self.path.clone(), line_col(&self.text, at)),
                    Some(Place::Entry(line, column)) => (self.front_matter_path(), (line, column)),
                    None => (self.front_matter_path(), (1, 1)),
                };
                Diagnostic::warning(path, line, column, u.what)
                    .with_hint("check the annotation's words against the article, or remove it")
            })
            .collect()
    }

    /// The file holding the article's front matter: the article itself, or the `.toml` beside
    /// a raw `.txt` (as `find_articles` pairs them).
    pub fn front_matter_path(&self) -> PathBuf {
        match self.body {
            Body::Markdown(_) => self.path.clone(),
            Body::Plain(_) => self.path.with_extension("toml"),
        }
    }

    /// What follows from the quotes and text alone: anchors and the listing summary.
    pub fn derive(&mut self) {
        let (links, first_paragraph) = match &self.body {
            Body::Markdown(body) => {
                let scan = scan_markdown(&self.text, body.clone());
                (scan.links, scan.first_paragraph)
            }
            Body::Plain(_) => (
                Vec::new(),
                crate::render::markdown::first_paragraph_text(self, usize::MAX),
            ),
        };
        self.derive_with(links, first_paragraph);
    }

    /// `derive`, given the internal links and the first paragraph's text.
    fn derive_with(&mut self, links: Vec<(String, usize)>, first_paragraph: String) {
        self.links = links;
        self.date_view = self.date.as_ref().map(crate::render::views::DateView::from);
        self.anchors = crate::graph::quote_anchors(self);
        self.listing_summary = match &self.summary {
            Some(summary) => summary.trim().to_string(),
            None => crate::render::markdown::truncate_words(
                first_paragraph.trim(),
                crate::render::SUMMARY_CHARS,
            ),
        };
        self.quote_texts = self
            .quotes
            .iter()
            .map(|q| crate::render::data::quote_text(self, q))
            .collect();
        self.speaker_keys = self
            .quotes
            .iter()
            .map(|q| {
                q.speaker
                    .as_deref()
                    .map(crate::graph::speakers::name_key)
                    .unwrap_or_default()
            })
            .collect();
        self.facts = crate::render::inputs::article_facts(self);
        self.fingerprint = crate::render::inputs::article_fingerprint(self);
    }

    /// Finds the article's quotations and applies the editor's annotations; returns the
    /// annotations that matched nothing.
    pub fn extract_quotes(&self) -> (Vec<Quote>, Vec<Unmatched>) {
        self.extract_quotes_in(&self.prose_blocks())
    }

    /// `extract_quotes` in the given prose blocks (`prose_blocks`).
    fn extract_quotes_in(&self, blocks: &[crate::quotes::Block]) -> (Vec<Quote>, Vec<Unmatched>) {
        let inline = match &self.body {
            Body::Markdown(body) => annotations::find_inline(&self.text, body.clone()),
            Body::Plain(_) => Vec::new(),
        };
        self.extract_quotes_with(blocks, &inline)
    }

    /// `extract_quotes_in`, given the body's inline annotations.
    fn extract_quotes_with(
        &self,
        blocks: &[crate::quotes::Block],
        inline: &[annotations::InlineAnnotation],
    ) -> (Vec<Quote>, Vec<Unmatched>) {
        match &self.body {
            Body::Markdown(body) => {
                let blanked = annotations::blank(&self.text, inline);
                let mut found = quotes::extract(&blanked, blocks);
                let unmatched = annotations::apply(
                    &blanked,
                    body.clone(),
                    &mut found,
                    inline,
                    &self.quote_notes,
                );
                (found, unmatched)
            }
            Body::Plain(paragraphs) => {
                let mut found = quotes::extract(&self.text, blocks);
                let body = paragraphs.first().map_or(0, |p| p.start)..self.text.len();
                let unmatched =
                    annotations::apply(&self.text, body, &mut found, &[], &self.quote_notes);
                (found, unmatched)
            }
        }
    }

    /// The stretches of prose to search for quotations, as ranges of `text`: for a raw article
    /// the headline, dek and paragraphs; for Markdown every paragraph, heading and table cell.
    pub fn prose_blocks(&self) -> Vec<crate::quotes::Block> {
        use crate::quotes::Block;
        match &self.body {
            Body::Plain(paragraphs) => {
                let mut blocks = Vec::with_capacity(paragraphs.len() + 2);
                if let Some(raw) = rawtext::parse(&self.text) {
                    blocks.push(Block {
                        range: raw.headline,
                        headline: true,
                    });
                    blocks.extend(raw.dek.map(Block::paragraph));
                }
                blocks.extend(paragraphs.iter().cloned().map(Block::paragraph));
                blocks
            }
            Body::Markdown(body) => scan_markdown(&self.text, body.clone()).blocks,
        }
    }
}

impl Article {
    /// Links to other content by source path (`[text](@/articles/x.md)`), with their offsets.
    pub fn internal_links(&self) -> Vec<(String, usize)> {
        match &self.body {
            Body::Markdown(body) => scan_markdown(&self.text, body.clone()).links,
            Body::Plain(_) => Vec::new(),
        }
    }

    /// The path an internal link names this article by: `articles/x.md` (relative to content/).
    pub fn source_key(&self) -> String {
        let relative = self.path.strip_prefix(CONTENT_DIR).unwrap_or(&self.path);
        relative.to_string_lossy().replace('\\', "/")
    }
}

/// What the extract phase reads from a Markdown body, in one parse.
pub(crate) struct MarkdownScan {
    /// The blocks that hold prose (paragraphs, headings, table cells), as ranges of the text.
    pub blocks: Vec<crate::quotes::Block>,
    /// Links by source path (`@/articles/x.md`), with their offsets.
    pub links: Vec<(String, usize)>,
    /// The text of the first paragraph that has any, untrimmed and uncut.
    pub first_paragraph: String,
}

/// Reads the prose blocks, internal links and first paragraph of the Markdown `body` of `text`.
pub(crate) fn scan_markdown(text: &str, body: Range<usize>) -> MarkdownScan {
    let offset = body.start;
    let parser = pulldown_cmark::Parser::new_ext(&text[body], crate::render::markdown::options());
    scan_events(parser.into_offset_iter(), offset)
}

/// `scan_markdown` of the parsed events of a body that starts at `offset` of its text.
fn scan_events<'a>(
    events: impl IntoIterator<
        Item = impl std::borrow::Borrow<(pulldown_cmark::Event<'a>, Range<usize>)>,
    >,
    offset: usize,
) -> MarkdownScan {
    use pulldown_cmark::{Event, Tag, TagEnd};
    let mut scan = MarkdownScan {
        blocks: Vec::new(),
        links: Vec::new(),
        first_paragraph: String::new(),
    };
    let (mut in_paragraph, mut first_done) = (false, false);
    for item in events {
        let (event, range) = item.borrow();
        match event {
            Event::Start(tag) => {
                match tag {
                    Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell => scan.blocks.push(
                        crate::quotes::Block::paragraph(range.start + offset..range.end + offset),
                    ),
                    Tag::Link { dest_url, .. } if dest_url.starts_with("@/") => {
                        scan.links
                            .push((dest_url.to_string(), range.start + offset));
                    }
                    _ => {}
                }
                if matches!(tag, Tag::Paragraph) && !first_done {
                    in_paragraph = true;
                }
            }
            Event::End(TagEnd::Paragraph) if in_paragraph => {
                in_paragraph = false;
                first_done = !scan.first_paragraph.trim().is_empty();
            }
            Event::Text(t) | Event::Code(t) if in_paragraph => scan.first_paragraph.push_str(t),
            Event::SoftBreak | Event::HardBreak if in_paragraph => scan.first_paragraph.push(' '),
            _ => {}
        }
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_markdown_scan_finds_prose_links_and_the_first_paragraph() {
        let text = "+++\ntitle = \"T\"\n+++\n# Head\n\n> *x* `code`\nline [a](@/articles/b.md)\n\n| a |\n|---|\n| “cell” |\n\nLast [c](@/x.md#y).\n";
        let body = text.find("# Head").unwrap()..text.len();
        let scan = scan_markdown(text, body.clone());
        let blocks: Vec<&str> = scan.blocks.iter().map(|b| &text[b.range.clone()]).collect();
        assert_eq!(
            blocks,
            [
                "# Head\n",
                "*x* `code`\nline [a](@/articles/b.md)\n",
                " a ",
                " “cell” ",
                "Last [c](@/x.md#y).\n"
            ]
        );
        let article = Article {
            text: text.to_string(),
            body: Body::Markdown(body),
            ..Article::default()
        };
        assert_eq!(scan.links, article.internal_links());
        assert_eq!(scan.links.len(), 2);
        assert_eq!(
            scan.first_paragraph.trim(),
            crate::render::markdown::first_paragraph_text(&article, usize::MAX)
        );
        assert_eq!(scan.first_paragraph.trim(), "x code line a");
    }

    #[test]
    fn markdown_article_reads_front_matter() {
        let text = "+++\ntitle = \"Hello\"\ndate = 2022-02-01\ntopics = [\"Europe\", \" europe \", \"War\"]\n[source]\nname = \"CNN\"\n+++\nBody *text*\n";
        let parsed = parse_markdown(Path::new("content/articles/hello-world.md"), text.into());
        assert!(parsed.diagnostics.is_empty());
        let a = parsed.article.unwrap();
        assert_eq!(a.slug, "hello-world");
        assert_eq!(a.title, "Hello");
        assert_eq!(a.topics, ["Europe", "War"]);
        assert_eq!(a.source.unwrap().name.as_deref(), Some("CNN"));
        let Body::Markdown(body) = a.body else {
            panic!()
        };
        assert_eq!(&a.text[body], "Body *text*\n");
    }

    #[test]
    fn missing_title_and_bad_date_are_located() {
        let text = "+++\n# comment\ndate = \"2022-02-30\"\n+++\nBody\n";
        let parsed = parse_markdown(Path::new("a.md"), text.into());
        let lines: Vec<(usize, &str)> = parsed
            .diagnostics
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(lines[0].0, 3);
        assert!(lines[0].1.starts_with("bad date"));
        assert_eq!(lines[1], (1, "the article has no title"));
    }

    #[test]
    fn bad_slug_is_an_error_at_its_line() {
        let text = "---\ntitle: A\ndate: 2022-02-01\nslug: Not A Slug\n---\n";
        let parsed = parse_markdown(Path::new("a.md"), text.into());
        assert_eq!(parsed.diagnostics.len(), 1);
        assert_eq!(parsed.diagnostics[0].line, 4);
    }

    #[test]
    fn text_article_takes_headline_and_sidecar() {
        let parsed = parse_text(
            Path::new("content/articles/seed.txt"),
            "Headline here-\n\nPara one.\n".into(),
            Some((
                PathBuf::from("content/articles/seed.toml"),
                "date = 2022-02-01\n".into(),
            )),
        );
        assert!(parsed.diagnostics.is_empty());
        let a = parsed.article.unwrap();
        assert_eq!(a.title, "Headline here");
        assert_eq!(a.date.unwrap().iso_date(), "2022-02-01");
    }

    #[test]
    fn text_article_without_date_warns() {
        let parsed = parse_text(Path::new("a.txt"), "Headline\n\nPara.\n".into(), None);
        assert_eq!(parsed.diagnostics.len(), 1);
        assert!(!parsed.diagnostics[0].is_error());
        assert!(parsed.article.is_some());
    }

    /// The warnings `extract` gives, as `path:line:column`.
    fn unmatched_places(article: &mut Article) -> Vec<String> {
        article
            .extract()
            .iter()
            .map(|d| format!("{}:{}:{}", d.path.display(), d.line, d.column))
            .collect()
    }

    #[test]
    fn unmatched_quotes_entry_is_warned_at_its_own_line() {
        let text = "+++\ntitle = \"A\"\ndate = 2022-02-01\n\n[[quotes]]\ntext = \"we will win\"\nspeaker = \"Jane Doe\"\n\n[[quotes]]\ntext = \"nowhere in the text\"\n+++\n\nSmith said “we will win” today.\n";
        let parsed = parse_markdown(Path::new("content/articles/a.md"), text.into());
        let mut article = parsed.article.unwrap();
        assert_eq!(
            unmatched_places(&mut article),
            ["content/articles/a.md:9:1"]
        );

        let text = "---\ntitle: A\ndate: 2022-02-01\nquotes:\n  - text: we will win\n  - text: nowhere in the text\n---\n\nSmith said “we will win” today.\n";
        let parsed = parse_markdown(Path::new("a.md"), text.into());
        let mut article = parsed.article.unwrap();
        assert_eq!(unmatched_places(&mut article), ["a.md:6:3"]);
    }

    #[test]
    fn unmatched_quotes_entry_of_a_raw_article_is_warned_in_its_toml() {
        let parsed = parse_text(
            Path::new("content/articles/seed.txt"),
            "Headline\n\nSmith said “we will win” today.\n".into(),
            Some((
                PathBuf::from("content/articles/seed.toml"),
                "date = 2022-02-01\n\n[[quotes]]\ntext = \"nowhere\"\n".into(),
            )),
        );
        let mut article = parsed.article.unwrap();
        assert_eq!(
            unmatched_places(&mut article),
            ["content/articles/seed.toml:3:1"]
        );
    }

    #[test]
    fn editor_temp_files_are_ignored() {
        for name in [".a.md.swp", "a.md~", ".#a.md", "4913", "#a.md#"] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("a.md"));
    }
}

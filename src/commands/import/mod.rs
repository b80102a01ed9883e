//! `gazette import PATH...`: raw `.txt` articles and saved HTML pages become Markdown articles
//! with TOML front matter under `content/articles/`, their text kept as it was.

pub mod html;
pub mod markdown;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{CommandError, Written, require_site, toml_string, write_file};
use crate::content::date::PubDate;
use crate::content::frontmatter::{ARTICLE_FIELDS, ArticleFrontMatter};
use crate::content::{self, ARTICLES_DIR, CONTENT_DIR, rawtext};
use crate::error::Diagnostic;
use markdown::BlockKind;

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub root: PathBuf,
    /// Files and folders, as the user named them.
    pub paths: Vec<PathBuf>,
    /// The outlet's name for `[source]`, over what the files say.
    pub source: Option<String>,
    /// The publication date, over what the files say.
    pub date: Option<String>,
    pub force: bool,
}

/// What happened to one input file.
#[derive(Debug, Clone)]
pub enum ImportOutcome {
    /// Written (or already there, byte for byte); `to` is relative to the site root.
    Imported {
        from: PathBuf,
        to: PathBuf,
        written: Written,
    },
    /// Not an article file (a picture, the `.toml` read with its `.txt`): nothing to do.
    Skipped { from: PathBuf, reason: String },
    /// Something is in the way: a different file at the target, or the slug is taken.
    Refused {
        from: PathBuf,
        reason: String,
        hint: String,
    },
    /// The file could not be read as an article.
    Failed(Diagnostic),
}

#[derive(Debug, Default)]
pub struct ImportReport {
    pub outcomes: Vec<ImportOutcome>,
}

impl ImportReport {
    pub fn count(&self, pick: fn(&ImportOutcome) -> bool) -> usize {
        self.outcomes.iter().filter(|o| pick(o)).count()
    }
}

/// An article read from a file, before it is written as Markdown.
struct Converted {
    slug: String,
    title: String,
    dek: Option<String>,
    date: Option<String>,
    authors: Vec<String>,
    source_name: Option<String>,
    source_url: Option<String>,
    /// Every other front matter key from a `.txt` article's `.toml`, kept as written.
    extra: toml::Table,
    blocks: Vec<(BlockKind, String)>,
}

fn is_article_extension(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("txt" | "html" | "htm")
    )
}

/// A `.toml` lying beside a `.txt` of the same name is that article's front matter.
fn is_sidecar(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toml") && path.with_extension("txt").is_file()
}

/// The files to import, each with what to do about it: folders are walked (hidden and editor
/// files skipped); a file named on the command line that is no article is a failure.
fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, ImportOutcome>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let walker = WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !content::is_ignored_name(&e.file_name().to_string_lossy())
                });
            for entry in walker {
                match entry {
                    Ok(entry) if entry.file_type().is_file() => {
                        let file = entry.path().to_path_buf();
                        if is_article_extension(&file) {
                            files.push(Ok(file));
                        } else if is_sidecar(&file) {
                            files.push(Err(ImportOutcome::Skipped {
                                reason: format!(
                                    "read as the front matter of {}",
                                    file.with_extension("txt").display()
                                ),
                                from: file,
                            }));
                        } else {
                            files.push(Err(ImportOutcome::Skipped {
                                from: file,
                                reason: "not an article (only .txt and .html files are read)"
                                    .to_string(),
                            }));
                        }
                    }
                    Ok(_) => {}
                    Err(e) => {
                        let at = e.path().unwrap_or(path).to_path_buf();
                        files.push(Err(ImportOutcome::Failed(
                            Diagnostic::error(at, 1, 1, format!("cannot read: {e}"))
                                .with_hint("check the folder's permissions"),
                        )));
                    }
                }
            }
        } else if !path.exists() {
            files.push(Err(ImportOutcome::Failed(
                Diagnostic::error(path, 1, 1, "no such file or folder")
                    .with_hint("check the path; a folder imports every .txt and .html file in it"),
            )));
        } else if is_article_extension(path) {
            files.push(Ok(path.clone()));
        } else if is_sidecar(path) {
            files.push(Err(ImportOutcome::Skipped {
                reason: format!(
                    "read as the front matter of {}",
                    path.with_extension("txt").display()
                ),
                from: path.clone(),
            }));
        } else {
            files.push(Err(ImportOutcome::Failed(
                Diagnostic::error(path, 1, 1, "not an article file")
                    .with_hint("gazette import reads raw .txt articles and .html pages"),
            )));
        }
    }
    files
}

/// The file's text, or a located diagnostic when it is not UTF-8.
fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(path, 1, 1, format!("cannot read the file: {e}"))
            .with_hint("check that the file exists and that you may read it")
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.into_bytes()[..offset]).into_owned();
        Diagnostic::error_at(path, &text, offset, "the file is not valid UTF-8")
            .with_hint("convert it to UTF-8 first, e.g. iconv -f latin1 -t utf-8")
    })
}

fn from_text(path: &Path, text: &str) -> Result<Converted, Diagnostic> {
    let raw = rawtext::parse(text).ok_or_else(|| {
        Diagnostic::error(path, 1, 1, "the file holds no text")
            .with_hint("a raw article starts with its headline on the first line")
    })?;
    if raw.paragraphs.is_empty() {
        return Err(
            Diagnostic::error(path, 1, 1, "the article has a headline but no paragraphs")
                .with_hint(
                    "a raw article is a headline line, then paragraphs separated by blank lines",
                ),
        );
    }
    let meta_path = path.with_extension("toml");
    let mut extra = toml::Table::new();
    let mut fm = ArticleFrontMatter::default();
    if meta_path.is_file() {
        let meta = read_text(&meta_path)?;
        fm = toml::from_str(&meta).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            Diagnostic::error_at(&meta_path, &meta, offset, e.message().trim().to_string())
                .with_hint(format!(
                    "the .toml beside a .txt article holds its front matter: {ARTICLE_FIELDS}"
                ))
        })?;
        // Valid (checked above) so this parse succeeds; the keys are carried over as written.
        extra = toml::from_str(&meta).unwrap_or_default();
    }
    let slug = fm
        .slug
        .clone()
        .unwrap_or_else(|| content::slug_from_path(path));
    for key in ["title", "dek", "date", "slug", "authors", "source"] {
        extra.remove(key);
    }
    Ok(Converted {
        slug,
        title: fm
            .title
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| text[raw.headline.clone()].trim().to_string()),
        dek: fm
            .dek
            .or_else(|| raw.dek.map(|r| text[r].trim().to_string())),
        date: fm.date.map(|d| d.0),
        authors: fm.authors,
        source_name: fm.source.as_ref().and_then(|s| s.name.clone()),
        source_url: fm.source.and_then(|s| s.url),
        extra,
        blocks: raw
            .paragraphs
            .into_iter()
            .map(|r| (BlockKind::Paragraph, text[r].to_string()))
            .collect(),
    })
}

/// Saved pages are often `index.html` or an id: a generic name gives way to the headline.
fn html_slug(path: &Path, title: &str) -> String {
    let stem = content::slug_from_path(path);
    if stem.is_empty() || stem == "index" || stem.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
        slug::slugify(title)
    } else {
        stem
    }
}

fn from_html(path: &Path, text: &str) -> Result<Converted, Diagnostic> {
    let article = html::extract(text).map_err(|why| {
        Diagnostic::error(path, 1, 1, format!("not an article: {why}"))
            .with_hint("gazette import reads a saved article page; index and section pages hold no single article")
    })?;
    Ok(Converted {
        slug: html_slug(path, &article.title),
        title: article.title,
        dek: None,
        date: article.published,
        authors: article.authors,
        source_name: article.site_name,
        source_url: article.url,
        extra: toml::Table::new(),
        blocks: article.blocks,
    })
}

/// `2022-02-01` or `2022-02-01T10:00:00Z`, as TOML writes a date; `None` when it is not one.
fn normalise_date(text: &str) -> Option<String> {
    let date = PubDate::parse(text)
        .or_else(|_| PubDate::parse(text.get(..10).unwrap_or(text)))
        .ok()?;
    Some(if date.has_time && text.len() > 10 {
        date.rfc3339()
    } else {
        date.iso_date()
    })
}

fn to_markdown(path: &Path, article: &Converted, date: &str) -> Result<String, Diagnostic> {
    let mut out = String::from("+++\n");
    out.push_str(&format!("title = {}\n", toml_string(&article.title)));
    if let Some(dek) = &article.dek {
        out.push_str(&format!("dek = {}\n", toml_string(dek)));
    }
    out.push_str(&format!("date = {date}\n"));
    if !article.authors.is_empty() {
        let authors = toml::Value::Array(
            article
                .authors
                .iter()
                .cloned()
                .map(toml::Value::String)
                .collect(),
        );
        out.push_str(&format!("authors = {authors}\n"));
    }
    let (tables, values): (Vec<_>, Vec<_>) = article.extra.iter().partition(|(_, v)| {
        v.is_table()
            || v.as_array()
                .is_some_and(|a| a.iter().all(toml::Value::is_table) && !a.is_empty())
    });
    for (key, value) in values {
        out.push_str(&format!("{key} = {value}\n"));
    }
    let mut source = toml::Table::new();
    if let Some(name) = &article.source_name {
        source.insert("name".into(), toml::Value::String(name.clone()));
    }
    if let Some(url) = &article.source_url {
        source.insert("url".into(), toml::Value::String(url.clone()));
    }
    let mut trailing = toml::Table::new();
    if !source.is_empty() {
        trailing.insert("source".into(), toml::Value::Table(source));
    }
    for (key, value) in tables {
        trailing.insert(key.clone(), value.clone());
    }
    if !trailing.is_empty() {
        out.push('\n');
        out.push_str(&toml::to_string(&trailing).unwrap_or_default());
    }
    out.push_str("+++\n");
    for (kind, text) in &article.blocks {
        let block = markdown::block(*kind, text).ok_or_else(|| {
            Diagnostic::error(
                path,
                1,
                1,
                "this text cannot be written as Markdown exactly",
            )
            .with_hint("this is a bug in Gazette: please report it with the file attached")
        })?;
        out.push('\n');
        out.push_str(&block);
        out.push('\n');
    }
    Ok(out)
}

/// Imports every file; each gets an outcome, and one file's problem never stops the others.
pub fn import(options: &ImportOptions) -> Result<ImportReport, CommandError> {
    require_site(&options.root)?;
    let forced_date = match &options.date {
        Some(text) => Some(normalise_date(text).ok_or_else(|| {
            CommandError::refused(
                format!("bad --date `{text}`"),
                "dates look like 2022-02-01 or 2022-02-01T10:00:00Z",
            )
        })?),
        None => None,
    };
    let root = &options.root;
    // Slugs the site has already, so that an import never makes a duplicate.
    let files = content::find_articles(root).map_err(CommandError::Failed)?;
    let mut taken: HashMap<String, PathBuf> = content::parse_all(root, &files)
        .into_iter()
        .filter_map(|p| p.article)
        .map(|a| (a.slug, a.path))
        .collect();
    let mut report = ImportReport::default();
    for file in expand(&options.paths) {
        let path = match file {
            Ok(path) => path,
            Err(outcome) => {
                report.outcomes.push(outcome);
                continue;
            }
        };
        let outcome = import_one(root, &path, options, forced_date.as_deref(), &mut taken);
        report
            .outcomes
            .push(outcome.unwrap_or_else(ImportOutcome::Failed));
    }
    Ok(report)
}

fn import_one(
    root: &Path,
    path: &Path,
    options: &ImportOptions,
    forced_date: Option<&str>,
    taken: &mut HashMap<String, PathBuf>,
) -> Result<ImportOutcome, Diagnostic> {
    let text = read_text(path)?;
    let is_text = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
    let mut article = if is_text {
        from_text(path, &text)?
    } else {
        from_html(path, &text)?
    };
    if let Some(name) = &options.source {
        article.source_name = Some(name.clone());
    }
    let date = match forced_date {
        Some(date) => date.to_string(),
        None => article.date.as_deref().and_then(normalise_date).ok_or_else(|| {
            Diagnostic::error(path, 1, 1, "no publication date found in the file")
                .with_hint("give one with --date 2022-02-01 (a .txt article can also have it in the .toml beside it)")
        })?,
    };
    if article.slug.is_empty() {
        return Err(Diagnostic::error(
            path,
            1,
            1,
            "no slug can be made from the file name or headline",
        )
        .with_hint("rename the file to the slug you want, e.g. council-vote.txt"));
    }
    let to = PathBuf::from(CONTENT_DIR)
        .join(ARTICLES_DIR)
        .join(format!("{}.md", article.slug));
    if let Some(owner) = taken.get(&article.slug).filter(|owner| **owner != to) {
        return Ok(ImportOutcome::Refused {
            from: path.to_path_buf(),
            reason: format!(
                "the slug `{}` is taken by {}",
                article.slug,
                owner.display()
            ),
            hint: "rename the file you import, or remove the other article".to_string(),
        });
    }
    let markdown = to_markdown(path, &article, &date)?;
    let written = write_file(&root.join(&to), &markdown, options.force).map_err(|e| {
        Diagnostic::error(&to, 1, 1, format!("cannot write: {e}"))
            .with_hint("check that content/articles/ is a folder you may write to")
    })?;
    let Some(written) = written else {
        return Ok(ImportOutcome::Refused {
            from: path.to_path_buf(),
            reason: format!("{} already exists and differs", to.display()),
            hint: "pass --force to replace it".to_string(),
        });
    };
    taken.insert(article.slug.clone(), to.clone());
    Ok(ImportOutcome::Imported {
        from: path.to_path_buf(),
        to,
        written,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_normalised_or_refused() {
        assert_eq!(normalise_date("2022-02-01").as_deref(), Some("2022-02-01"));
        assert_eq!(
            normalise_date("2022-02-01T10:00:00.000+02:00").as_deref(),
            Some("2022-02-01T10:00:00+02:00")
        );
        assert_eq!(
            normalise_date("2022-02-01T10:00:00Z").as_deref(),
            Some("2022-02-01T10:00:00Z")
        );
        assert_eq!(normalise_date("1 February"), None);
    }

    #[test]
    fn generic_page_names_give_way_to_the_headline() {
        assert_eq!(
            html_slug(Path::new("a/index.html"), "Council votes"),
            "council-votes"
        );
        assert_eq!(
            html_slug(Path::new("a/12345.html"), "Council votes"),
            "council-votes"
        );
        assert_eq!(
            html_slug(Path::new("a/bridge-vote.html"), "Council votes"),
            "bridge-vote"
        );
    }
}

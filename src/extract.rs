//! `gazette quotes`: the quotations found in article files, for people and for scripts.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::content::{self, ArticleFile};
use crate::error::Diagnostic;
use crate::quotes::{self, Quote};

/// The quotations of one article file.
pub struct FileQuotes {
    /// The path as given.
    pub path: PathBuf,
    pub text: String,
    pub quotes: Vec<Quote>,
}

/// Reads an article file (.md, or .txt with an optional .toml beside it) and extracts its quotes.
pub fn quotes_in_file(path: &Path) -> Result<FileQuotes, Diagnostic> {
    let file = match path.extension().and_then(|e| e.to_str()) {
        Some("txt") => {
            let meta = path.with_extension("toml");
            ArticleFile::Text {
                text: path.to_path_buf(),
                meta: meta.is_file().then_some(meta),
            }
        }
        Some("md" | "markdown") => ArticleFile::Markdown(path.to_path_buf()),
        _ => {
            return Err(Diagnostic::error(path, 1, 1, "not an article file")
                .with_hint("give .md (Markdown with front matter) or .txt (raw text) files"));
        }
    };
    if !path.is_file() {
        return Err(Diagnostic::error(path, 1, 1, "no such file")
            .with_hint("check the path; it is read relative to the current folder"));
    }
    let parsed = content::parse_file(Path::new(""), &file);
    let Some(article) = parsed.article else {
        return Err(parsed
            .diagnostics
            .into_iter()
            .find(Diagnostic::is_error)
            .unwrap_or_else(|| Diagnostic::error(path, 1, 1, "the article could not be read")));
    };
    let (quotes, _unmatched) = article.extract_quotes();
    Ok(FileQuotes {
        path: path.to_path_buf(),
        text: article.text,
        quotes,
    })
}

#[derive(Serialize)]
struct JsonQuote<'a> {
    text: &'a str,
    speaker: Option<&'a str>,
    start: usize,
    end: usize,
    kind: quotes::QuoteKind,
    confidence: f32,
}

#[derive(Serialize)]
struct JsonArticle<'a> {
    path: String,
    quotes: Vec<JsonQuote<'a>>,
}

#[derive(Serialize)]
struct JsonOutput<'a> {
    articles: Vec<JsonArticle<'a>>,
}

/// `{"articles":[{"path":…,"quotes":[{"text","speaker","start","end","kind","confidence"}]}]}`
pub fn to_json(files: &[FileQuotes]) -> String {
    let output = JsonOutput {
        articles: files
            .iter()
            .map(|f| JsonArticle {
                path: f.path.to_string_lossy().into_owned(),
                quotes: f
                    .quotes
                    .iter()
                    .map(|q| JsonQuote {
                        text: &f.text[q.content.clone()],
                        speaker: q.speaker.as_deref(),
                        start: q.content.start,
                        end: q.content.end,
                        kind: q.kind,
                        confidence: q.confidence,
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_string(&output).unwrap_or_else(|_| "{\"articles\":[]}".to_string())
}

/// A readable table: one line per quotation with its place, speaker and words.
pub fn to_table(files: &[FileQuotes]) -> String {
    let mut out = String::new();
    for f in files {
        out.push_str(&format!(
            "{} — {} quotes\n",
            f.path.display(),
            f.quotes.len()
        ));
        for q in &f.quotes {
            let (line, column) = crate::error::line_col(&f.text, q.content.start);
            let words: String = f.text[q.content.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let shown: String = if words.chars().count() > 70 {
                format!("{}…", words.chars().take(69).collect::<String>())
            } else {
                words
            };
            out.push_str(&format!(
                "  {:>4}:{:<3} {:<28} {:<12} {:>4.2}  “{}”\n",
                line,
                column,
                q.speaker.as_deref().unwrap_or("(unknown)"),
                format!("{:?}", q.kind).to_lowercase(),
                q.confidence,
                shown
            ));
        }
    }
    out
}

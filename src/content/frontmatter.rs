//! Front matter: split it from the body and deserialize it, keeping file offsets for errors.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::error::Diagnostic;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterFormat {
    Toml,
    Yaml,
}

/// A document cut into its front matter and body, both as byte ranges of the file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub format: FrontMatterFormat,
    /// The front matter between the fences.
    pub front_matter: Range<usize>,
    /// Everything after the closing fence's line.
    pub body: Range<usize>,
}

/// Finds `+++`/`---` fences at the top of a file. `Ok(None)`: the file has no front matter;
/// `Err(offset)`: an opening fence with no closing one.
pub fn split(text: &str) -> Result<Option<Split>, usize> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_line_end = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    let fence = text[start..first_line_end].trim_end();
    let format = match fence {
        "+++" => FrontMatterFormat::Toml,
        "---" => FrontMatterFormat::Yaml,
        _ => return Ok(None),
    };
    let mut line_start = first_line_end;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i + 1);
        if text[line_start..line_end].trim_end() == fence {
            return Ok(Some(Split {
                format,
                front_matter: first_line_end..line_start,
                body: line_end..text.len(),
            }));
        }
        line_start = line_end;
    }
    Err(start)
}

/// Deserializes front matter; an error is located in the whole file (`text`), not the block.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str, split: &Split) -> Result<T, Diagnostic> {
    let block = &text[split.front_matter.clone()];
    match split.format {
        FrontMatterFormat::Toml => toml::from_str(block).map_err(|e| {
            let offset = split.front_matter.start + e.span().map_or(0, |s| s.start);
            let message = e.message().trim().to_string();
            let hint = field_hint(&message, FrontMatterFormat::Toml);
            Diagnostic::error_at(path, text, offset, message).with_hint(hint)
        }),
        FrontMatterFormat::Yaml => {
            // An empty YAML block is a null document: read it as an empty mapping.
            let block = if block.trim().is_empty() { "{}" } else { block };
            serde_saphyr::from_str(block).map_err(|e| {
                let message = yaml_message(&e);
                let hint = field_hint(&message, FrontMatterFormat::Yaml);
                let offset = e.location().map_or(0, |l| {
                    yaml_offset(block, l.line() as usize, l.column() as usize)
                });
                Diagnostic::error_at(path, text, split.front_matter.start + offset, message)
                    .with_hint(hint)
            })
        }
    }
}

/// The byte offset in `block` of a YAML line and column (1-based), counted as the YAML parser
/// counts them: a lone `\r` breaks a line too, where the file's lines break at `\n` only.
fn yaml_offset(block: &str, line: usize, column: usize) -> usize {
    let mut at = 0;
    let mut rest = line.saturating_sub(1);
    let bytes = block.as_bytes();
    while rest > 0 && at < bytes.len() {
        if bytes[at] == b'\n' || (bytes[at] == b'\r' && bytes.get(at + 1) != Some(&b'\n')) {
            rest -= 1;
        }
        at += 1;
    }
    let line_end = block[at..]
        .find(['\n', '\r'])
        .map_or(block.len(), |end| at + end);
    block[at..line_end]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_end, |(i, _)| at + i)
}

/// The first line of a YAML error without the snippet the library draws under it.
fn yaml_message(e: &serde_saphyr::Error) -> String {
    let full = e.without_snippet().to_string();
    let first = full.lines().next().unwrap_or("invalid YAML").trim();
    // saphyr appends " at line L column C": our prefix already says where.
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

pub const ARTICLE_FIELDS: &str =
    "title, date, updated, slug, dek, source, authors, topics, summary, draft, credit, quotes";

fn field_hint(message: &str, format: FrontMatterFormat) -> String {
    let toml = format == FrontMatterFormat::Toml;
    if message.contains("unknown field") && message.contains("`name`, `url`") {
        "source has two fields: name and url".to_string()
    } else if message.contains("unknown field") {
        format!("front matter fields are: {ARTICLE_FIELDS}")
    } else if message.contains("sequence") {
        if toml {
            "lists are written in brackets: topics = [\"Politics\", \"Europe\"]".to_string()
        } else {
            "lists are written in brackets: topics: [Politics, Europe]".to_string()
        }
    } else if message.contains("struct Source") || message.contains("map") {
        if toml {
            "source is a table: source = { name = \"CNN\", url = \"https://cnn.com/...\" }"
                .to_string()
        } else {
            "source is a mapping: source: { name: CNN, url: \"https://cnn.com/...\" }".to_string()
        }
    } else if message.contains("boolean") || message.contains("bool") {
        "draft is true or false, without quotes".to_string()
    } else if toml {
        "front matter between +++ fences is TOML: key = \"value\"".to_string()
    } else {
        "front matter between --- fences is YAML: key: value".to_string()
    }
}

/// 1-based line and column of `key` (TOML `key =` or YAML `key:`) at the start of a line.
pub fn locate_key(text: &str, key: &str) -> Option<(usize, usize)> {
    let mut line_no = 0;
    for line in text.lines() {
        line_no += 1;
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key) {
            let rest = rest.trim_start();
            if rest.starts_with('=') || rest.starts_with(':') {
                let column = line.len() - trimmed.len() + 1;
                return Some((line_no, column));
            }
        }
    }
    None
}

/// The 1-based line and column, in `block`, of each `quotes` entry in order: the TOML
/// `[[quotes]]` headers, or the items of a YAML `quotes:` block list. Entries written inline
/// (`quotes = [{…}]`, `quotes: [{…}]`) are not found: the caller falls back to the key.
pub fn quote_entries(block: &str, format: FrontMatterFormat) -> Vec<(usize, usize)> {
    let mut entries = Vec::new();
    match format {
        FrontMatterFormat::Toml => {
            for (n, line) in block.lines().enumerate() {
                let trimmed = line.trim_start();
                let name = trimmed
                    .strip_prefix("[[")
                    .and_then(|rest| rest.split_once("]]"))
                    .map(|(name, _)| name.trim());
                if name == Some("quotes") {
                    entries.push((n + 1, line.len() - trimmed.len() + 1));
                }
            }
        }
        FrontMatterFormat::Yaml => {
            let mut lines = block.lines().enumerate();
            // The top-level `quotes:` key, with nothing after it but a comment.
            let found = lines.by_ref().any(|(_, line)| {
                line.strip_prefix("quotes")
                    .and_then(|rest| rest.trim_start().strip_prefix(':'))
                    .is_some_and(|rest| rest.trim().is_empty() || rest.trim().starts_with('#'))
            });
            if !found {
                return entries;
            }
            let mut item_indent = None;
            for (n, line) in lines {
                let trimmed = line.trim_start();
                if trimmed.is_empty() || trimmed.starts_with('#') {
                    continue;
                }
                let indent = line.len() - trimmed.len();
                let is_item = trimmed == "-" || trimmed.starts_with("- ");
                if indent == 0 && !is_item {
                    break;
                }
                if is_item && *item_indent.get_or_insert(indent) == indent {
                    entries.push((n + 1, indent + 1));
                }
            }
        }
    }
    entries
}

/// Gives each `[[quotes]]` note the line and column of its entry in the file, whose front
/// matter `block` starts after `line_offset` lines; when the entries cannot be told apart
/// (written inline), every note points at the `quotes` key.
pub fn locate_quote_notes(
    notes: &mut [crate::quotes::annotations::QuoteNote],
    block: &str,
    format: FrontMatterFormat,
    line_offset: usize,
) {
    let mut entries = quote_entries(block, format);
    // A count that differs means a header was miscounted (one inside a multi-line string).
    if entries.len() != notes.len() {
        entries.clear();
    }
    let key = locate_key(block, "quotes");
    for (i, note) in notes.iter_mut().enumerate() {
        let at = entries.get(i).copied().or(key);
        note.at = at.map(|(line, column)| (line + line_offset, column));
    }
}

/// Where an article came from: the outlet and the original URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// A date as written: a TOML datetime or a string, checked later so that errors can name the field.
#[derive(Debug, Clone, PartialEq)]
pub struct DateText(pub String);

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Toml(toml::value::Datetime),
            Text(String),
        }
        match Raw::deserialize(deserializer) {
            Ok(Raw::Toml(datetime)) => Ok(DateText(datetime.to_string())),
            Ok(Raw::Text(text)) => Ok(DateText(text)),
            Err(_) => Err(serde::de::Error::custom(
                "invalid date: expected a date such as 2022-02-01 or 2022-02-01T10:00:00Z",
            )),
        }
    }
}

/// The front matter of an article (or the `.toml` beside a raw `.txt` article).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleFrontMatter {
    pub title: Option<String>,
    /// The standfirst under the headline; a raw article's second line gives it too.
    pub dek: Option<String>,
    pub date: Option<DateText>,
    pub updated: Option<DateText>,
    pub slug: Option<String>,
    pub source: Option<Source>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    pub summary: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// Licence or credit line shown on the page, e.g. "Wikinews, CC BY 2.5".
    pub credit: Option<String>,
    /// The editor's corrections to quote detection (`[[quotes]]` tables).
    #[serde(default)]
    pub quotes: Vec<crate::quotes::annotations::QuoteNote>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_toml_and_yaml() {
        let text = "+++\ntitle = \"A\"\n+++\nBody\n";
        let s = split(text).unwrap().unwrap();
        assert_eq!(s.format, FrontMatterFormat::Toml);
        assert_eq!(&text[s.front_matter.clone()], "title = \"A\"\n");
        assert_eq!(&text[s.body.clone()], "Body\n");

        let text = "---\r\ntitle: A\r\n---\r\nBody";
        let s = split(text).unwrap().unwrap();
        assert_eq!(s.format, FrontMatterFormat::Yaml);
        assert_eq!(&text[s.body.clone()], "Body");
        assert_eq!(split("No front matter\n+++\n"), Ok(None));
        assert_eq!(split("+++\ntitle = 1\n"), Err(0));
    }

    #[test]
    fn toml_errors_point_into_the_file() {
        let text = "+++\ntitle = \"A\"\ndate = 2022-02-01\ntopcs = [\"x\"]\n+++\n";
        let s = split(text).unwrap().unwrap();
        let err = parse::<ArticleFrontMatter>(Path::new("a.md"), text, &s).unwrap_err();
        assert_eq!((err.line, err.column), (4, 1));
        assert!(
            err.message.contains("unknown field `topcs`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let text = "---\ntitle: A\ntopics: 3\n---\n";
        let s = split(text).unwrap().unwrap();
        let err = parse::<ArticleFrontMatter>(Path::new("a.md"), text, &s).unwrap_err();
        assert_eq!(err.line, 3, "{err}");
    }

    /// Found by the `front_matter` fuzz target: saphyr counts a lone `\r` as a line break, so
    /// its line numbers ran past the end of the file.
    #[test]
    fn yaml_errors_after_a_lone_carriage_return_stay_in_the_file() {
        let text = "---\n\r\t\t\t\t\0\n---\n";
        let s = split(text).unwrap().unwrap();
        let err = parse::<ArticleFrontMatter>(Path::new("a.md"), text, &s).unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.column <= 7, "{err}");
        let text = "---\ntitle: A\r\ntopics: 3\r\n---\r\n";
        let s = split(text).unwrap().unwrap();
        let err = parse::<ArticleFrontMatter>(Path::new("a.md"), text, &s).unwrap_err();
        assert_eq!(err.line, 3, "{err}");
    }

    #[test]
    fn dates_come_from_toml_datetimes_and_strings() {
        let text =
            "+++\ntitle = \"A\"\ndate = 2022-02-01T10:00:00+02:00\nupdated = \"2022-02-03\"\n+++\n";
        let s = split(text).unwrap().unwrap();
        let fm: ArticleFrontMatter = parse(Path::new("a.md"), text, &s).unwrap();
        assert_eq!(fm.date, Some(DateText("2022-02-01T10:00:00+02:00".into())));
        assert_eq!(fm.updated, Some(DateText("2022-02-03".into())));
    }

    #[test]
    fn quote_entries_are_found_in_toml_and_yaml() {
        let toml = "title = \"A\"\n[[quotes]]\ntext = \"a\"\n\n  [[ quotes ]] # two\ntext = \"b\"\n[source]\n";
        assert_eq!(
            quote_entries(toml, FrontMatterFormat::Toml),
            [(2, 1), (5, 3)]
        );
        let yaml =
            "title: A\nquotes:\n  - text: a\n    pull: true\n  # note\n  - text: b\ntopics: [x]\n";
        assert_eq!(
            quote_entries(yaml, FrontMatterFormat::Yaml),
            [(3, 3), (6, 3)]
        );
        let yaml = "quotes:\n- text: a\n- text: b\n";
        assert_eq!(
            quote_entries(yaml, FrontMatterFormat::Yaml),
            [(2, 1), (3, 1)]
        );
        assert!(quote_entries("quotes: [{text: a}]\n", FrontMatterFormat::Yaml).is_empty());
    }

    #[test]
    fn quote_notes_written_inline_point_at_the_key() {
        let block = "title = \"A\"\nquotes = [{ text = \"a\" }, { text = \"b\" }]\n";
        let mut notes = vec![Default::default(), Default::default()];
        locate_quote_notes(&mut notes, block, FrontMatterFormat::Toml, 1);
        assert_eq!(notes[0].at, Some((3, 1)));
        assert_eq!(notes[1].at, Some((3, 1)));
    }

    #[test]
    fn locate_key_finds_toml_and_yaml_keys() {
        assert_eq!(locate_key("a = 1\n  date = 2\n", "date"), Some((2, 3)));
        assert_eq!(locate_key("dates: 1\ndate: 2\n", "date"), Some((2, 1)));
        assert_eq!(locate_key("x = 1", "date"), None);
    }
}

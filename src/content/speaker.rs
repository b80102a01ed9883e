//! Speaker registry entries: `content/speakers/<slug>.md`, front matter plus a bio.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::frontmatter::{self, locate_key};
use crate::error::{Diagnostic, line_col};

pub const SPEAKERS_DIR: &str = "speakers";
pub const SPEAKER_FIELDS: &str = "name, aliases, role, organisation";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpeakerFrontMatter {
    name: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    role: Option<String>,
    #[serde(alias = "organization")]
    organisation: Option<String>,
}

/// A speaker as the editor describes them.
#[derive(Debug, Clone)]
pub struct SpeakerFile {
    /// Relative to the site root.
    pub path: PathBuf,
    pub slug: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub organisation: Option<String>,
    pub text: String,
    /// The bio, in Markdown.
    pub bio: Range<usize>,
    /// Line of each alias in the file, for messages.
    pub alias_lines: Vec<usize>,
}

/// Lists `content/speakers/*.md`.
pub fn find(root: &Path) -> Vec<PathBuf> {
    super::markdown_files(root, SPEAKERS_DIR)
}

/// Parses one speaker file; `shown` is its path as reported in messages.
pub fn parse(shown: &Path, text: String) -> Result<SpeakerFile, Vec<Diagnostic>> {
    let split = match frontmatter::split(&text) {
        Ok(Some(split)) => split,
        Ok(None) => {
            return Err(vec![
                Diagnostic::error(shown, 1, 1, "the speaker file has no front matter").with_hint(
                    "start it with +++\\nname = \"Vladimir Putin\"\\n+++ and the bio below",
                ),
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
    let fm: SpeakerFrontMatter = frontmatter::parse(shown, &text, &split).map_err(|mut d| {
        if d.message.contains("unknown field") {
            d.hint = Some(format!("speaker fields are: {SPEAKER_FIELDS}"));
        }
        vec![d]
    })?;
    let name = fm.name.unwrap_or_default().trim().to_string();
    if name.is_empty() {
        return Err(vec![
            Diagnostic::error(shown, 1, 1, "the speaker has no name")
                .with_hint("add name = \"Vladimir Putin\" to the front matter"),
        ]);
    }
    let block = &text[split.front_matter.clone()];
    let (fm_line, _) = line_col(&text, split.front_matter.start);
    let alias_line = locate_key(block, "aliases").map_or(1, |(l, _)| l + fm_line - 1);
    let alias_lines = vec![alias_line; fm.aliases.len()];
    Ok(SpeakerFile {
        path: shown.to_path_buf(),
        slug: super::slug_from_path(shown),
        name,
        aliases: fm
            .aliases
            .into_iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect(),
        role: fm.role,
        organisation: fm.organisation,
        bio: split.body.clone(),
        text,
        alias_lines,
    })
}

/// Reads and parses every speaker file; problems are collected.
pub fn load_all(root: &Path) -> (Vec<SpeakerFile>, Vec<Diagnostic>) {
    super::load_each(root, find(root), parse)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_name_aliases_and_bio() {
        let text = "+++\nname = \"Vladimir Putin\"\naliases = [\"Putin\", \"Mr Putin\"]\nrole = \"President of Russia\"\n+++\nBorn in 1952.\n";
        let s = parse(Path::new("content/speakers/vladimir-putin.md"), text.into()).unwrap();
        assert_eq!(s.slug, "vladimir-putin");
        assert_eq!(s.aliases, ["Putin", "Mr Putin"]);
        assert_eq!(&s.text[s.bio.clone()], "Born in 1952.\n");
        assert_eq!(s.alias_lines, [3, 3]);
    }

    #[test]
    fn unknown_field_and_missing_name_are_errors() {
        let err = parse(
            Path::new("s.md"),
            "+++\nname = \"A\"\nparty = \"X\"\n+++\n".into(),
        )
        .unwrap_err();
        assert_eq!(err[0].line, 3);
        assert!(err[0].hint.as_deref().unwrap().contains("aliases"));
        let err = parse(Path::new("s.md"), "+++\nrole = \"X\"\n+++\n".into()).unwrap_err();
        assert!(err[0].message.contains("no name"));
    }
}

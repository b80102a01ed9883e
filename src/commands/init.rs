//! `gazette init DIR`: a new site that builds at once, with a sample article, speaker and digest.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::{CommandError, Written, toml_string, write_file};
use crate::error::Error;

/// Entries that do not make a folder "in use": a fresh `git init`, a Finder leftover.
const IGNORED_ENTRIES: &[&str] = &[".git", ".DS_Store"];

pub const SAMPLE_ARTICLE_SLUG: &str = "riverside-footbridge";
pub const SAMPLE_SPEAKER_SLUG: &str = "amara-okafor";
pub const SAMPLE_DIGEST_SLUG: &str = "first-edition";

/// What `init` did to each file, in the order written.
#[derive(Debug)]
pub struct InitReport {
    pub root: PathBuf,
    /// Paths relative to the root.
    pub files: Vec<(PathBuf, Written)>,
}

/// The site's title from its folder's name: `riverside-news` → "Riverside News".
fn title_from_folder(dir: &Path) -> String {
    let name = std::fs::canonicalize(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let words: Vec<String> = name
        .split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect();
    if words.is_empty() {
        "The Gazette".to_string()
    } else {
        words.join(" ")
    }
}

/// The sample site's files, relative to its root.
pub fn sample_files(title: &str, today: Date) -> Vec<(&'static str, String)> {
    let date = today.to_string();
    let site = format!(
        r#"# The site's settings: every key is described in Gazette's README.
title = {title}
description = "Annotated news: every quote found, attributed and linked."
language = "en"
# base_url = "https://example.org/news/"   # where the site will be served; or build with --base-url
# author = "The newsroom"
# output_dir = "public"
# articles_per_page = 20
"#,
        title = toml_string(title)
    );
    let article = format!(
        r#"+++
title = "Riverside council approves the new footbridge"
date = {date}
dek = "A sample article: edit it, or delete it once you have your own."
authors = ["The newsroom"]
topics = ["Local", "Transport"]
summary = "The council voted to build a footbridge over the river, the first new crossing in forty years."

[source]
name = "Riverside Gazette"
+++

Riverside council voted on Tuesday to build a footbridge over the river, the town's first new
crossing in forty years.

“The bridge will join the two halves of Riverside for the first time in a generation,” said
Amara Okafor, the leader of the council. “We have listened to every resident who wrote to us,
and the design is better for it.”{{pull}}

Work is due to start in the spring. Okafor said the cost would be met from the transport budget
and that no other project would be delayed.

Not everyone is convinced. “I have waited my whole life to walk to the market, but I will believe
it when I see it,” said Tomás Reyes, 72, who has lived on the east bank since 1975.

Critics had called an earlier plan the “bridge to nowhere”{{-}}, because it ended in a car park.
"#
    );
    let speaker = r#"+++
name = "Amara Okafor"
aliases = ["Okafor", "Councillor Okafor"]
role = "Leader of Riverside Council"
+++
A sample speaker entry: every quote by "Amara Okafor", "Okafor" or "Councillor Okafor" is hers.
"#
    .to_string();
    let digest = format!(
        r#"+++
title = "First edition"
date = {date}
summary = "The sample digest: an edition with the editor's introduction and notes."
articles = ["{SAMPLE_ARTICLE_SLUG}"]

[notes]
{SAMPLE_ARTICLE_SLUG} = "The council leader's two quotes are the heart of it."
+++

Welcome to the first edition. A digest gathers articles with the editor's notes; list them by
slug, or select them by date and topic.
"#
    );
    vec![
        (crate::config::CONFIG_FILE, site),
        ("content/articles/riverside-footbridge.md", article),
        ("content/speakers/amara-okafor.md", speaker),
        ("content/digests/first-edition.md", digest),
    ]
}

/// Entries of `dir` that make it "not empty", sorted; a missing folder has none.
fn existing_entries(dir: &Path) -> Result<Vec<String>, Error> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !IGNORED_ENTRIES.contains(&n.as_str()))
        .collect();
    names.sort();
    Ok(names)
}

/// Creates a site in `dir`. A folder with anything in it is refused unless `force`; with
/// `force`, files of other names are left alone and a sample file of the same name replaced.
pub fn init(dir: &Path, force: bool, today: Date) -> Result<InitReport, CommandError> {
    if dir.exists() && !dir.is_dir() {
        return Err(CommandError::refused(
            format!("{} is a file, not a folder", dir.display()),
            "give the name of a new or empty folder: gazette init my-site",
        ));
    }
    let entries = existing_entries(dir)?;
    if !entries.is_empty() && !force {
        let shown: Vec<&str> = entries.iter().take(3).map(String::as_str).collect();
        let more = if entries.len() > 3 { ", …" } else { "" };
        return Err(CommandError::refused(
            format!(
                "{} is not empty (it holds {}{more})",
                dir.display(),
                shown.join(", ")
            ),
            "choose a new or empty folder, or pass --force to add the sample site to it \
             (other files are kept; a file with a sample file's name is replaced)",
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut files = Vec::new();
    for (relative, contents) in sample_files(&title_from_folder(dir), today) {
        let path = dir.join(relative);
        // `force` is given or the folder was empty, so a file in the way is always replaced.
        let written = write_file(&path, &contents, true)?.unwrap_or(Written::Replaced);
        files.push((PathBuf::from(relative), written));
    }
    Ok(InitReport {
        root: dir.to_path_buf(),
        files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_the_folder_name() {
        assert_eq!(
            title_from_folder(Path::new("/nowhere/riverside-news")),
            "Riverside News"
        );
        assert_eq!(title_from_folder(Path::new("")), "The Gazette");
    }

    #[test]
    fn sample_site_toml_escapes_the_title() {
        let files = sample_files("The \"Quoted\" News", jiff::civil::date(2024, 5, 1));
        let site: toml::Table = toml::from_str(&files[0].1).unwrap();
        assert_eq!(site["title"].as_str(), Some("The \"Quoted\" News"));
        assert!(files[1].1.contains("date = 2024-05-01"));
    }
}

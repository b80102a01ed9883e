//! `gazette new article|digest "Title"`: a file with its front matter filled in.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::{CommandError, Written, require_site, toml_string, write_file};
use crate::content::{self, ARTICLES_DIR, CONTENT_DIR, digest::DIGESTS_DIR};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    Article,
    Digest,
}

impl NewKind {
    fn noun(self) -> &'static str {
        match self {
            NewKind::Article => "article",
            NewKind::Digest => "digest",
        }
    }

    fn dir(self) -> &'static str {
        match self {
            NewKind::Article => ARTICLES_DIR,
            NewKind::Digest => DIGESTS_DIR,
        }
    }
}

/// What to make.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub kind: NewKind,
    pub title: String,
    /// Made from the title when not given.
    pub slug: Option<String>,
    pub date: Date,
    pub force: bool,
}

#[derive(Debug)]
pub struct NewReport {
    /// Relative to the site root.
    pub path: PathBuf,
    pub slug: String,
    pub written: Written,
}

fn article_text(title: &str, slug: &str, date: Date) -> String {
    format!(
        r#"+++
title = {title}
slug = "{slug}"
date = {date}
# dek = "The standfirst under the headline."
# summary = "One or two sentences for listings."
# authors = ["Your Name"]
# topics = ["Politics"]
# draft = true   # leave it out of the site until it is ready (build --drafts shows it)

# [source]
# name = "The outlet"
# url = "https://example.org/the-original"
+++

Write the article here, in Markdown. Every quotation in it is found and attributed to its
speaker; `gazette check` lists the ones it could not attribute.
"#,
        title = toml_string(title)
    )
}

fn digest_text(title: &str, date: Date) -> String {
    let week_before = date.checked_sub(jiff::Span::new().days(6)).unwrap_or(date);
    format!(
        r#"+++
title = {title}
date = {date}
# summary = "One line for the digests index and the home page."
# articles = ["an-article-slug", "another-one"]   # list articles in this order, or select them:

[select]
from = {week_before}
to = {date}
# topics = ["Politics"]
# limit = 10

# [notes]
# an-article-slug = "The editor's note on this article."
+++

The editor's introduction to this edition, in Markdown.
"#,
        title = toml_string(title)
    )
}

/// The slug another article file already has, with that file, if any.
fn article_slug_owner(root: &Path, slug: &str, target: &Path) -> Option<PathBuf> {
    let files = content::find_articles(root).ok()?;
    content::parse_all(root, &files)
        .into_iter()
        .filter_map(|parsed| parsed.article)
        .find(|a| a.slug == slug && root.join(&a.path) != target)
        .map(|a| a.path)
}

/// Writes the new file; an existing one is replaced only with `force`.
pub fn new_file(root: &Path, request: &NewRequest) -> Result<NewReport, CommandError> {
    require_site(root)?;
    let title = request.title.trim();
    let noun = request.kind.noun();
    if title.is_empty() {
        return Err(CommandError::refused(
            format!("the {noun} needs a title"),
            format!("gazette new {noun} \"The headline\""),
        ));
    }
    let slug = match &request.slug {
        Some(slug) if content::is_valid_slug(slug) => slug.clone(),
        Some(slug) => {
            return Err(CommandError::refused(
                format!("bad slug `{slug}`"),
                "a slug is lowercase letters, digits and dashes: --slug council-vote",
            ));
        }
        None => slug::slugify(title),
    };
    if slug.is_empty() {
        return Err(CommandError::refused(
            format!("no slug can be made from the title `{title}`"),
            "give one with --slug, e.g. --slug council-vote",
        ));
    }
    let relative = PathBuf::from(CONTENT_DIR)
        .join(request.kind.dir())
        .join(format!("{slug}.md"));
    let path = root.join(&relative);
    if request.kind == NewKind::Article {
        if let Some(owner) = article_slug_owner(root, &slug, &path) {
            return Err(CommandError::refused(
                format!("the slug `{slug}` is taken by {}", owner.display()),
                "give the new article another one with --slug",
            ));
        }
    }
    let text = match request.kind {
        NewKind::Article => article_text(title, &slug, request.date),
        NewKind::Digest => digest_text(title, request.date),
    };
    match write_file(&path, &text, request.force)? {
        Some(written) => Ok(NewReport {
            path: relative,
            slug,
            written,
        }),
        None => Err(CommandError::refused(
            format!("{} already exists", relative.display()),
            "edit it, choose another title or --slug, or pass --force to replace it",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_files_parse_as_their_kind() {
        let date = jiff::civil::date(2024, 5, 1);
        let text = article_text("Council \"votes\"", "council-votes", date);
        let split = content::frontmatter::split(&text).unwrap().unwrap();
        let fm: content::frontmatter::ArticleFrontMatter =
            content::frontmatter::parse(Path::new("a.md"), &text, &split).unwrap();
        assert_eq!(fm.title.as_deref(), Some("Council \"votes\""));
        assert_eq!(fm.slug.as_deref(), Some("council-votes"));
        let digest = content::digest::parse(Path::new("d.md"), digest_text("Week", date)).unwrap();
        assert_eq!(digest.select_from.unwrap().iso_date(), "2024-04-25");
        assert_eq!(digest.date.unwrap().iso_date(), "2024-05-01");
    }
}

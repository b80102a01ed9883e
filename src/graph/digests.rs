//! Digests resolved against the site: the articles of each edition, in order.

use std::collections::{BTreeMap, HashSet};

use crate::content::Article;
use crate::content::digest::DigestFile;
use crate::error::Diagnostic;

use super::ArticleId;

#[derive(Debug, Clone)]
pub struct Digest {
    pub file: DigestFile,
    /// In the editor's order when listed; oldest first when selected.
    pub articles: Vec<ArticleId>,
}

/// Resolves every digest, newest first; an unknown slug is an error at the `articles` line.
pub fn resolve(
    files: Vec<DigestFile>,
    articles: &[std::sync::Arc<Article>],
    by_slug: &rustc_hash::FxHashMap<String, ArticleId>,
    article_topics: &[Vec<String>],
) -> Result<Vec<Digest>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut digests = Vec::with_capacity(files.len());
    // Each article's day, worked out once for all digests.
    let days: Vec<Option<jiff::civil::Date>> = articles
        .iter()
        .map(|a| a.date.map(|d| d.civil_date()))
        .collect();
    for file in files {
        let mut ids = Vec::new();
        let mut listed: HashSet<ArticleId> = HashSet::new();
        for slug in &file.articles {
            match by_slug.get(slug) {
                Some(&id) if listed.insert(id) => ids.push(id),
                Some(_) => {}
                None => problems.push(
                    Diagnostic::error(&file.path, file.articles_line, 1, format!("the digest lists `{slug}`, which is no article"))
                        .with_hint("articles are named by slug: the file name, or the slug in its front matter"),
                ),
            }
        }
        if let Some(select) = &file.select {
            let wanted: Vec<String> = select.topics.iter().map(slug::slugify).collect();
            let from = file.select_from.map(|d| d.civil_date());
            let to = file.select_to.map(|d| d.civil_date());
            // Articles are newest first: walk them backwards for an edition in time order.
            let mut picked: Vec<ArticleId> = (0..articles.len())
                .rev()
                .filter(|&id| {
                    let in_range = match (days[id], from, to) {
                        (None, None, None) => true,
                        (None, _, _) => false,
                        (Some(day), from, to) => {
                            from.is_none_or(|f| day >= f) && to.is_none_or(|t| day <= t)
                        }
                    };
                    in_range
                        && (wanted.is_empty()
                            || article_topics[id].iter().any(|t| wanted.contains(t)))
                })
                .filter(|id| !listed.contains(id))
                .collect();
            if let Some(limit) = select.limit {
                // The latest `limit` of them, still in time order.
                let skip = picked.len().saturating_sub(limit);
                picked.drain(..skip);
            }
            listed.extend(picked.iter().copied());
            ids.extend(picked);
        }
        for slug in file.notes.keys() {
            if !by_slug.get(slug).is_some_and(|id| listed.contains(id)) {
                problems.push(
                    Diagnostic::error(
                        &file.path,
                        file.notes_line,
                        1,
                        format!("a note is about `{slug}`, which is not in this digest"),
                    )
                    .with_hint("notes are keyed by the slug of one of the digest's articles"),
                );
            }
        }
        digests.push(Digest {
            file,
            articles: ids,
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    digests.sort_by(|a, b| {
        let key = |d: &Digest| d.file.date.map(|x| x.instant);
        key(b).cmp(&key(a)).then(a.file.slug.cmp(&b.file.slug))
    });
    Ok(digests)
}

/// For each digest, how often each speaker is quoted in its articles, most quoted first.
pub fn speaker_counts(
    digest: &Digest,
    speakers: &super::speakers::SpeakerIndex,
) -> Vec<(usize, usize)> {
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for &id in &digest.articles {
        for s in speakers.quote_speakers[id].iter().flatten() {
            *counts.entry(*s).or_default() += 1;
        }
    }
    let mut sorted: Vec<(usize, usize)> = counts.into_iter().collect();
    // Ties by name, never by id: ids follow the whole site's order, which other edits change.
    let key = |s: usize| (&speakers.speakers[s].name, &speakers.speakers[s].slug);
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| key(a.0).cmp(&key(b.0))));
    sorted
}

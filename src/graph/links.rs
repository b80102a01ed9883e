//! Cross-links: internal links by source path (a broken one is an error at its line),
//! backlinks, and related articles ranked by shared speakers and topics.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::content::Article;
use crate::error::{Diagnostic, line_col};

use super::Topic;
use super::speakers::SpeakerIndex;

/// How many neighbours in one speaker's or topic's list are considered: keeps related
/// articles linear in the site's size however large a topic grows.
const NEIGHBOURS: usize = 40;
pub const RELATED: usize = 4;

#[derive(Debug, Default)]
pub struct Links {
    /// For each article, the articles it links to, in order, each once.
    pub outgoing: Vec<Vec<usize>>,
    /// For each article, the articles that link to it, newest first.
    pub backlinks: Vec<Vec<usize>>,
    /// For each article, up to `RELATED` articles sharing speakers and topics, best first.
    pub related: Vec<Vec<usize>>,
    /// Article by source key (`articles/x.md`), for rewriting `@/` links.
    pub by_source: HashMap<String, usize>,
}

/// Splits `@/articles/x.md#frag` into the source key and the fragment.
pub fn split_target(target: &str) -> (&str, Option<&str>) {
    let path = target.trim_start_matches("@/");
    match path.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (path, None),
    }
}

/// Internal links, backlinks and the articles by source key, related articles left empty:
/// they need no speaker index, so they are found while it is built.
pub fn resolve(articles: &[std::sync::Arc<Article>]) -> Result<Links, Vec<Diagnostic>> {
    let by_source: HashMap<String, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.source_key(), i))
        .collect();
    let mut problems = Vec::new();
    let mut outgoing = vec![Vec::new(); articles.len()];
    let mut backlinks = vec![Vec::new(); articles.len()];
    for (id, article) in articles.iter().enumerate() {
        for (target, at) in &article.links {
            let at = *at;
            let (path, _) = split_target(target);
            match by_source.get(path) {
                Some(&to) => {
                    if to != id && !outgoing[id].contains(&to) {
                        outgoing[id].push(to);
                        backlinks[to].push(id);
                    }
                }
                None => {
                    let (line, column) = line_col(&article.text, at);
                    problems.push(
                        Diagnostic::error(&article.path, line, column, format!("broken internal link `{target}`: no such article"))
                            .with_hint("internal links name a file under content/, e.g. [text](@/articles/putin-nato-ukraine.txt)"),
                    );
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    for list in &mut backlinks {
        list.sort_unstable();
    }
    Ok(Links {
        outgoing,
        backlinks,
        related: Vec::new(),
        by_source,
    })
}

/// Articles near `id` in a list ordered by date: the closest `NEIGHBOURS` on both sides.
/// Lists run in date order, one way or the other: found by binary search, never a scan.
fn neighbours(list: &[usize], id: usize) -> &[usize] {
    let ascending = list.first() <= list.last();
    let found = list.binary_search_by(|probe| {
        if ascending {
            probe.cmp(&id)
        } else {
            id.cmp(probe)
        }
    });
    let at = found.unwrap_or_else(|insert_at| insert_at);
    let from = at.saturating_sub(NEIGHBOURS / 2);
    let to = (at + NEIGHBOURS / 2 + 1).min(list.len());
    &list[from..to]
}

pub fn related(
    count: usize,
    article_topics: &[Vec<String>],
    topics: &std::collections::BTreeMap<String, Topic>,
    speakers: &SpeakerIndex,
) -> Vec<Vec<usize>> {
    // Speakers of each article, from the speaker index.
    let mut article_speakers: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (s, speaker) in speakers.speakers.iter().enumerate() {
        for &a in &speaker.articles {
            article_speakers[a].push(s);
        }
    }
    (0..count)
        .into_par_iter()
        // Scores in a dense array per thread, with the ids touched: no hashing per neighbour.
        .map_init(
            || (vec![0u32; count], Vec::new()),
            |(scores, touched): &mut (Vec<u32>, Vec<usize>), id| {
                let mut add = |other: usize, weight: u32| {
                    if scores[other] == 0 {
                        touched.push(other);
                    }
                    scores[other] += weight;
                };
                for &s in &article_speakers[id] {
                    for &other in neighbours(&speakers.speakers[s].articles, id) {
                        add(other, 2);
                    }
                }
                for slug in &article_topics[id] {
                    if let Some(topic) = topics.get(slug) {
                        for &other in neighbours(&topic.articles, id) {
                            add(other, 1);
                        }
                    }
                }
                let mut ranked: Vec<(u32, usize)> = touched
                    .iter()
                    .filter(|&&a| a != id)
                    .map(|&a| (scores[a], a))
                    .collect();
                for a in touched.drain(..) {
                    scores[a] = 0;
                }
                // Best score first; among equals the nearest in time (ids are in date order).
                ranked.sort_by(|a, b| {
                    b.0.cmp(&a.0)
                        .then(a.1.abs_diff(id).cmp(&b.1.abs_diff(id)))
                        .then(a.1.cmp(&b.1))
                });
                ranked.into_iter().take(RELATED).map(|(_, a)| a).collect()
            },
        )
        .collect()
}

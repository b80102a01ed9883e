//! Speakers across the site: registry entries merge names by their aliases; without an entry,
//! equal canonical names are one speaker.

use rustc_hash::FxHashMap;

use crate::content::Article;
use crate::content::speaker::SpeakerFile;
use crate::error::Diagnostic;
use crate::quotes::lexicon::is_title;

pub type SpeakerId = usize;

/// A quotation by its article and its index in that article's quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteRef {
    pub article: usize,
    pub quote: usize,
}

#[derive(Debug, Clone)]
pub struct Speaker {
    pub slug: String,
    pub name: String,
    /// The registry entry, when the editor wrote one.
    pub entry: Option<usize>,
    /// Every quotation, oldest first.
    pub quotes: Vec<QuoteRef>,
    /// Articles they are quoted in, oldest first, each once.
    pub articles: Vec<usize>,
}

/// The key two spellings of one name share: titles dropped, case and accents folded.
pub fn name_key(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let kept: Vec<&str> = words
        .iter()
        .copied()
        .skip_while(|w| is_title(w) || w.eq_ignore_ascii_case("the"))
        .collect();
    let kept = if kept.is_empty() { words } else { kept };
    slug::slugify(kept.join(" "))
}

#[derive(Debug)]
pub struct SpeakerIndex {
    pub speakers: Vec<Speaker>,
    pub by_slug: FxHashMap<String, SpeakerId>,
    /// For each article, the speaker of each of its quotes.
    pub quote_speakers: Vec<Vec<Option<SpeakerId>>>,
}

impl SpeakerIndex {
    /// `articles` are newest first (as in the graph); quotes are indexed oldest first.
    pub fn build(
        articles: &[std::sync::Arc<Article>],
        registry: &[SpeakerFile],
    ) -> Result<SpeakerIndex, Vec<Diagnostic>> {
        let mut speakers: Vec<Speaker> = Vec::new();
        // Looked up once per quote on one thread (the link phase's long pole): Fx, not SipHash.
        let mut by_key: FxHashMap<String, SpeakerId> = FxHashMap::default();
        let mut by_slug: FxHashMap<String, SpeakerId> = FxHashMap::default();
        let mut problems = Vec::new();
        for (i, entry) in registry.iter().enumerate() {
            let id = speakers.len();
            if let Some(&other) = by_slug.get(&entry.slug) {
                problems.push(
                    Diagnostic::error(
                        &entry.path,
                        1,
                        1,
                        format!("duplicate speaker slug `{}`", entry.slug),
                    )
                    .with_hint(format!(
                        "{} has it too: rename one file",
                        registry[speakers[other].entry.unwrap_or(0)].path.display()
                    )),
                );
                continue;
            }
            speakers.push(Speaker {
                slug: entry.slug.clone(),
                name: entry.name.clone(),
                entry: Some(i),
                quotes: Vec::new(),
                articles: Vec::new(),
            });
            by_slug.insert(entry.slug.clone(), id);
            for (n, name) in std::iter::once(&entry.name)
                .chain(&entry.aliases)
                .enumerate()
            {
                let key = name_key(name);
                match by_key.get(&key) {
                    Some(&other) if other != id => {
                        let line = if n == 0 {
                            1
                        } else {
                            entry.alias_lines.get(n - 1).copied().unwrap_or(1)
                        };
                        problems.push(
                            Diagnostic::error(
                                &entry.path,
                                line,
                                1,
                                format!(
                                    "the name `{name}` already belongs to speaker `{}`",
                                    speakers[other].slug
                                ),
                            )
                            .with_hint("a name or alias can point to one speaker only"),
                        );
                    }
                    _ => {
                        by_key.insert(key, id);
                    }
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut quote_speakers: Vec<Vec<Option<SpeakerId>>> = articles
            .iter()
            .map(|a| vec![None; a.quotes.len()])
            .collect();
        // Oldest first, so that each speaker's quotes come out in time order.
        for article_id in (0..articles.len()).rev() {
            let article = &articles[article_id];
            for (quote_id, quote) in article.quotes.iter().enumerate() {
                let Some(name) = quote.speaker.as_deref() else {
                    continue;
                };
                let key = &article.speaker_keys[quote_id];
                if key.is_empty() {
                    continue;
                }
                let id = match by_key.get(key) {
                    Some(&id) => id,
                    None => {
                        let id = speakers.len();
                        let mut slug = key.clone();
                        let mut n = 2;
                        while by_slug.contains_key(&slug) {
                            slug = format!("{key}-{n}");
                            n += 1;
                        }
                        speakers.push(Speaker {
                            slug: slug.clone(),
                            name: name.to_string(),
                            entry: None,
                            quotes: Vec::new(),
                            articles: Vec::new(),
                        });
                        by_slug.insert(slug, id);
                        by_key.insert(key.clone(), id);
                        id
                    }
                };
                let speaker = &mut speakers[id];
                speaker.quotes.push(QuoteRef {
                    article: article_id,
                    quote: quote_id,
                });
                if speaker.articles.last() != Some(&article_id) {
                    speaker.articles.push(article_id);
                }
                quote_speakers[article_id][quote_id] = Some(id);
            }
        }
        Ok(SpeakerIndex {
            speakers,
            by_slug,
            quote_speakers,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_keys_fold_titles_case_and_accents() {
        assert_eq!(name_key("Mr Putin"), name_key("putin"));
        assert_eq!(
            name_key("President Volodymyr Zelenskyy"),
            "volodymyr-zelenskyy"
        );
        assert_eq!(name_key("the Tories"), "tories");
        assert_eq!(name_key("Łukasz Szumowski"), "lukasz-szumowski");
    }
}

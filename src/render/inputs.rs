//! What each output file is made from, as a number: an incremental build re-renders a page
//! only when its number changes. Each page's number covers every input its renderer reads;
//! the property test in tests/incremental.rs holds the two to each other.

use std::hash::{DefaultHasher, Hash, Hasher};

use super::plan::Page;
use super::{Renderer, feeds};
use crate::content::Article;
use crate::graph::SiteGraph;

/// A hash of anything `Debug` (dates, sources, registry entries), without allocating.
pub fn hash_debug(hasher: &mut impl Hasher, value: &impl std::fmt::Debug) {
    struct Feed<'h, H: Hasher>(&'h mut H);
    impl<H: Hasher> std::fmt::Write for Feed<'_, H> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let _ = std::fmt::write(&mut Feed(hasher), format_args!("{value:?}"));
}

/// What every page of an article's site shows of it except its own page: metadata, summary,
/// links, and its quotes as words (not as places in the text, which move with any edit).
pub fn article_facts(article: &Article) -> u64 {
    // Every quote's words go through it: xxh3 is several times faster than SipHash.
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    article.path.hash(&mut h);
    article.slug.hash(&mut h);
    article.title.hash(&mut h);
    article.dek.hash(&mut h);
    (&article.date, &article.updated, &article.source).hash(&mut h);
    article.authors.hash(&mut h);
    article.topics.hash(&mut h);
    article.summary.hash(&mut h);
    article.draft.hash(&mut h);
    article.credit.hash(&mut h);
    article.listing_summary.hash(&mut h);
    for (target, _) in &article.links {
        target.hash(&mut h);
    }
    for ((quote, anchor), text) in article
        .quotes
        .iter()
        .zip(&article.anchors)
        .zip(&article.quote_texts)
    {
        text.hash(&mut h);
        anchor.hash(&mut h);
        // Field-less enums: their discriminants, not their Debug text (49k quotes at 10k).
        (quote.kind as u8, quote.pattern as u8).hash(&mut h);
        quote.speaker.hash(&mut h);
        quote.confidence.to_bits().hash(&mut h);
        quote.depth.hash(&mut h);
        quote.pull.hash(&mut h);
    }
    h.finish()
}

/// Everything about an article, its own page included.
pub fn article_fingerprint(article: &Article) -> u64 {
    let mut h = DefaultHasher::new();
    article.facts.hash(&mut h);
    // The text is most of an article's bytes: xxh3 reads it ~10× faster than SipHash.
    crate::build_record::hash_bytes(article.text.as_bytes()).hash(&mut h);
    h.finish()
}

/// The numbers pages are made from: one per article card, speaker and digest, and the site's.
pub struct Fingerprints {
    /// Config, templates, options: what every page depends on.
    pub global: u64,
    cards: Vec<u64>,
    speakers: Vec<u64>,
    /// A speaker's name and slug alone: what quotes show of them in the data files.
    speaker_names: Vec<u64>,
    digests: Vec<u64>,
}

impl Fingerprints {
    pub fn new(graph: &SiteGraph, global: u64) -> Self {
        let cards: Vec<u64> = (0..graph.articles.len())
            .map(|id| {
                let mut h = DefaultHasher::new();
                graph.articles[id].facts.hash(&mut h);
                // A topic's name is its first spelling in the site: another article can change it.
                for slug in &graph.article_topics[id] {
                    graph.topics.get(slug).map(|t| &t.name).hash(&mut h);
                }
                h.finish()
            })
            .collect();
        let speakers = graph
            .speakers
            .speakers
            .iter()
            .map(|s| {
                let mut h = DefaultHasher::new();
                s.slug.hash(&mut h);
                s.name.hash(&mut h);
                hash_debug(&mut h, &s.entry.and_then(|e| graph.registry.get(e)));
                h.finish()
            })
            .collect();
        let speaker_names = graph
            .speakers
            .speakers
            .iter()
            .map(|s| {
                let mut h = DefaultHasher::new();
                (&s.slug, &s.name).hash(&mut h);
                h.finish()
            })
            .collect();
        let digests = graph
            .digests
            .iter()
            .map(|d| {
                let mut h = DefaultHasher::new();
                hash_debug(&mut h, &d.file);
                for &id in &d.articles {
                    cards[id].hash(&mut h);
                }
                h.finish()
            })
            .collect();
        Fingerprints {
            global,
            cards,
            speakers,
            speaker_names,
            digests,
        }
    }
}

impl Fingerprints {
    /// All articles as listings show them.
    pub fn cards_number(&self) -> u64 {
        let mut h = DefaultHasher::new();
        (self.global, &self.cards).hash(&mut h);
        h.finish()
    }

    /// All quotes as the data files show them: words, articles, speakers' names.
    pub fn quotes_number(&self, graph: &SiteGraph) -> u64 {
        let mut h = DefaultHasher::new();
        self.cards_number().hash(&mut h);
        for speakers in &graph.speakers.quote_speakers {
            for s in speakers {
                s.map(|s| self.speaker_names[s]).hash(&mut h);
            }
        }
        h.finish()
    }
}

impl Renderer<'_> {
    /// A speaker of each of an article's quotes (or none), as numbers.
    fn quote_speakers(&self, fp: &Fingerprints, id: usize, h: &mut DefaultHasher) {
        for s in &self.graph.speakers.quote_speakers[id] {
            s.map(|s| fp.speakers[s]).hash(h);
        }
    }

    /// A digest as its page and the home page show it: the file, its articles, their quotes.
    fn digest_inputs(&self, fp: &Fingerprints, index: usize, h: &mut DefaultHasher) {
        fp.digests[index].hash(h);
        for &id in &self.graph.digests[index].articles {
            self.quote_speakers(fp, id, h);
        }
    }

    /// The number of everything `render_page(page)` reads.
    pub fn inputs(&self, page: Page, fp: &Fingerprints) -> u64 {
        let graph = self.graph;
        let per_page = self.config.articles_per_page.max(1);
        let mut h = DefaultHasher::new();
        fp.global.hash(&mut h);
        page.hash(&mut h);
        let cards = |ids: &mut dyn Iterator<Item = usize>, h: &mut DefaultHasher| {
            for id in ids {
                fp.cards[id].hash(h);
            }
        };
        match page {
            Page::Article(id) => {
                graph.articles[id].fingerprint.hash(&mut h);
                fp.cards[id].hash(&mut h);
                self.quote_speakers(fp, id, &mut h);
                let links = &graph.links;
                for list in [
                    &links.related[id],
                    &links.backlinks[id],
                    &links.outgoing[id],
                ] {
                    list.len().hash(&mut h);
                    cards(&mut list.iter().copied(), &mut h);
                }
            }
            Page::ArticleJson(id) => {
                fp.cards[id].hash(&mut h);
                for s in &graph.speakers.quote_speakers[id] {
                    s.map(|s| fp.speaker_names[s]).hash(&mut h);
                }
            }
            Page::Articles(n) => {
                let count = graph.articles.len();
                count.hash(&mut h);
                cards(&mut ((n - 1) * per_page..(n * per_page).min(count)), &mut h);
            }
            Page::Home => {
                let count = graph.articles.len();
                count.hash(&mut h);
                cards(&mut (0..count.min(per_page)), &mut h);
                if !graph.digests.is_empty() {
                    self.digest_inputs(fp, 0, &mut h);
                }
            }
            Page::TopicsIndex => {
                for topic in &self.topic_list {
                    (&topic.slug, &topic.name, topic.articles.len()).hash(&mut h);
                }
            }
            Page::Topic(t, n) => {
                let topic = self.topic_list[t];
                (&topic.slug, &topic.name, topic.articles.len()).hash(&mut h);
                cards(&mut self.chunk(&topic.articles, n).iter().copied(), &mut h);
            }
            Page::TopicFeed(t) => {
                let topic = self.topic_list[t];
                (&topic.slug, &topic.name).hash(&mut h);
                cards(
                    &mut topic.articles.iter().take(feeds::FEED_ENTRIES).copied(),
                    &mut h,
                );
            }
            Page::Speaker(s) | Page::SpeakerFeed(s) => {
                let speaker = &graph.speakers.speakers[s];
                fp.speakers[s].hash(&mut h);
                for r in &speaker.quotes {
                    (r.article, r.quote, fp.cards[r.article]).hash(&mut h);
                }
                cards(&mut speaker.articles.iter().copied(), &mut h);
            }
            Page::SpeakersIndex | Page::SpeakersJson => {
                for (s, speaker) in graph.speakers.speakers.iter().enumerate() {
                    (fp.speakers[s], speaker.quotes.len(), speaker.articles.len()).hash(&mut h);
                }
            }
            Page::Digest(i) => {
                self.digest_inputs(fp, i, &mut h);
                for neighbour in [i.checked_sub(1), Some(i + 1)] {
                    neighbour.and_then(|n| fp.digests.get(n)).hash(&mut h);
                }
            }
            Page::DigestsIndex | Page::DigestFeed => fp.digests.hash(&mut h),
            Page::SiteFeed => cards(
                &mut (0..graph.articles.len().min(feeds::FEED_ENTRIES)),
                &mut h,
            ),
            Page::NotFound | Page::Robots => {}
            Page::SearchPage => {
                let quotes: usize = graph.articles.iter().map(|a| a.quotes.len()).sum();
                let speakers = graph
                    .speakers
                    .speakers
                    .iter()
                    .filter(|s| !s.quotes.is_empty())
                    .count();
                (graph.articles.len(), speakers, quotes).hash(&mut h);
            }
            Page::Sitemap => {
                // Every page's path follows from these: article, topic, speaker and digest
                // slugs, article counts and the site's settings.
                fp.cards_number().hash(&mut h);
                for (s, speaker) in graph.speakers.speakers.iter().enumerate() {
                    (fp.speaker_names[s], speaker.quotes.is_empty()).hash(&mut h);
                }
                fp.digests.hash(&mut h);
            }
            Page::QuotesJson => fp.quotes_number(graph).hash(&mut h),
            Page::SearchIndex => {
                fp.cards.hash(&mut h);
                for id in 0..graph.articles.len() {
                    self.quote_speakers(fp, id, &mut h);
                }
                for (s, speaker) in graph.speakers.speakers.iter().enumerate() {
                    (fp.speakers[s], speaker.quotes.len()).hash(&mut h);
                }
            }
        }
        h.finish()
    }
}

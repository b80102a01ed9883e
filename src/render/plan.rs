//! Every file of the built site, named by what it is made from, so that a build can render
//! them all in parallel and an incremental build can render just the ones whose inputs changed.

use super::views::{article_path, speaker_path, topic_path};
use super::{
    ByteSink, OutputFile, Renderer, data, digest_path, feeds, listing_pages, listing_path, search,
};
use crate::error::Diagnostic;

/// One output file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    Article(usize),
    ArticleJson(usize),
    /// Page `n` (from 1) of `articles/`.
    Articles(usize),
    Home,
    TopicsIndex,
    /// Topic number `t` (in `Renderer::topic_list`), page `n`.
    Topic(usize, usize),
    TopicFeed(usize),
    /// A quoted speaker: every speaker with quotes has a page and a feed.
    Speaker(usize),
    SpeakerFeed(usize),
    SpeakersIndex,
    Digest(usize),
    DigestsIndex,
    DigestFeed,
    SiteFeed,
    NotFound,
    SearchPage,
    SearchIndex,
    QuotesJson,
    SpeakersJson,
    Sitemap,
    Robots,
}

impl Page {
    /// What kind of file this is, as `--verbose` names it beside its render time.
    pub fn kind(self) -> &'static str {
        match self {
            Page::Article(_) => "article pages",
            Page::ArticleJson(_) => "article.json files",
            Page::Articles(_) => "article listings",
            Page::Home => "home page",
            Page::TopicsIndex => "topics index",
            Page::Topic(..) => "topic pages",
            Page::TopicFeed(_) => "topic feeds",
            Page::Speaker(_) => "speaker pages",
            Page::SpeakerFeed(_) => "speaker feeds",
            Page::SpeakersIndex => "speakers index",
            Page::Digest(_) => "digest pages",
            Page::DigestsIndex => "digests index",
            Page::DigestFeed => "digest feed",
            Page::SiteFeed => "site feed",
            Page::NotFound => "404 page",
            Page::SearchPage => "search page",
            Page::SearchIndex => "search index",
            Page::QuotesJson => "quotes.json",
            Page::SpeakersJson => "speakers.json",
            Page::Sitemap => "sitemap",
            Page::Robots => "robots.txt",
        }
    }
}

impl Renderer<'_> {
    /// Every output file of the site, in a fixed order.
    pub fn plan(&self) -> Vec<Page> {
        let graph = self.graph;
        let per_page = self.config.articles_per_page;
        let articles = graph.articles.len();
        let mut plan = Vec::with_capacity(articles * 2 + graph.speakers.speakers.len() * 2 + 64);
        // Article pages first: each frees its body's HTML, before the big files below are held.
        plan.extend((0..articles).map(Page::Article));
        // The two biggest files open the second stage: each is made in parallel batches
        // (`join_in_order`) joined by one thread, and the other core meanwhile renders the
        // small pages after them, so the build ends on small pages and no core waits.
        plan.extend([Page::QuotesJson, Page::SearchIndex]);
        plan.extend((0..articles).map(Page::ArticleJson));
        // Single files made in one go come early, while other pages keep the other core busy.
        plan.extend([Page::SpeakersIndex, Page::Sitemap, Page::SpeakersJson]);
        plan.push(Page::Home);
        plan.extend((1..=listing_pages(articles, per_page)).map(Page::Articles));
        plan.push(Page::TopicsIndex);
        for (t, topic) in self.topic_list.iter().enumerate() {
            plan.extend(
                (1..=listing_pages(topic.articles.len(), per_page)).map(|n| Page::Topic(t, n)),
            );
            plan.push(Page::TopicFeed(t));
        }
        for (s, speaker) in graph.speakers.speakers.iter().enumerate() {
            if !speaker.quotes.is_empty() {
                plan.push(Page::Speaker(s));
                plan.push(Page::SpeakerFeed(s));
            }
        }
        plan.extend((0..graph.digests.len()).map(Page::Digest));
        plan.push(Page::DigestsIndex);
        // An empty feed is an error to feed readers: no digests, no digest feed.
        if !graph.digests.is_empty() {
            plan.push(Page::DigestFeed);
        }
        plan.extend([
            Page::SiteFeed,
            Page::NotFound,
            Page::SearchPage,
            Page::Robots,
        ]);
        plan
    }

    /// Where a page's file goes, relative to the output folder.
    pub fn file_of(&self, page: Page) -> String {
        let graph = self.graph;
        let html = |mut site_path: String| {
            site_path.push_str("index.html");
            site_path
        };
        match page {
            Page::Article(id) => html(article_path(&graph.articles[id].slug)),
            Page::ArticleJson(id) => {
                ["articles/", &graph.articles[id].slug, "/article.json"].concat()
            }
            Page::Articles(n) => html(listing_path("articles/", n)),
            Page::Home => "index.html".to_string(),
            Page::TopicsIndex => "topics/index.html".to_string(),
            Page::Topic(t, n) => html(listing_path(&topic_path(&self.topic_list[t].slug), n)),
            Page::TopicFeed(t) => format!(
                "{}{}",
                topic_path(&self.topic_list[t].slug),
                feeds::FEED_FILE
            ),
            Page::Speaker(s) => html(speaker_path(&graph.speakers.speakers[s].slug)),
            Page::SpeakerFeed(s) => {
                format!(
                    "{}{}",
                    speaker_path(&graph.speakers.speakers[s].slug),
                    feeds::FEED_FILE
                )
            }
            Page::SpeakersIndex => "speakers/index.html".to_string(),
            Page::Digest(i) => html(digest_path(&graph.digests[i].file.slug)),
            Page::DigestsIndex => "digests/index.html".to_string(),
            Page::DigestFeed => format!("digests/{}", feeds::FEED_FILE),
            Page::SiteFeed => feeds::FEED_FILE.to_string(),
            Page::NotFound => "404.html".to_string(),
            Page::SearchPage => html(search::SEARCH_PATH.to_string()),
            Page::SearchIndex => search::INDEX_PATH.to_string(),
            Page::QuotesJson => "quotes.json".to_string(),
            Page::SpeakersJson => "speakers.json".to_string(),
            Page::Sitemap => "sitemap.xml".to_string(),
            Page::Robots => "robots.txt".to_string(),
        }
    }

    /// The articles of page `n` (from 1) of a listing.
    pub(super) fn chunk<'l>(&self, ids: &'l [usize], n: usize) -> &'l [usize] {
        ids.chunks(self.config.articles_per_page.max(1))
            .nth(n - 1)
            .unwrap_or(&[])
    }

    /// Whether `page` is one of the big files a build writes as it makes them
    /// (`stream_page`), never holding the whole file.
    pub fn is_streamed(&self, page: Page) -> bool {
        matches!(page, Page::QuotesJson | Page::SearchIndex)
    }

    /// Puts `page` into `out`, a streamed page (`is_streamed`) as it is made: the same bytes
    /// as `render_page`.
    pub fn stream_page(&self, page: Page, out: &mut dyn ByteSink) -> Result<(), Diagnostic> {
        match page {
            Page::QuotesJson => {
                data::write_quotes_json(self.config, self.graph, Some(&self.quote_records), out)
            }
            Page::SearchIndex => search::write_search_index(self, out),
            other => out.put(&self.render_page(other)?.bytes),
        }
        Ok(())
    }

    /// Renders one page.
    pub fn render_page(&self, page: Page) -> Result<OutputFile, Diagnostic> {
        let graph = self.graph;
        let title = &self.config.title;
        match page {
            Page::Article(id) => self.article_page(id),
            Page::ArticleJson(id) => Ok(data::article_json(self, id)),
            Page::Articles(n) => {
                let count = graph.articles.len();
                let per_page = self.config.articles_per_page;
                let chunk: Vec<usize> = ((n - 1) * per_page..(n * per_page).min(count)).collect();
                self.listing_page(
                    "articles.html",
                    "articles/",
                    "All articles",
                    &format!("Every article in {title}"),
                    (&chunk, count),
                    None,
                    n,
                )
            }
            Page::Home => self.home(),
            Page::TopicsIndex => self.topics_index(),
            Page::Topic(t, n) => {
                let topic = self.topic_list[t];
                self.listing_page(
                    "topic.html",
                    &topic_path(&topic.slug),
                    &topic.name,
                    &format!("Articles about {} in {title}", topic.name),
                    (self.chunk(&topic.articles, n), topic.articles.len()),
                    Some(topic),
                    n,
                )
            }
            Page::TopicFeed(t) => Ok(feeds::topic_feed(self, self.topic_list[t])),
            Page::Speaker(s) => self.speaker_page(s),
            Page::SpeakerFeed(s) => Ok(feeds::speaker_feed(
                self.config,
                graph,
                &graph.speakers.speakers[s],
            )),
            Page::SpeakersIndex => self.speakers_index(),
            Page::Digest(i) => self.digest_page(i),
            Page::DigestsIndex => self.digests_index(),
            Page::DigestFeed => Ok(feeds::digest_feed(self)),
            Page::SiteFeed => Ok(feeds::site_feed(self)),
            Page::NotFound => self.not_found(),
            Page::SearchPage => search::search_page(self),
            Page::SearchIndex => Ok(search::search_index(self)),
            Page::QuotesJson => Ok(data::quotes_json(
                self.config,
                graph,
                Some(&self.quote_records),
            )),
            Page::SpeakersJson => Ok(data::speakers_json(self.config, graph)),
            Page::Sitemap => {
                let files: Vec<String> = self.plan().into_iter().map(|p| self.file_of(p)).collect();
                Ok(feeds::sitemap_of(
                    self.config,
                    graph,
                    files.iter().map(String::as_str),
                ))
            }
            Page::Robots => Ok(feeds::robots(self.config)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::feeds::test_site::*;
    use super::*;

    #[test]
    fn streamed_pages_are_the_bytes_rendered_pages_are() {
        let config = config("https://example.org/news/");
        let graph = graph();
        let (tera, sources) = theme();
        let r = Renderer::new(&config, &graph, &tera, &sources);
        let streamed: Vec<Page> = r.plan().into_iter().filter(|&p| r.is_streamed(p)).collect();
        assert_eq!(streamed, [Page::QuotesJson, Page::SearchIndex]);
        for page in r.plan() {
            let mut bytes = Vec::new();
            r.stream_page(page, &mut bytes).unwrap();
            let rendered = r.render_page(page).unwrap();
            assert!(bytes == rendered.bytes, "{page:?} streams as it renders");
            assert_eq!(rendered.path, r.file_of(page));
        }
    }
}

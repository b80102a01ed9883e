//! Rendering: the graph to `(output path, bytes)` pairs. Reads the graph, never changes it.

pub mod context;
pub mod data;
pub mod feeds;
pub mod inputs;
pub mod json;
pub mod markdown;
pub mod plan;
pub mod quotes;
pub mod search;
pub mod templates;
pub mod views;

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::Tera;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::graph::SiteGraph;
use templates::TemplateSources;
use views::*;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, with `/` separators.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where a big file's bytes go as they are made: a buffer, or the file itself (a build then
/// never holds the whole of quotes.json or the search index).
pub trait ByteSink {
    fn put(&mut self, bytes: &[u8]);
}

impl ByteSink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// Where `render_each` puts the files it makes.
pub trait PageOutput: Sync {
    /// Writes one file.
    fn write(&self, file: OutputFile) -> crate::error::Result<()>;
    /// Writes the file at `path` whose bytes `fill` puts in as it makes them; returns the time
    /// spent writing.
    fn write_streamed(
        &self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn ByteSink),
    ) -> crate::error::Result<std::time::Duration>;
}

/// Length of the summaries made from an article's first paragraph.
pub const SUMMARY_CHARS: usize = 240;

/// The prefix that leads from a page at `site_path` back to the site root.
pub fn relative_root(site_path: &str) -> String {
    let depth = site_path.split('/').filter(|s| !s.is_empty()).count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// Parts of big files kept between incremental builds: name → (the number of its inputs, bytes).
#[derive(Default)]
pub struct Fragments(std::sync::Mutex<std::collections::HashMap<&'static str, Fragment>>);

/// The number of a fragment's inputs, and its bytes.
type Fragment = (u64, std::sync::Arc<Vec<u8>>);

/// Everything a render needs, borrowed.
pub struct Renderer<'a> {
    pub config: &'a Config,
    pub graph: &'a SiteGraph,
    pub tera: &'a Tera,
    pub sources: &'a TemplateSources,
    /// The topics in index order, so that pages can name a topic by number.
    pub topic_list: Vec<&'a crate::graph::Topic>,
    /// In incremental builds: the inputs' numbers and the parts kept from the last build.
    pub cache: Option<(&'a inputs::Fingerprints, &'a Fragments)>,
    /// `site` in every template, converted once (template values are shared, not copied).
    site: tera::Value,
    /// Each article's card as a template value, made once: an article is listed on many pages.
    cards: Vec<std::sync::OnceLock<tera::Value>>,
    /// Each speaker's link as a template value, made once: every quote of theirs carries it.
    speaker_links: Vec<std::sync::OnceLock<tera::Value>>,
    /// Each article's date as a template value, made once: its page, card and quotes show it.
    dates: Vec<std::sync::OnceLock<Option<tera::Value>>>,
    /// Each article's quote records, made once for quotes.json and its article.json.
    pub quote_records: data::SharedRecords,
    /// Each speaker's part of quote marks, made once, with the page root it was made for.
    speaker_marks: Vec<std::sync::OnceLock<(String, std::sync::Arc<quotes::SpeakerMark>)>>,
}

/// `count` values made on first use (per article, per speaker).
fn unset<T>(count: usize) -> Vec<std::sync::OnceLock<T>> {
    (0..count).map(|_| std::sync::OnceLock::new()).collect()
}

impl<'a> Renderer<'a> {
    pub fn new(
        config: &'a Config,
        graph: &'a SiteGraph,
        tera: &'a Tera,
        sources: &'a TemplateSources,
    ) -> Self {
        Renderer {
            cache: None,
            site: tera::Value::from_serializable(&SiteView::new(config)),
            topic_list: graph.topics.values().collect(),
            cards: unset(graph.articles.len()),
            speaker_links: unset(graph.speakers.speakers.len()),
            dates: unset(graph.articles.len()),
            quote_records: data::SharedRecords::new(graph.articles.len()),
            speaker_marks: unset(graph.speakers.speakers.len()),
            config,
            graph,
            tera,
            sources,
        }
    }

    /// Keeps parts of big files between incremental builds.
    pub fn with_cache(
        mut self,
        fingerprints: &'a inputs::Fingerprints,
        fragments: &'a Fragments,
    ) -> Self {
        self.cache = Some((fingerprints, fragments));
        self
    }

    /// A part of a big file: made again only when the number of its inputs changed.
    pub fn fragment(
        &self,
        name: &'static str,
        number: impl FnOnce(&inputs::Fingerprints, &SiteGraph) -> u64,
        make: impl FnOnce() -> Vec<u8>,
    ) -> std::sync::Arc<Vec<u8>> {
        let Some((fingerprints, fragments)) = self.cache else {
            return std::sync::Arc::new(make());
        };
        let key = number(fingerprints, self.graph);
        let lock = || fragments.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((kept, bytes)) = lock().get(name) {
            if *kept == key {
                return bytes.clone();
            }
        }
        let bytes = std::sync::Arc::new(make());
        lock().insert(name, (key, bytes.clone()));
        bytes
    }

    fn meta(&self, title: String, description: String, path: &str) -> PageMeta {
        PageMeta {
            title,
            description,
            path: path.to_string(),
            canonical: self.config.base_url.absolute(path),
            root: relative_root(path),
        }
    }

    fn render(
        &self,
        template: &str,
        meta: PageMeta,
        vars: impl Serialize,
    ) -> Result<OutputFile, Diagnostic> {
        let mut context = context::context_of(&vars)
            .map_err(|e| templates::diagnostic(&e, self.sources, template))?;
        context.insert_value("site", self.site.clone());
        let output = if meta.path.is_empty() || meta.path.ends_with('/') {
            [meta.path.as_str(), "index.html"].concat()
        } else {
            meta.path.clone()
        };
        context.insert("page", &meta);
        // Most pages fit: the buffer does not grow (and copy itself) a dozen times per page.
        let mut html = Vec::with_capacity(32 * 1024);
        self.tera
            .render_to(template, &context, &mut html)
            .map_err(|e| templates::diagnostic(&e, self.sources, template))?;
        Ok(OutputFile {
            path: output,
            bytes: html,
        })
    }

    fn card(&self, id: usize) -> ArticleCard<'_> {
        ArticleCard::new(self.graph, id, &self.graph.articles[id].listing_summary)
    }

    /// A quotation as pages show it.
    fn quote_view(&self, r: crate::graph::speakers::QuoteRef) -> quotes::QuoteView<'_> {
        let speaker = |speaker: usize| {
            self.speaker_links[speaker]
                .get_or_init(|| {
                    template_value(&quotes::speaker_link(
                        self.graph,
                        &self.graph.speakers.speakers[speaker],
                    ))
                })
                .clone()
        };
        quotes::quote_view(self.graph, r, speaker, self.date_value(r.article))
    }

    /// Article `id`'s date (`DateView`) as a template value, shared.
    fn date_value(&self, id: usize) -> Option<tera::Value> {
        self.dates[id]
            .get_or_init(|| {
                self.graph.articles[id]
                    .date_view
                    .as_ref()
                    .map(template_value)
            })
            .clone()
    }

    /// `card(id)` as a template value, shared by every page that lists the article.
    fn card_value(&self, id: usize) -> tera::Value {
        self.cards[id]
            .get_or_init(|| template_value(&self.card(id)))
            .clone()
    }

    fn article_page(&self, id: usize) -> Result<OutputFile, Diagnostic> {
        let article = &self.graph.articles[id];
        let card = self.card(id);
        let path = card.path.clone();
        let meta = self.meta(
            article.title.clone(),
            article.listing_summary.clone(),
            &path,
        );
        let root = meta.root.clone();
        let resolve = |target: &str| {
            let (path, fragment) = crate::graph::links::split_target(target);
            let to = *self.graph.links.by_source.get(path)?;
            let mut url = format!("{root}{}", article_path(&self.graph.articles[to].slug));
            if let Some(fragment) = fragment {
                url.push('#');
                url.push_str(fragment);
            }
            Some(url)
        };
        let made = self.graph.take_body_html(id);
        let body_html = markdown::body_html_from(
            article,
            made.as_ref().or(article.body_html.as_ref()),
            &quotes::marks(self.graph, id, &meta.root, |speaker| {
                let (root, mark) = self.speaker_marks[speaker].get_or_init(|| {
                    let mark = quotes::speaker_mark(self.graph, speaker, &meta.root);
                    (meta.root.clone(), std::sync::Arc::new(mark))
                });
                // Every article page sits at the same depth, so one root serves them all.
                if *root == meta.root {
                    mark.clone()
                } else {
                    std::sync::Arc::new(quotes::speaker_mark(self.graph, speaker, &meta.root))
                }
            }),
            &resolve,
        );
        drop(made);
        let related: Vec<tera::Value> = self.graph.links.related[id]
            .iter()
            .map(|&a| self.card_value(a))
            .collect();
        let backlinks: Vec<tera::Value> = self.graph.links.backlinks[id]
            .iter()
            .map(|&a| self.card_value(a))
            .collect();
        let callouts: Vec<quotes::QuoteView> = quotes::callouts(self.graph, id)
            .into_iter()
            .map(|r| self.quote_view(r))
            .collect();
        #[derive(Serialize)]
        struct Vars<'v> {
            article: ArticleView<'v>,
            callouts: Vec<quotes::QuoteView<'v>>,
            whos_quoted: Vec<quotes::QuotedSpeaker<'v>>,
            quote_count: usize,
            /// Anchors of quotes in the headline, placed on the title.
            headline_anchors: Vec<&'v str>,
            related: Vec<tera::Value>,
            backlinks: Vec<tera::Value>,
        }
        self.render(
            "article.html",
            meta,
            Vars {
                article: ArticleView {
                    slug: card.slug,
                    title: card.title,
                    dek: card.dek,
                    path: card.path,
                    date: self.date_value(id),
                    summary: card.summary,
                    source: card.source,
                    topics: card.topics,
                    updated: article.updated.as_ref().map(DateView::from),
                    authors: &article.authors,
                    credit: article.credit.as_deref(),
                    body_html: &body_html,
                },
                callouts,
                whos_quoted: quotes::whos_quoted(self.graph, id),
                quote_count: article.quotes.len(),
                headline_anchors: article
                    .quotes
                    .iter()
                    .zip(&self.graph.articles[id].anchors)
                    .filter(|(q, _)| q.kind == crate::quotes::QuoteKind::Headline)
                    .map(|(_, a)| a.as_str())
                    .collect(),
                related,
                backlinks,
            },
        )
    }

    fn speaker_page(&self, id: usize) -> Result<OutputFile, Diagnostic> {
        let speaker = &self.graph.speakers.speakers[id];
        let link = quotes::speaker_link(self.graph, speaker);
        let bio_html = speaker
            .entry
            .map(|e| &self.graph.registry[e])
            .map(|entry| markdown::markdown_html(&entry.text[entry.bio.clone()]))
            .unwrap_or_default();
        let quote_views: Vec<quotes::QuoteView> =
            speaker.quotes.iter().map(|&r| self.quote_view(r)).collect();
        let articles: Vec<tera::Value> = speaker
            .articles
            .iter()
            .rev()
            .map(|&a| self.card_value(a))
            .collect();
        let description = match link.role {
            Some(role) => format!(
                "{}, {role}: every quote in {}",
                speaker.name, self.config.title
            ),
            None => format!("Every quote by {} in {}", speaker.name, self.config.title),
        };
        let meta = self.meta(speaker.name.clone(), description, &link.path);
        #[derive(Serialize)]
        struct Vars<'v> {
            speaker: quotes::SpeakerLink<'v>,
            bio_html: String,
            quotes: Vec<quotes::QuoteView<'v>>,
            articles: Vec<tera::Value>,
            timeline_svg: Option<String>,
        }
        self.render(
            "speaker.html",
            meta,
            Vars {
                speaker: link,
                bio_html,
                quotes: quote_views,
                articles,
                timeline_svg: quotes::timeline_svg(self.graph, speaker),
            },
        )
    }

    /// A digest's articles as its page shows them: card, top quote, the editor's note.
    fn digest_items<'s>(
        &'s self,
        digest: &'s crate::graph::digests::Digest,
    ) -> Vec<DigestItem<'s>> {
        digest
            .articles
            .iter()
            .map(|&id| {
                let slug = &self.graph.articles[id].slug;
                DigestItem {
                    card: self.card(id),
                    top_quote: quotes::callouts(self.graph, id)
                        .first()
                        .map(|&r| self.quote_view(r)),
                    note_html: digest
                        .file
                        .notes
                        .get(slug)
                        .map(|n| markdown::markdown_html(n)),
                }
            })
            .collect()
    }

    fn digest_page(&self, index: usize) -> Result<OutputFile, Diagnostic> {
        let digest = &self.graph.digests[index];
        let path = digest_path(&digest.file.slug);
        let description = digest.file.summary.clone().unwrap_or_else(|| {
            format!(
                "{} — an edition of {}",
                digest.file.title, self.config.title
            )
        });
        let meta = self.meta(digest.file.title.clone(), description, &path);
        let counts = crate::graph::digests::speaker_counts(digest, &self.graph.speakers);
        let whos_quoted: Vec<quotes::QuotedSpeaker> = counts
            .iter()
            .map(|&(s, count)| quotes::QuotedSpeaker {
                speaker: quotes::speaker_link(self.graph, &self.graph.speakers.speakers[s]),
                count,
            })
            .collect();
        let chart = quotes::speakers_bar_chart(
            self.graph,
            &counts,
            &format!(
                "Who is quoted in {}: the most quoted speakers and their number of quotes",
                digest.file.title
            ),
        );
        let neighbour = |i: Option<usize>| {
            i.and_then(|i| self.graph.digests.get(i))
                .map(DigestLink::new)
        };
        #[derive(Serialize)]
        struct Vars<'v> {
            digest: DigestLink<'v>,
            intro_html: String,
            items: Vec<DigestItem<'v>>,
            whos_quoted: Vec<quotes::QuotedSpeaker<'v>>,
            chart_svg: Option<String>,
            newer: Option<DigestLink<'v>>,
            older: Option<DigestLink<'v>>,
        }
        self.render(
            "digest.html",
            meta,
            Vars {
                digest: DigestLink::new(digest),
                intro_html: markdown::markdown_html(&digest.file.text[digest.file.body.clone()]),
                items: self.digest_items(digest),
                whos_quoted,
                chart_svg: chart,
                newer: neighbour(index.checked_sub(1)),
                older: neighbour(Some(index + 1)),
            },
        )
    }

    fn digests_index(&self) -> Result<OutputFile, Diagnostic> {
        #[derive(Serialize)]
        struct Vars<'v> {
            digests: Vec<DigestLink<'v>>,
        }
        let meta = self.meta(
            "Digests".to_string(),
            format!("Every edition of {}", self.config.title),
            "digests/",
        );
        self.render(
            "digests.html",
            meta,
            Vars {
                digests: self.graph.digests.iter().map(DigestLink::new).collect(),
            },
        )
    }

    fn speakers_index(&self) -> Result<OutputFile, Diagnostic> {
        // The speaker's link fields spelled out: `#[serde(flatten)]` goes through a map per
        // entry, a third of this page's time on a site with thousands of speakers.
        #[derive(Serialize)]
        struct Entry<'v> {
            name: &'v str,
            slug: &'v str,
            path: String,
            role: Option<&'v str>,
            organisation: Option<&'v str>,
            count: usize,
            articles: usize,
        }
        let entry = |s: &'a crate::graph::speakers::Speaker| {
            let link = quotes::speaker_link(self.graph, s);
            Entry {
                name: link.name,
                slug: link.slug,
                path: link.path,
                role: link.role,
                organisation: link.organisation,
                count: s.quotes.len(),
                articles: s.articles.len(),
            }
        };
        let all = &self.graph.speakers.speakers;
        let mut by_count: Vec<&crate::graph::speakers::Speaker> =
            all.iter().filter(|s| !s.quotes.is_empty()).collect();
        by_count.sort_by(|a, b| {
            b.quotes
                .len()
                .cmp(&a.quotes.len())
                .then(a.name.cmp(&b.name))
        });
        let mut by_name = by_count.clone();
        by_name.sort_by_cached_key(|s| crate::graph::speakers::name_key(&s.name));
        #[derive(Serialize)]
        struct Vars<'v> {
            by_count: Vec<Entry<'v>>,
            by_name: Vec<Entry<'v>>,
        }
        let meta = self.meta(
            "Speakers".to_string(),
            format!("Everyone quoted in {}", self.config.title),
            "speakers/",
        );
        self.render(
            "speakers.html",
            meta,
            Vars {
                by_count: by_count.iter().map(|s| entry(s)).collect(),
                by_name: by_name.iter().map(|s| entry(s)).collect(),
            },
        )
    }

    /// Page `n` (from 1) of a listing whose first page is at `base`, showing `chunk` of `count`
    /// articles; later pages live at `<base>page/N/`.
    #[allow(clippy::too_many_arguments)]
    fn listing_page(
        &self,
        template: &str,
        base: &str,
        title: &str,
        description: &str,
        (chunk, count): (&[usize], usize),
        topic: Option<&crate::graph::Topic>,
        n: usize,
    ) -> Result<OutputFile, Diagnostic> {
        let total = listing_pages(count, self.config.articles_per_page);
        let articles: Vec<tera::Value> = chunk.iter().map(|&id| self.card_value(id)).collect();
        let page_title = if n == 1 {
            title.to_string()
        } else {
            format!("{title} (page {n})")
        };
        let meta = self.meta(page_title, description.to_string(), &listing_path(base, n));
        #[derive(Serialize)]
        struct Vars<'v> {
            articles: Vec<tera::Value>,
            pagination: PaginationView,
            topic: Option<TopicSummary<'v>>,
        }
        self.render(
            template,
            meta,
            Vars {
                articles,
                pagination: PaginationView {
                    current: n,
                    total,
                    previous: (n > 1).then(|| listing_path(base, n - 1)),
                    next: (n < total).then(|| listing_path(base, n + 1)),
                },
                topic: topic.map(|t| TopicSummary {
                    link: TopicLink::from(t),
                    count: t.articles.len(),
                }),
            },
        )
    }

    fn home(&self) -> Result<OutputFile, Diagnostic> {
        let latest: Vec<tera::Value> =
            (0..self.graph.articles.len().min(self.config.articles_per_page))
                .map(|id| self.card_value(id))
                .collect();
        #[derive(Serialize)]
        struct Vars<'v> {
            articles: Vec<tera::Value>,
            total_articles: usize,
            /// The latest digest leads the home page.
            digest: Option<DigestLink<'v>>,
            digest_items: Vec<DigestItem<'v>>,
        }
        let meta = self.meta(
            self.config.title.clone(),
            self.config.description.clone(),
            "",
        );
        let lead = self.graph.digests.first();
        self.render(
            "index.html",
            meta,
            Vars {
                articles: latest,
                total_articles: self.graph.articles.len(),
                digest: lead.map(DigestLink::new),
                digest_items: lead.map(|d| self.digest_items(d)).unwrap_or_default(),
            },
        )
    }

    fn topics_index(&self) -> Result<OutputFile, Diagnostic> {
        let topics: Vec<TopicSummary> = self
            .graph
            .topics
            .values()
            .map(|t| TopicSummary {
                link: TopicLink::from(t),
                count: t.articles.len(),
            })
            .collect();
        #[derive(Serialize)]
        struct Vars<'v> {
            topics: Vec<TopicSummary<'v>>,
        }
        let meta = self.meta(
            "Topics".to_string(),
            format!("All topics covered by {}", self.config.title),
            "topics/",
        );
        self.render("topics.html", meta, Vars { topics })
    }

    fn not_found(&self) -> Result<OutputFile, Diagnostic> {
        // Served at any URL, so its links start from the base path, not from its own place.
        let meta = PageMeta {
            title: "Page not found".to_string(),
            description: String::new(),
            path: "404.html".to_string(),
            canonical: self.config.base_url.absolute("404.html"),
            root: self.config.base_url.path.clone(),
        };
        self.render("404.html", meta, serde_json::json!({}))
    }

    /// Renders every page; all template problems are collected.
    pub fn render_all(&self) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
        self.render_all_with_progress(&crate::progress::NoProgress)
    }

    /// `render_all`, announcing the render phase with its page count and each page done.
    pub fn render_all_with_progress(
        &self,
        progress: &dyn crate::progress::BuildProgress,
    ) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
        let plan = self.plan();
        progress.phase("render", plan.len());
        let results: Vec<Result<OutputFile, Diagnostic>> = plan
            .par_iter()
            .map(|&page| {
                let file = self.render_page(page);
                progress.item_done();
                file
            })
            .collect();
        let mut files = Vec::with_capacity(results.len());
        let mut problems = Vec::new();
        for result in results {
            match result {
                Ok(file) => files.push(file),
                Err(problem) => report_once(&mut problems, problem),
            }
        }
        if problems.is_empty() {
            Ok(files)
        } else {
            Err(problems)
        }
    }

    /// Renders every page of `plan` in parallel and hands each to `out` as soon as it is made
    /// (the biggest files as they are made), so that a build holds one page per thread rather
    /// than the whole site. Returns the time spent making each kind of page (summed over
    /// threads; writing excluded).
    pub fn render_each(
        &self,
        plan: &[plan::Page],
        progress: &dyn crate::progress::BuildProgress,
        out: &impl PageOutput,
    ) -> Result<Vec<KindTime>, RenderFailure> {
        progress.phase("render", plan.len());
        let write_failed = std::sync::atomic::AtomicBool::new(false);
        let kinds: std::sync::Mutex<Vec<KindTime>> = std::sync::Mutex::new(Vec::new());
        let count = |page: plan::Page, took: std::time::Duration, bytes: usize| {
            let mut kinds = kinds.lock().unwrap_or_else(|e| e.into_inner());
            let kind = page.kind();
            match kinds.iter_mut().find(|k| k.kind == kind) {
                Some(k) => {
                    k.time += took;
                    k.files += 1;
                    k.bytes += bytes;
                }
                None => kinds.push(KindTime {
                    kind,
                    time: took,
                    files: 1,
                    bytes,
                }),
            }
        };
        let write_failure = |e| {
            write_failed.store(true, std::sync::atomic::Ordering::Relaxed);
            RenderFailure::Write(e)
        };
        let render_one = |&page: &plan::Page| {
            // After a write error the build is lost: the remaining pages are not made.
            if write_failed.load(std::sync::atomic::Ordering::Relaxed) {
                return None;
            }
            let began = std::time::Instant::now();
            if self.is_streamed(page) {
                let mut bytes = 0;
                let mut made = Ok(());
                let written = out.write_streamed(&self.file_of(page), &mut |sink| {
                    let mut counted = Counted { sink, bytes: 0 };
                    made = self.stream_page(page, &mut counted);
                    bytes = counted.bytes;
                });
                progress.item_done();
                return match (made, written) {
                    (Err(problem), _) => Some(RenderFailure::Templates(vec![problem])),
                    (Ok(()), Err(e)) => Some(write_failure(e)),
                    (Ok(()), Ok(writing)) => {
                        count(page, began.elapsed().saturating_sub(writing), bytes);
                        None
                    }
                };
            }
            let rendered = self.render_page(page);
            if let Ok(file) = &rendered {
                count(page, began.elapsed(), file.bytes.len());
            }
            let failure = match rendered {
                Ok(file) => out.write(file).err().map(write_failure),
                Err(problem) => Some(RenderFailure::Templates(vec![problem])),
            };
            progress.item_done();
            failure
        };
        // Article pages (the plan's first run) are made before the rest: each frees its
        // body's HTML, so the big files made later never sit beside all the bodies, whichever
        // thread gets to them first (the peak memory at 10k varied by ~30 MiB with it).
        let articles = plan
            .iter()
            .position(|page| !matches!(page, plan::Page::Article(_)))
            .unwrap_or(plan.len());
        let (article_pages, rest) = plan.split_at(articles);
        let mut failures: Vec<RenderFailure> = Vec::new();
        for stage in [article_pages, rest] {
            failures.par_extend(
                stage
                    .par_iter()
                    // Small pieces: rayon's adaptive split otherwise leaves one thread a long
                    // last run of speaker pages while the other sits idle (~100 ms at 10k).
                    .with_max_len(crate::build::PARALLEL_PIECE)
                    .filter_map(render_one),
            );
        }
        let mut problems = Vec::new();
        for failure in failures {
            match failure {
                RenderFailure::Write(e) => return Err(RenderFailure::Write(e)),
                RenderFailure::Templates(found) => {
                    for problem in found {
                        report_once(&mut problems, problem);
                    }
                }
            }
        }
        if problems.is_empty() {
            let mut kinds = kinds.into_inner().unwrap_or_else(|e| e.into_inner());
            kinds.sort_by(|a, b| b.time.cmp(&a.time).then_with(|| a.kind.cmp(b.kind)));
            Ok(kinds)
        } else {
            Err(RenderFailure::Templates(problems))
        }
    }
}

/// A sink that counts the bytes put through it.
struct Counted<'s> {
    sink: &'s mut dyn ByteSink,
    bytes: usize,
}

impl ByteSink for Counted<'_> {
    fn put(&mut self, bytes: &[u8]) {
        self.bytes += bytes.len();
        self.sink.put(bytes);
    }
}

/// The time spent making one kind of file (summed over threads), how many, and their size.
#[derive(Debug, Clone, PartialEq)]
pub struct KindTime {
    pub kind: &'static str,
    pub time: std::time::Duration,
    pub files: usize,
    pub bytes: usize,
}

/// Why `render_each` stopped: template problems (each reported once), or a file not written.
#[derive(Debug)]
pub enum RenderFailure {
    Templates(Vec<Diagnostic>),
    Write(crate::error::Error),
}

/// A broken shared template fails every page alike: it is reported once.
fn report_once(problems: &mut Vec<Diagnostic>, problem: Diagnostic) {
    if !problems.contains(&problem) {
        problems.push(problem);
    }
}

/// How many pages a listing of `count` articles takes (at least one, even when empty).
pub fn listing_pages(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page.max(1)).max(1)
}

/// The site path of page `n` of a listing whose first page is `base`.
pub fn listing_path(base: &str, n: usize) -> String {
    if n == 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

pub fn digest_path(slug: &str) -> String {
    format!("digests/{slug}/")
}

/// A digest as linked and listed.
#[derive(Serialize)]
pub struct DigestLink<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub path: String,
    pub date: Option<DateView>,
    pub summary: Option<&'a str>,
    pub article_count: usize,
}

impl<'a> DigestLink<'a> {
    pub fn new(digest: &'a crate::graph::digests::Digest) -> Self {
        DigestLink {
            slug: &digest.file.slug,
            title: &digest.file.title,
            path: digest_path(&digest.file.slug),
            date: digest.file.date.as_ref().map(DateView::from),
            summary: digest.file.summary.as_deref(),
            article_count: digest.articles.len(),
        }
    }
}

/// One article of a digest.
#[derive(Serialize)]
pub struct DigestItem<'a> {
    #[serde(flatten)]
    pub card: ArticleCard<'a>,
    pub top_quote: Option<quotes::QuoteView<'a>>,
    pub note_html: Option<String>,
}

/// `make(0..count)` run in parallel, a batch at a time, each result handed to `join` in
/// order: a big file's parts are never all held beside the file they are joined into.
pub(crate) fn join_in_order<Part: Send>(
    count: usize,
    make: impl Fn(usize) -> Part + Sync,
    mut join: impl FnMut(Part),
) {
    const BATCH: usize = 1024;
    let mut start = 0;
    while start < count {
        let end = (start + BATCH).min(count);
        let parts: Vec<Part> = (start..end)
            .into_par_iter()
            .with_min_len(32)
            .map(&make)
            .collect();
        parts.into_iter().for_each(&mut join);
        start = end;
    }
}

/// A view as a template value (views are plain data: converting them cannot fail).
fn template_value(view: &impl Serialize) -> tera::Value {
    tera::Value::try_from_serializable(view).unwrap_or_else(|_| tera::Value::none())
}

/// Where a file of the built site goes under an output folder.
pub fn output_path(output: &std::path::Path, file: &OutputFile) -> PathBuf {
    output.join(&file.path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_root_climbs_out_of_folders() {
        assert_eq!(relative_root(""), "./");
        assert_eq!(relative_root("articles/"), "../");
        assert_eq!(relative_root("articles/x/"), "../../");
        assert_eq!(relative_root("topics/x/page/2/"), "../../../../");
    }
}

//! The pipeline: load → parse → link → render → write, with the time each phase took.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::build_record;
use crate::config::{Config, Overrides};
use crate::content;
use crate::error::{Diagnostic, Error, Result};
use crate::graph::SiteGraph;
use crate::output;
use crate::progress::{BuildProgress, NoProgress};
use crate::render::{OutputFile, RenderFailure, Renderer, templates};

/// The most items (files, articles, pages) one parallel job handles in a row. Rayon's adaptive
/// split otherwise can leave one thread a long last run while the other core sits idle.
pub(crate) const PARALLEL_PIECE: usize = 8;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub overrides: Overrides,
    /// Include articles marked `draft = true`.
    pub drafts: bool,
    /// Replace an output folder that holds something other than a built site.
    pub force: bool,
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub files_written: usize,
    /// Nothing changed since the last build into the same output: no file was written.
    pub unchanged: bool,
    pub pages: usize,
    pub articles: usize,
    pub topics: usize,
    pub quotes: usize,
    pub speakers: usize,
    pub drafts_skipped: usize,
    pub warnings: Vec<Diagnostic>,
    pub phases: Vec<(&'static str, Duration)>,
    /// The render phase by kind of file, slowest first (empty when nothing was rendered).
    pub page_kinds: Vec<crate::render::KindTime>,
    pub elapsed: Duration,
}

/// A built site held in memory: the pages and what they came from.
pub struct SiteBuild {
    pub config: Config,
    pub graph: SiteGraph,
    pub pages: Vec<OutputFile>,
    pub statics: Vec<output::StaticFile>,
    pub warnings: Vec<Diagnostic>,
    pub drafts_skipped: usize,
    pub phases: Vec<(&'static str, Duration)>,
}

struct PhaseClock {
    last: Instant,
    phases: Vec<(&'static str, Duration)>,
}

impl PhaseClock {
    fn new() -> Self {
        PhaseClock {
            last: Instant::now(),
            phases: Vec::new(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.phases.push((name, now - self.last));
        self.last = now;
    }
}

/// Every problem found so far (errors first, then warnings), as the build's failure.
pub(crate) fn failure(mut diagnostics: Vec<Diagnostic>) -> Error {
    diagnostics.sort_by(|a, b| (a.severity, &a.path, a.line).cmp(&(b.severity, &b.path, b.line)));
    Error::Diagnostics(diagnostics)
}

fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// Everything a build knows before rendering: the linked site and its templates.
struct Prepared {
    config: Config,
    graph: SiteGraph,
    tera: tera::Tera,
    sources: templates::TemplateSources,
    statics: Vec<output::StaticFile>,
    diagnostics: Vec<Diagnostic>,
    drafts_skipped: usize,
    clock: PhaseClock,
}

/// Load, parse, extract and link; `beside_load` runs while the input folders are listed
/// (before any input is read), and what it returns comes back with the result.
fn prepare<T: Send>(
    options: &BuildOptions,
    config: Config,
    progress: &dyn BuildProgress,
    beside_load: impl FnOnce() -> T + Send,
) -> Result<(Prepared, T)> {
    let mut clock = PhaseClock::new();
    let root = options.root.as_path();
    progress.phase("load", 0);
    let (found, beside) = rayon::join(
        || Ok::<_, Error>((content::find_articles(root)?, output::find_static(root)?)),
        beside_load,
    );
    let (files, statics) = found?;
    clock.lap("load");

    progress.phase("parse", files.len());
    // The speaker registry, digests and templates are read while the articles are parsed.
    let (parsed, ((registry, speaker_problems), (mut digest_files, digest_problems), templates)) =
        rayon::join(
            || content::parse_all_with_progress(root, &files, progress),
            || {
                (
                    content::speaker::load_all(root),
                    content::digest::load_all(root),
                    templates::load(root),
                )
            },
        );
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut articles = Vec::with_capacity(parsed.len());
    let mut drafts_skipped = 0;
    for p in parsed {
        diagnostics.extend(p.diagnostics);
        if let Some(article) = p.article {
            if article.draft && !options.drafts {
                drafts_skipped += 1;
            } else {
                articles.push(article);
            }
        }
    }
    diagnostics.extend(speaker_problems);
    diagnostics.extend(digest_problems);
    digest_files.retain(|d| options.drafts || !d.draft);
    clock.lap("parse");

    // Extract: quotations and the editor's annotations, per article in parallel. Each article
    // is shared (`Arc`) from here on: put in its own allocation here, in parallel, not one
    // after another by the graph.
    progress.phase("extract", articles.len());
    let (articles, unmatched): (Vec<std::sync::Arc<content::Article>>, Vec<Vec<Diagnostic>>) =
        articles
            .into_par_iter()
            .with_max_len(PARALLEL_PIECE)
            .map(|mut article| {
                let unmatched = article.extract();
                progress.item_done();
                (std::sync::Arc::new(article), unmatched)
            })
            .unzip();
    diagnostics.extend(unmatched.into_iter().flatten());
    clock.lap("extract");
    let (tera, sources) = match templates {
        Ok(loaded) if !has_errors(&diagnostics) => loaded,
        Ok(_) => return Err(failure(diagnostics)),
        Err(problems) => {
            diagnostics.extend(problems);
            return Err(failure(diagnostics));
        }
    };

    progress.phase("link", 0);
    let graph = SiteGraph::build(articles, registry, digest_files).map_err(|problems| {
        diagnostics.extend(problems);
        failure(std::mem::take(&mut diagnostics))
    })?;
    clock.lap("link");
    let prepared = Prepared {
        config,
        graph,
        tera,
        sources,
        statics,
        diagnostics,
        drafts_skipped,
        clock,
    };
    Ok((prepared, beside))
}

/// Builds the whole site in memory; nothing is written.
pub fn build_in_memory(options: &BuildOptions) -> Result<SiteBuild> {
    build_in_memory_with_progress(options, &NoProgress)
}

/// `build_in_memory`, telling `progress` where it is.
pub fn build_in_memory_with_progress(
    options: &BuildOptions,
    progress: &dyn BuildProgress,
) -> Result<SiteBuild> {
    let (
        Prepared {
            config,
            graph,
            tera,
            sources,
            statics,
            mut diagnostics,
            drafts_skipped,
            mut clock,
        },
        (),
    ) = prepare(
        options,
        Config::load(&options.root, &options.overrides)?,
        progress,
        || (),
    )?;
    let pages = Renderer::new(&config, &graph, &tera, &sources)
        .render_all_with_progress(progress)
        .map_err(|problems| {
            diagnostics.extend(problems);
            failure(std::mem::take(&mut diagnostics))
        })?;
    diagnostics.extend(output::static_conflicts(
        pages.iter().map(|p| p.path.as_str()),
        &statics,
    ));
    if has_errors(&diagnostics) {
        return Err(failure(diagnostics));
    }
    clock.lap("render");
    Ok(SiteBuild {
        config,
        graph,
        pages,
        statics,
        warnings: diagnostics,
        drafts_skipped,
        phases: clock.phases,
    })
}

/// Whether this process ends right after its build (`gazette build`): see `exit_after_build`.
static EXIT_AFTER_BUILD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Tells builds that the process exits when they are done: the site's graph and templates are
/// then left to the operating system to reclaim, not freed one allocation at a time (tens of
/// milliseconds at 10,000 articles). Long-running callers (`serve`) never call it.
pub fn exit_after_build() {
    EXIT_AFTER_BUILD.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Builds the site and swaps it into the output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_with_progress(options, &NoProgress)
}

/// `build`, telling `progress` where it is. Pages are written into a staging folder as they
/// are rendered (never all held at once), and the folder is swapped in when all are there.
pub fn build_with_progress(
    options: &BuildOptions,
    progress: &dyn BuildProgress,
) -> Result<BuildReport> {
    let started = Instant::now();
    let config = Config::load(&options.root, &options.overrides)?;
    if let Some(report) = build_record::unchanged(options, &config.output_dir) {
        return Ok(report);
    }
    let output_dir = config.output_dir.clone();
    let (
        Prepared {
            config,
            graph,
            tera,
            sources,
            statics,
            mut diagnostics,
            drafts_skipped,
            mut clock,
        },
        snapshot,
    ) = prepare(options, config, progress, || {
        build_record::snapshot(options, &output_dir)
    })?;
    output::check_output_dir(&options.root, &config.output_dir, options.force)?;
    let renderer = Renderer::new(&config, &graph, &tera, &sources);
    let plan = renderer.plan();
    let paths: Vec<String> = plan
        .par_iter()
        .map(|&page| renderer.file_of(page))
        .collect();
    diagnostics.extend(output::static_conflicts(
        paths.iter().map(String::as_str),
        &statics,
    ));
    if has_errors(&diagnostics) {
        return Err(failure(diagnostics));
    }
    let pages = paths.iter().filter(|p| p.ends_with(".html")).count();
    drop(paths);
    let staging = output::Staging::begin(&config.output_dir)?;
    let out = StagingOutput {
        staging: &staging,
        writing_nanos: std::sync::atomic::AtomicU64::new(0),
    };
    let kinds = match renderer.render_each(&plan, progress, &out) {
        Ok(kinds) => kinds,
        Err(RenderFailure::Write(e)) => return Err(e),
        Err(RenderFailure::Templates(problems)) => {
            diagnostics.extend(problems);
            return Err(failure(diagnostics));
        }
    };
    clock.lap("render");
    // Pages are written while others render: the time writing them is summed over threads.
    let writing = Duration::from_nanos(out.writing_nanos.into_inner());
    progress.phase("write", 0);
    build_record::forget(&options.root, &config.output_dir);
    let finished = staging.finish(plan.len(), &statics)?;
    let swap = clock.last.elapsed();
    clock.phases.push(("write", writing));
    clock.phases.push(("swap", swap));
    let mut report = BuildReport {
        output: config.output_dir.clone(),
        files_written: finished.files,
        unchanged: false,
        pages,
        articles: graph.articles.len(),
        topics: graph.topics.len(),
        quotes: graph.articles.iter().map(|a| a.quotes.len()).sum(),
        speakers: graph.speakers.speakers.len(),
        drafts_skipped,
        warnings: diagnostics,
        phases: clock.phases,
        page_kinds: kinds,
        elapsed: Duration::ZERO,
    };
    let record = || {
        build_record::record(
            snapshot,
            &options.root,
            &config.output_dir,
            finished.stamps,
            &report,
        )
    };
    if EXIT_AFTER_BUILD.load(std::sync::atomic::Ordering::Relaxed) {
        std::mem::forget(renderer);
        std::mem::forget((graph, tera, sources, plan));
        record();
    } else {
        drop(renderer);
        // Freeing the graph's many small allocations takes a while: done beside the record.
        rayon::join(|| drop((graph, tera, sources, plan)), record);
    }
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Rendered files written into the staging folder, the time spent writing them summed.
struct StagingOutput<'s> {
    staging: &'s output::Staging,
    writing_nanos: std::sync::atomic::AtomicU64,
}

impl StagingOutput<'_> {
    fn add_writing(&self, took: Duration) {
        let nanos = u64::try_from(took.as_nanos()).unwrap_or(u64::MAX);
        self.writing_nanos
            .fetch_add(nanos, std::sync::atomic::Ordering::Relaxed);
    }
}

impl crate::render::PageOutput for StagingOutput<'_> {
    fn write(&self, file: OutputFile) -> Result<()> {
        let began = Instant::now();
        let written = self.staging.write(&file.path, &file.bytes);
        self.add_writing(began.elapsed());
        written
    }

    fn write_streamed(
        &self,
        path: &str,
        fill: &mut dyn FnMut(&mut dyn crate::render::ByteSink),
    ) -> Result<Duration> {
        let writing = self.staging.write_with(path, |file| {
            let mut sink = output::FileSink::new(file);
            fill(&mut sink);
            sink.finish()
        })?;
        self.add_writing(writing);
        Ok(writing)
    }
}

/// The output folder as the user would name it: relative to the current folder when inside it.
pub fn display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = path.strip_prefix(&cwd).unwrap_or(path);
    shown
        .strip_prefix(".")
        .unwrap_or(shown)
        .display()
        .to_string()
}

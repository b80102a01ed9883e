//! The pipeline: load → parse → link → render → write, with the time each phase took.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{Config, Overrides};
use crate::content;
use crate::error::{Diagnostic, Error, Result};
use crate::graph::SiteGraph;
use crate::output;
use crate::progress::{BuildProgress, NoProgress};
use crate::render::{OutputFile, Renderer, templates};

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
    pub pages: usize,
    pub articles: usize,
    pub topics: usize,
    pub quotes: usize,
    pub speakers: usize,
    pub drafts_skipped: usize,
    pub warnings: Vec<Diagnostic>,
    pub phases: Vec<(&'static str, Duration)>,
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

/// Builds the whole site in memory; nothing is written.
pub fn build_in_memory(options: &BuildOptions) -> Result<SiteBuild> {
    build_in_memory_with_progress(options, &NoProgress)
}

/// `build_in_memory`, telling `progress` where it is.
pub fn build_in_memory_with_progress(
    options: &BuildOptions,
    progress: &dyn BuildProgress,
) -> Result<SiteBuild> {
    let mut clock = PhaseClock::new();
    let root = options.root.as_path();
    progress.phase("load", 0);
    let config = Config::load(root, &options.overrides)?;
    let files = content::find_articles(root)?;
    let statics = output::find_static(root)?;
    clock.lap("load");

    progress.phase("parse", files.len());
    let parsed = content::parse_all_with_progress(root, &files, progress);
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
    let (registry, speaker_problems) = content::speaker::load_all(root);
    diagnostics.extend(speaker_problems);
    let (mut digest_files, digest_problems) = content::digest::load_all(root);
    diagnostics.extend(digest_problems);
    digest_files.retain(|d| options.drafts || !d.draft);
    let templates = templates::load(root);
    clock.lap("parse");

    // Extract: quotations and the editor's annotations, per article in parallel.
    progress.phase("extract", articles.len());
    let unmatched: Vec<Vec<Diagnostic>> = articles
        .par_iter_mut()
        .map(|article| {
            let unmatched = article.extract();
            progress.item_done();
            unmatched
        })
        .collect();
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

    let pages = Renderer::new(&config, &graph, &tera, &sources)
        .render_all_with_progress(progress)
        .map_err(|problems| {
            diagnostics.extend(problems);
            failure(std::mem::take(&mut diagnostics))
        })?;
    diagnostics.extend(output::static_conflicts(&pages, &statics));
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

/// Builds the site and swaps it into the output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_with_progress(options, &NoProgress)
}

/// `build`, telling `progress` where it is.
pub fn build_with_progress(
    options: &BuildOptions,
    progress: &dyn BuildProgress,
) -> Result<BuildReport> {
    let started = Instant::now();
    let site = build_in_memory_with_progress(options, progress)?;
    output::check_output_dir(&options.root, &site.config.output_dir, options.force)?;
    progress.phase("write", 0);
    let write_started = Instant::now();
    let files_written = output::write_site(&site.config.output_dir, &site.pages, &site.statics)?;
    let mut phases = site.phases;
    phases.push(("write", write_started.elapsed()));
    Ok(BuildReport {
        output: site.config.output_dir.clone(),
        files_written,
        pages: site
            .pages
            .iter()
            .filter(|p| p.path.ends_with(".html"))
            .count(),
        articles: site.graph.articles.len(),
        topics: site.graph.topics.len(),
        quotes: site.graph.articles.iter().map(|a| a.quotes.len()).sum(),
        speakers: site.graph.speakers.speakers.len(),
        drafts_skipped: site.drafts_skipped,
        warnings: site.warnings,
        phases,
        elapsed: started.elapsed(),
    })
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

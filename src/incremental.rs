//! Rebuilds after edits, for `gazette serve` and `gazette watch`: each input file is parsed and
//! extracted again only when its bytes change, the graph is rebuilt from the cached articles,
//! and only the pages whose inputs changed (`render::inputs`) are rendered; only files whose
//! bytes change are written, each atomically. When an edit changes nothing that other pages
//! show of an article (its `facts`), the graph is kept and only the article's page is redone.
//! The invariant, tested in tests/incremental.rs: the output equals a clean full build.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use rayon::prelude::*;
use tera::Tera;

use crate::build::{BuildOptions, failure};
use crate::build_record::{RACY, hash_bytes};
use crate::config::Config;
use crate::content::{self, Article, ArticleFile, CONTENT_DIR, digest, speaker};
use crate::error::{Diagnostic, Error, Result};
use crate::graph::SiteGraph;
use crate::output::{self, StaticFile, THEME_ASSETS};
use crate::render::inputs::{Fingerprints, hash_debug};
use crate::render::plan::Page;
use crate::render::templates::{self, TemplateSources};
use crate::render::{OutputFile, Renderer};

/// A file's size and modification time: when both are unchanged the file is not read again,
/// unless it changed too recently after the last read to tell (see `Cached::read_at`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// An article file as last read.
struct Cached {
    file: ArticleFile,
    stamps: (Option<Stamp>, Option<Stamp>),
    read_at: SystemTime,
    /// Of the file's bytes (and its `.toml` beside it).
    content: u64,
    article: Option<Arc<Article>>,
    diagnostics: Vec<Diagnostic>,
}

impl Cached {
    fn is_fresh(&self, file: &ArticleFile, stamps: (Option<Stamp>, Option<Stamp>)) -> bool {
        let settled = |s: Option<Stamp>| {
            s.and_then(|s| s.modified)
                .is_some_and(|m| m + RACY < self.read_at)
                || s.is_none()
        };
        self.file == *file && self.stamps == stamps && settled(stamps.0) && settled(stamps.1)
    }
}

/// A file written by the last build, and what it was made from.
#[derive(Clone, Copy)]
struct Written {
    inputs: u64,
    bytes: u64,
}

/// What the last good build left, to compare the next one with.
struct Last {
    config: Config,
    tera: Tera,
    sources: TemplateSources,
    templates: u64,
    registry: u64,
    /// The registry's names alone (files, slugs, names, aliases): what the graph is made from.
    registry_names: u64,
    digests: u64,
    global: u64,
    graph: SiteGraph,
    fingerprints: Fingerprints,
    /// Article id in `graph` by file path.
    ids: HashMap<PathBuf, usize>,
    /// The plan's pages with their files, as long as the graph is the same.
    paths: Vec<(Page, String)>,
    /// Generated files.
    pages: HashMap<String, Written>,
    /// Static and theme files: output path → what it was copied from.
    assets: HashMap<String, u64>,
}

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct Rebuild {
    /// Output files written or removed, relative to the output folder.
    pub written: Vec<String>,
    pub removed: Vec<String>,
    /// Pages rendered (some may have come out the same and not been written).
    pub rendered: usize,
    /// Article files read and extracted again.
    pub reparsed: usize,
    /// The graph was kept: only articles' own pages changed.
    pub fast: bool,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    pub pages: usize,
}

/// A site being edited: its inputs as last read and its output as last written.
pub struct Session {
    options: BuildOptions,
    articles: HashMap<PathBuf, Cached>,
    last: Option<Last>,
    /// Parts of the big data files, kept while their inputs stay.
    fragments: crate::render::Fragments,
    /// The warnings of the last build, to print only new ones.
    warned: HashSet<Diagnostic>,
}

fn main_path(file: &ArticleFile) -> &Path {
    match file {
        ArticleFile::Markdown(path) | ArticleFile::Text { text: path, .. } => path,
    }
}

fn stamps_of(file: &ArticleFile) -> (Option<Stamp>, Option<Stamp>) {
    match file {
        ArticleFile::Markdown(path) => (Stamp::of(path), None),
        ArticleFile::Text { text, meta } => (Stamp::of(text), meta.as_deref().and_then(Stamp::of)),
    }
}

/// Reads, parses and extracts one article file.
fn load_article(root: &Path, file: &ArticleFile) -> Cached {
    let read_at = SystemTime::now();
    let stamps = stamps_of(file);
    let mut content = DefaultHasher::new();
    let main = main_path(file);
    fs::read(main).ok().hash(&mut content);
    if let ArticleFile::Text {
        meta: Some(meta), ..
    } = file
    {
        fs::read(meta).ok().hash(&mut content);
    }
    let parsed = content::parse_all(root, std::slice::from_ref(file))
        .pop()
        .unwrap_or(content::Parsed {
            article: None,
            diagnostics: Vec::new(),
        });
    let mut diagnostics = parsed.diagnostics;
    let article = parsed.article.map(|mut article| {
        diagnostics.extend(article.extract());
        Arc::new(article)
    });
    Cached {
        file: file.clone(),
        stamps,
        read_at,
        content: content.finish(),
        article,
        diagnostics,
    }
}

/// Writes a file by a temporary beside it and a rename, so a reader never sees half of it.
fn write_atomic(target: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = target.parent() {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".gazette-{}.tmp", std::process::id()));
    let temporary = target.with_file_name(name);
    fs::write(&temporary, bytes).map_err(|e| Error::io(&temporary, e))?;
    fs::rename(&temporary, target).map_err(|e| {
        let _ = fs::remove_file(&temporary);
        Error::io(target, e)
    })
}

/// Removes an output file and the folders it leaves empty, up to the output folder.
fn remove_output(output: &Path, file: &str) {
    let target = output.join(file);
    let _ = fs::remove_file(&target);
    let mut dir = target.parent();
    while let Some(d) = dir {
        if d == output || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// The static and theme files the output should hold: path → (what it is made from, where from).
fn wanted_assets(statics: &[StaticFile]) -> HashMap<String, (u64, Option<PathBuf>)> {
    let mut assets: HashMap<String, (u64, Option<PathBuf>)> = THEME_ASSETS
        .iter()
        .map(|(path, bytes)| (path.to_string(), (hash_bytes(bytes), None)))
        .collect();
    for file in statics {
        let mut h = DefaultHasher::new();
        file.source.hash(&mut h);
        hash_debug(&mut h, &Stamp::of(&file.source));
        assets.insert(file.path.clone(), (h.finish(), Some(file.source.clone())));
    }
    assets
}

/// Copies the static and theme files that changed and removes those gone. `was_page`: a page
/// of the last build stood at this path; `is_page`: one stands there now.
fn sync_assets(
    output: &Path,
    previous: &HashMap<String, u64>,
    wanted: &HashMap<String, (u64, Option<PathBuf>)>,
    was_page: &dyn Fn(&str) -> bool,
    is_page: &dyn Fn(&str) -> bool,
    report: &mut Rebuild,
) -> Result<()> {
    for (file, (made_from, source)) in wanted {
        if previous.get(file) == Some(made_from) && !was_page(file) {
            continue;
        }
        let bytes = match source {
            Some(source) => fs::read(source).map_err(|e| Error::io(source, e))?,
            None => THEME_ASSETS
                .iter()
                .find(|(p, _)| p == file)
                .map_or(Vec::new(), |(_, b)| b.to_vec()),
        };
        write_atomic(&output.join(file), &bytes)?;
        report.written.push(file.clone());
    }
    for file in previous.keys() {
        if !wanted.contains_key(file) && !is_page(file) {
            remove_output(output, file);
            report.removed.push(file.clone());
        }
    }
    Ok(())
}

impl Session {
    pub fn new(options: BuildOptions) -> Session {
        Session {
            options,
            articles: HashMap::new(),
            last: None,
            warned: HashSet::new(),
            fragments: crate::render::Fragments::default(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// The output folder of the last good build.
    pub fn output_dir(&self) -> Option<&Path> {
        self.last.as_ref().map(|l| l.config.output_dir.as_path())
    }

    /// Brings the article cache up to date. `hint` names the files known to have changed; with
    /// none, or when one is new or gone, the whole content folder is walked.
    fn refresh_articles(&mut self, hint: Option<&[PathBuf]>) -> Result<usize> {
        let root = self.options.root.clone();
        let articles_dir = root.join(CONTENT_DIR).join(content::ARTICLES_DIR);
        let known: HashMap<&Path, &PathBuf> = self
            .articles
            .iter()
            .flat_map(|(key, c)| {
                let meta = match &c.file {
                    ArticleFile::Text {
                        meta: Some(meta), ..
                    } => Some(meta.as_path()),
                    _ => None,
                };
                std::iter::once((key.as_path(), key)).chain(meta.map(|m| (m, key)))
            })
            .collect();
        // Only edits of files already known (still there) can skip the walk.
        let targeted: Option<Vec<PathBuf>> = hint.and_then(|paths| {
            let mut keys = Vec::new();
            for path in paths {
                if !path.starts_with(&articles_dir) {
                    continue;
                }
                let key = known.get(path.as_path())?;
                if !path.is_file() {
                    return None;
                }
                keys.push((*key).clone());
            }
            Some(keys)
        });
        let files: Vec<ArticleFile> = match &targeted {
            Some(keys) => keys
                .iter()
                .filter_map(|k| self.articles.get(k).map(|c| c.file.clone()))
                .collect(),
            None => content::find_articles(&root)?,
        };
        let forced: HashSet<&Path> = hint
            .unwrap_or_default()
            .iter()
            .map(PathBuf::as_path)
            .collect();
        let stale: Vec<&ArticleFile> = files
            .par_iter()
            .filter(|file| {
                let key = main_path(file);
                let forced = forced.contains(key)
                    || matches!(file, ArticleFile::Text { meta: Some(m), .. } if forced.contains(m.as_path()));
                match self.articles.get(key) {
                    Some(cached) => forced || !cached.is_fresh(file, stamps_of(file)),
                    None => true,
                }
            })
            .collect();
        let loaded: Vec<Cached> = stale.par_iter().map(|f| load_article(&root, f)).collect();
        let mut reparsed = 0;
        for fresh in loaded {
            let key = main_path(&fresh.file).to_path_buf();
            match self.articles.get_mut(&key) {
                // Same bytes: keep the article (and its place in the graph) as it was.
                Some(old) if old.content == fresh.content && old.file == fresh.file => {
                    old.stamps = fresh.stamps;
                    old.read_at = fresh.read_at;
                }
                _ => {
                    reparsed += 1;
                    self.articles.insert(key, fresh);
                }
            }
        }
        if targeted.is_none() {
            let present: HashSet<&Path> = files.iter().map(main_path).collect();
            self.articles
                .retain(|key, _| present.contains(key.as_path()));
        }
        Ok(reparsed)
    }

    /// Builds the site, or rebuilds what changed since the last good build. `hint` names the
    /// files the watcher saw change (`None`: look at everything). On failure the output is left
    /// as it was and the next call starts from the last good build.
    pub fn rebuild(&mut self, hint: Option<&[PathBuf]>) -> Result<Rebuild> {
        let started = Instant::now();
        let root = self.options.root.clone();
        let config = Config::load(&root, &self.options.overrides)?;
        if self
            .last
            .as_ref()
            .is_some_and(|l| l.config.output_dir != config.output_dir)
        {
            // A new output folder starts whole.
            self.last = None;
        }
        let reparsed = self.refresh_articles(hint)?;

        let mut diagnostics: Vec<Diagnostic> = Vec::new();
        // In no particular order: the graph orders articles itself.
        let mut articles: Vec<Arc<Article>> = Vec::with_capacity(self.articles.len());
        for cached in self.articles.values() {
            diagnostics.extend(cached.diagnostics.iter().cloned());
            if let Some(article) = &cached.article {
                if self.options.drafts || !article.draft {
                    articles.push(article.clone());
                }
            }
        }
        let (registry, problems) = speaker::load_all(&root);
        diagnostics.extend(problems);
        let (mut digest_files, problems) = digest::load_all(&root);
        diagnostics.extend(problems);
        digest_files.retain(|d| self.options.drafts || !d.draft);
        let statics = output::find_static(&root)?;

        let templates_fp = templates::site_fingerprint(&root);
        let fingerprint = |value: &dyn std::fmt::Debug| {
            let mut h = DefaultHasher::new();
            hash_debug(&mut h, &value);
            h.finish()
        };
        let registry_fp = fingerprint(&registry);
        let registry_names = {
            let mut h = DefaultHasher::new();
            for entry in &registry {
                (&entry.path, &entry.slug, &entry.name, &entry.aliases).hash(&mut h);
            }
            h.finish()
        };
        let digests_fp = fingerprint(&digest_files);
        let global = {
            let mut h = DefaultHasher::new();
            hash_debug(&mut h, &config);
            templates_fp.hash(&mut h);
            self.options.drafts.hash(&mut h);
            env!("CARGO_PKG_VERSION").hash(&mut h);
            h.finish()
        };
        // Templates are parsed again only when the site's own changed.
        let reused = self
            .last
            .as_mut()
            .filter(|l| l.templates == templates_fp)
            .map(|l| (l.tera.clone(), l.sources.clone()));
        let loaded = match reused {
            Some(loaded) => Ok(loaded),
            None => templates::load(&root),
        };
        let (tera, sources) = match loaded {
            Ok(loaded) => loaded,
            Err(problems) => {
                diagnostics.extend(problems);
                return Err(failure(diagnostics));
            }
        };
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(failure(diagnostics));
        }
        // Only warnings the last build did not already give are worth printing again.
        let mut warnings: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| !self.warned.contains(d))
            .cloned()
            .collect();
        warnings.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        self.warned = diagnostics.into_iter().collect();

        if let Some(mut report) =
            self.try_fast(&articles, global, registry_fp, digests_fp, &statics)?
        {
            report.reparsed = reparsed;
            report.warnings = warnings;
            report.elapsed = started.elapsed();
            return Ok(report);
        }

        // A registry edit that renames nobody (a role, a bio) leaves the graph as it was: the
        // entries are swapped in and only the pages showing them are redone.
        let kept = self.last.as_mut().filter(|last| {
            last.global == global
                && last.digests == digests_fp
                && last.registry_names == registry_names
                && last.graph.registry.len() == registry.len()
                && articles.len() == last.graph.articles.len()
                && articles.iter().all(|a| {
                    last.ids
                        .get(&a.path)
                        .is_some_and(|&id| Arc::ptr_eq(&last.graph.articles[id], a))
                })
        });
        let (graph, same_pages) = match kept {
            Some(last) => {
                let empty = SiteGraph::build(Vec::<Article>::new(), Vec::new(), Vec::new())
                    .map_err(failure)?;
                let mut graph = std::mem::replace(&mut last.graph, empty);
                graph.registry = registry;
                // Should this pass fail, the empty graph left behind makes the next one build
                // the graph again (the page map still describes the output as written).
                let same = (
                    std::mem::take(&mut last.paths),
                    std::mem::take(&mut last.ids),
                );
                (graph, Some(same))
            }
            None => {
                let graph =
                    SiteGraph::build(articles, registry, digest_files).map_err(|problems| {
                        let mut all = warnings.clone();
                        all.extend(problems);
                        failure(all)
                    })?;
                (graph, None)
            }
        };
        let fingerprints = Fingerprints::new(&graph, global);
        let renderer = Renderer::new(&config, &graph, &tera, &sources)
            .with_cache(&fingerprints, &self.fragments);
        let (paths, ids) = match same_pages {
            Some(same) => same,
            None => {
                let paths: Vec<(Page, String)> = renderer
                    .plan()
                    .par_iter()
                    .map(|&page| (page, renderer.file_of(page)))
                    .collect();
                let ids: HashMap<PathBuf, usize> = graph
                    .articles
                    .iter()
                    .enumerate()
                    .map(|(id, a)| (a.path.clone(), id))
                    .collect();
                (paths, ids)
            }
        };
        let files: Vec<(Page, &str, u64)> = paths
            .par_iter()
            .map(|(page, file)| (*page, file.as_str(), renderer.inputs(*page, &fingerprints)))
            .collect();
        let previous = self.last.as_ref().map(|l| &l.pages);
        let to_render: Vec<&(Page, &str, u64)> = files
            .iter()
            .filter(|(_, file, inputs)| {
                previous
                    .and_then(|p| p.get(*file))
                    .is_none_or(|w| w.inputs != *inputs)
            })
            .collect();
        let rendered: Vec<std::result::Result<(OutputFile, u64), Diagnostic>> = to_render
            .par_iter()
            .map(|(page, _, inputs)| renderer.render_page(*page).map(|f| (f, *inputs)))
            .collect();
        let mut problems = Vec::new();
        let mut changed: Vec<(OutputFile, u64)> = Vec::new();
        for result in rendered {
            match result {
                Ok(done) => changed.push(done),
                Err(problem) if !problems.contains(&problem) => problems.push(problem),
                Err(_) => {}
            }
        }
        problems.extend(output::static_conflicts(
            files.iter().map(|(_, file, _)| *file),
            &statics,
        ));
        if !problems.is_empty() {
            let mut all = warnings.clone();
            all.extend(problems);
            return Err(failure(all));
        }
        drop(renderer);
        let rendered_count = changed.len();
        let page_count = files.len();

        let mut report = Rebuild {
            rendered: rendered_count,
            reparsed,
            warnings,
            pages: page_count,
            ..Rebuild::default()
        };
        let mut pages: HashMap<String, Written> = HashMap::with_capacity(files.len());
        let assets_wanted = wanted_assets(&statics);
        match self.last.take() {
            None => {
                // The first build swaps in a whole new tree, so nothing stale survives from before.
                output::check_output_dir(&root, &config.output_dir, self.options.force)?;
                let all: Vec<OutputFile> = changed.iter().map(|(f, _)| f.clone()).collect();
                output::write_site(&config.output_dir, &all, &statics)?;
                for (file, inputs) in &changed {
                    pages.insert(
                        file.path.clone(),
                        Written {
                            inputs: *inputs,
                            bytes: hash_bytes(&file.bytes),
                        },
                    );
                }
                report.written = all.into_iter().map(|f| f.path).collect();
            }
            Some(last) => {
                let output_dir = config.output_dir.clone();
                if output_dir != last.config.output_dir {
                    // Pages are written into it one by one, not swapped in whole: --force cannot apply.
                    output::check_output_dir(&root, &output_dir, false)?;
                }
                // The last build's map, brought up to date in place.
                pages = last.pages;
                let write: Vec<(&OutputFile, u64, u64)> = changed
                    .iter()
                    .map(|(f, inputs)| (f, *inputs, hash_bytes(&f.bytes)))
                    .collect();
                let write: Vec<(&OutputFile, u64, u64)> = write
                    .into_iter()
                    .filter(|(f, inputs, bytes)| match pages.get_mut(&f.path) {
                        Some(w) if w.bytes == *bytes => {
                            // Rendered again to the same bytes: nothing to write.
                            w.inputs = *inputs;
                            false
                        }
                        _ => true,
                    })
                    .collect();
                write
                    .par_iter()
                    .try_for_each(|(f, _, _)| write_atomic(&output_dir.join(&f.path), &f.bytes))?;
                for (file, inputs, bytes) in &write {
                    pages.insert(
                        file.path.clone(),
                        Written {
                            inputs: *inputs,
                            bytes: *bytes,
                        },
                    );
                }
                report.written = write.iter().map(|(f, _, _)| f.path.clone()).collect();
                // Pages gone from the site, then assets.
                let wanted: HashSet<&str> = files.iter().map(|(_, f, _)| *f).collect();
                let gone: HashSet<String> = pages
                    .keys()
                    .filter(|file| !wanted.contains(file.as_str()))
                    .cloned()
                    .collect();
                for file in &gone {
                    pages.remove(file);
                    if !assets_wanted.contains_key(file) {
                        remove_output(&output_dir, file);
                        report.removed.push(file.clone());
                    }
                }
                let old_pages = gone;
                sync_assets(
                    &output_dir,
                    &last.assets,
                    &assets_wanted,
                    &|file| old_pages.contains(file),
                    &|file| wanted.contains(file),
                    &mut report,
                )?;
            }
        }
        report.written.sort();
        report.removed.sort();
        self.last = Some(Last {
            config,
            tera,
            sources,
            templates: templates_fp,
            registry: registry_fp,
            registry_names,
            digests: digests_fp,
            global,
            graph,
            fingerprints,
            ids,
            paths,
            pages,
            assets: assets_wanted
                .into_iter()
                .map(|(k, (v, _))| (k, v))
                .collect(),
        });
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// When only articles changed, and none in what other pages show of it, the graph stays:
    /// the new texts take their old places and only their own pages are rendered.
    fn try_fast(
        &mut self,
        articles: &[Arc<Article>],
        global: u64,
        registry: u64,
        digests: u64,
        statics: &[StaticFile],
    ) -> Result<Option<Rebuild>> {
        let Some(last) = self.last.as_mut() else {
            return Ok(None);
        };
        if last.global != global
            || last.registry != registry
            || last.digests != digests
            || articles.len() != last.graph.articles.len()
        {
            return Ok(None);
        }
        let mut swaps: Vec<(usize, &Arc<Article>)> = Vec::new();
        for article in articles {
            let Some(&id) = last.ids.get(&article.path) else {
                return Ok(None);
            };
            let old = &last.graph.articles[id];
            if Arc::ptr_eq(old, article) {
                continue;
            }
            if old.facts != article.facts {
                return Ok(None);
            }
            swaps.push((id, article));
        }
        let previous: Vec<Arc<Article>> = swaps
            .iter()
            .map(|&(id, article)| std::mem::replace(&mut last.graph.articles[id], article.clone()))
            .collect();
        let renderer = Renderer::new(&last.config, &last.graph, &last.tera, &last.sources);
        let rendered: Vec<(String, u64, std::result::Result<OutputFile, Diagnostic>)> = swaps
            .par_iter()
            .map(|&(id, _)| {
                let page = Page::Article(id);
                (
                    renderer.file_of(page),
                    renderer.inputs(page, &last.fingerprints),
                    renderer.render_page(page),
                )
            })
            .collect();
        let mut report = Rebuild {
            fast: true,
            pages: last.pages.len(),
            rendered: rendered.len(),
            ..Rebuild::default()
        };
        let output_dir = last.config.output_dir.clone();
        let mut problems = Vec::new();
        let mut done = Vec::new();
        for (file, inputs, result) in rendered {
            match result {
                Ok(page) => done.push((file, inputs, page)),
                Err(problem) => problems.push(problem),
            }
        }
        if !problems.is_empty() {
            // Put the old texts back, so that the graph still matches what is on disk.
            for (&(id, _), old) in swaps.iter().zip(previous) {
                last.graph.articles[id] = old;
            }
            return Err(failure(problems));
        }
        for (file, inputs, page) in done {
            let bytes = hash_bytes(&page.bytes);
            let unchanged = last.pages.get(&file).is_some_and(|w| w.bytes == bytes);
            if !unchanged {
                write_atomic(&output_dir.join(&file), &page.bytes)?;
                report.written.push(file.clone());
            }
            last.pages.insert(file, Written { inputs, bytes });
        }
        let assets = wanted_assets(statics);
        let pages = &last.pages;
        sync_assets(
            &output_dir,
            &last.assets,
            &assets,
            &|_| false,
            &|file| pages.contains_key(file),
            &mut report,
        )?;
        last.assets = assets.into_iter().map(|(k, (v, _))| (k, v)).collect();
        report.written.sort();
        report.removed.sort();
        Ok(Some(report))
    }
}

//! `gazette serve` and `gazette watch`: build, then watch the site's inputs and rebuild what
//! changed on every save; `serve` also serves the output over HTTP and reloads open tabs.

pub mod server;
pub mod watcher;

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::build::{BuildOptions, display_path};
use crate::error::{Error, Result};
use crate::incremental::{Rebuild, Session};
use server::Live;

/// How `gazette serve` listens.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: IpAddr,
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

/// What the loop prints; `quiet` keeps to errors.
#[derive(Debug, Clone, Copy, Default)]
pub struct Verbosity {
    pub quiet: bool,
    pub verbose: bool,
}

/// The root as an absolute path, so that watcher paths and the cache agree.
fn absolute_root(options: &mut BuildOptions) -> Result<()> {
    options.root = options
        .root
        .canonicalize()
        .map_err(|e| Error::io(&options.root, e))?;
    if let Some(output) = &options.overrides.output_dir {
        if output.is_relative() {
            let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
            options.overrides.output_dir = Some(cwd.join(output));
        }
    }
    Ok(())
}

/// One line for a rebuild, naming what changed.
fn summary(report: &Rebuild, changed: &[PathBuf], root: &Path) -> String {
    let names: Vec<String> = changed
        .iter()
        .take(3)
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    let more = changed.len().saturating_sub(names.len());
    let cause = match (names.is_empty(), more) {
        (true, _) => String::new(),
        (false, 0) => format!(" after {}", names.join(", ")),
        (false, n) => format!(" after {} and {n} more", names.join(", ")),
    };
    format!(
        "Rebuilt in {} ms{cause}: {} written, {} removed{}",
        report.elapsed.as_millis(),
        plural(report.written.len(), "file"),
        report.removed.len(),
        if report.fast && !report.written.is_empty() {
            " (prose only: the article's own page)"
        } else {
            ""
        }
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Runs one rebuild, prints what happened and tells the browser.
fn rebuild(
    session: &mut Session,
    hint: Option<&[PathBuf]>,
    live: Option<&Live>,
    verbosity: Verbosity,
) -> bool {
    let started = Instant::now();
    let changed: Vec<PathBuf> = hint.map(<[PathBuf]>::to_vec).unwrap_or_default();
    match session.rebuild(hint) {
        Ok(report) => {
            for warning in &report.warnings {
                if !verbosity.quiet {
                    eprintln!("{warning}");
                }
            }
            // The served state is updated before the terminal says so (a reader, or a test, acts on
            // the message): the error overlay is gone and tabs reload by then.
            if let Some(live) = live {
                let changed_output = !report.written.is_empty() || !report.removed.is_empty();
                live.succeeded(changed_output);
            }
            if !verbosity.quiet
                && hint.is_none()
                && changed.is_empty()
                && report.rendered == report.pages
            {
                println!(
                    "Built {} in {} ms → {}",
                    plural(report.pages, "file"),
                    report.elapsed.as_millis(),
                    session.output_dir().map(display_path).unwrap_or_default()
                );
            } else if !verbosity.quiet {
                println!("{}", summary(&report, &changed, session.root()));
                if verbosity.verbose {
                    for file in report.written.iter().take(20) {
                        println!("  wrote {file}");
                    }
                }
            }
            true
        }
        Err(error) => {
            let text = match &error {
                Error::Diagnostics(list) => list
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n"),
                other => format!("error: {other}"),
            };
            let served = live.is_some();
            // The browser's error state is set before the terminal says so: a reader (or a
            // test) acting on the message must find the error over the page.
            if let Some(live) = live {
                live.failed(text.clone());
            }
            eprintln!("{text}");
            eprintln!(
                "Build failed after {} ms; {} (fix the file and save again)",
                started.elapsed().as_millis(),
                if served {
                    "the last good site is still served"
                } else {
                    "the output folder is unchanged"
                }
            );
            false
        }
    }
}

/// Builds, then rebuilds on every change until the process is stopped.
fn watch_loop(
    mut session: Session,
    live: Option<Arc<Live>>,
    verbosity: Verbosity,
    ready: impl FnOnce(&Session),
) -> Result<()> {
    let root = session.root().to_path_buf();
    // Watch first, so that no save between the first build and the watch is missed.
    let (watcher, events) = watcher::start(&root)?;
    rebuild(&mut session, None, live.as_deref(), verbosity);
    ready(&session);
    let output = session
        .output_dir()
        .map(Path::to_path_buf)
        .or_else(|| live.as_ref().map(|l| l.output.clone()));
    for batch in events {
        let hint = watcher::relevant(&root, output.as_deref(), batch);
        let Some(hint) = hint else {
            continue;
        };
        watcher.refresh(&root);
        rebuild(&mut session, hint.as_deref(), live.as_deref(), verbosity);
    }
    Ok(())
}

/// `gazette watch`: rebuilds the output folder on every change.
pub fn watch(mut options: BuildOptions, verbosity: Verbosity) -> Result<()> {
    absolute_root(&mut options)?;
    // An output folder in the way stops watch as it stops build (exit 2), rather than failing every
    // save; a broken site.toml is left to the first build, and watching goes on until it is fixed.
    if let Ok(config) = crate::config::Config::load(&options.root, &options.overrides) {
        crate::output::check_output_dir(&options.root, &config.output_dir, options.force)?;
    }
    let session = Session::new(options);
    watch_loop(session, None, verbosity, |session| {
        if let Some(dir) = session.output_dir() {
            println!(
                "Watching {} for changes; writing {} (Ctrl+C to stop)",
                display_path(session.root()),
                display_path(dir)
            );
        }
    })
}

/// `gazette serve`: serves the output and reloads open tabs on every rebuild.
pub fn serve(mut options: BuildOptions, serve: ServeOptions, verbosity: Verbosity) -> Result<()> {
    absolute_root(&mut options)?;
    let listener = server::bind(serve.bind, serve.port)?;
    let address = listener.address();
    if options.overrides.base_url.is_none() {
        // Canonical links and feeds point at this server while previewing.
        options.overrides.base_url = Some(format!("http://{address}/"));
    }
    let config = crate::config::Config::load(&options.root, &options.overrides)?;
    // An output folder in the way stops serve as it stops build (exit 2), rather than failing every save.
    crate::output::check_output_dir(&options.root, &config.output_dir, options.force)?;
    let live = Arc::new(Live::new(config.output_dir.clone()));
    listener.run(live.clone());
    if !serve.bind.is_loopback() && !verbosity.quiet {
        eprintln!(
            "warning: serving on {} makes the preview reachable from other machines",
            serve.bind
        );
    }
    let url = format!("http://{address}/");
    let session = Session::new(options);
    watch_loop(session, Some(live), verbosity, |_| {
        println!("Serving the site at {url} (Ctrl+C to stop)");
        if serve.open {
            open_in_browser(&url);
        }
    })
}

fn open_in_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(command).arg(url).spawn() {
        eprintln!("warning: could not open a browser ({command}: {e}); open {url} yourself");
    }
}

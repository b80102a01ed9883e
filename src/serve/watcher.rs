//! Watches `site.toml`, `content/`, `templates/` and `static/` with notify, debounced; editor
//! temp files and the output folder are ignored. When the system's inotify limit is reached
//! the watcher says so and falls back to polling.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::event::EventKind;
use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache};

use crate::content::is_editor_temp;
use crate::error::{Error, Result};

/// The folders watched recursively, when they exist.
use crate::build_record::INPUT_DIRS as WATCHED_DIRS;
const CONFIG_FILE: &str = "site.toml";

/// Quiet time after the last event of a save before rebuilding: editors write a file in
/// several steps (temp file, rename, metadata) within a few milliseconds.
const DEBOUNCE: Duration = Duration::from_millis(15);
const TICK: Duration = Duration::from_millis(5);
const POLL_INTERVAL: Duration = Duration::from_millis(300);

enum Backend {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, RecommendedCache>),
}

impl Backend {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Backend::Native(d) => d.watch(path, mode),
            Backend::Poll(d) => d.watch(path, mode),
        }
    }
}

pub struct Watcher {
    backend: Mutex<Backend>,
    watched: Mutex<HashSet<PathBuf>>,
}

/// The system's limit on watches was reached (inotify's `max_user_watches`).
fn is_limit(error: &notify::Error) -> bool {
    match &error.kind {
        notify::ErrorKind::MaxFilesWatch => true,
        // inotify reports the limit as ENOSPC.
        notify::ErrorKind::Io(e) => e.raw_os_error() == Some(28),
        _ => false,
    }
}

fn watch_error(root: &Path, error: notify::Error) -> Error {
    Error::io(
        root,
        std::io::Error::other(format!("cannot watch the site for changes: {error}")),
    )
}

/// Starts watching the site; events arrive on the receiver, one debounced batch at a time.
pub fn start(root: &Path) -> Result<(Watcher, Receiver<DebounceEventResult>)> {
    let (sender, receiver) = channel();
    let native = notify_debouncer_full::new_debouncer(DEBOUNCE, Some(TICK), sender.clone())
        .map_err(|e| watch_error(root, e))?;
    let watcher = Watcher {
        backend: Mutex::new(Backend::Native(native)),
        watched: Mutex::new(HashSet::new()),
    };
    if let Err(error) = watcher.watch_all(root) {
        if !is_limit(&error) {
            return Err(watch_error(root, error));
        }
        eprintln!(
            "warning: the system's limit on watched folders is reached, so Gazette polls for changes \
             every {} ms instead\n  hint: raise it with `sudo sysctl fs.inotify.max_user_watches=524288`",
            POLL_INTERVAL.as_millis()
        );
        let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
        let poll = notify_debouncer_full::new_debouncer_opt::<_, PollWatcher, RecommendedCache>(
            DEBOUNCE,
            Some(TICK),
            sender,
            RecommendedCache::new(),
            config,
        )
        .map_err(|e| watch_error(root, e))?;
        *watcher.backend.lock().unwrap_or_else(|e| e.into_inner()) = Backend::Poll(poll);
        watcher
            .watched
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        watcher.watch_all(root).map_err(|e| watch_error(root, e))?;
    }
    Ok((watcher, receiver))
}

impl Watcher {
    /// The root itself (for site.toml and folders that appear) and each input folder.
    fn watch_all(&self, root: &Path) -> notify::Result<()> {
        let mut backend = self.backend.lock().unwrap_or_else(|e| e.into_inner());
        let mut watched = self.watched.lock().unwrap_or_else(|e| e.into_inner());
        if watched.insert(root.to_path_buf()) {
            backend.watch(root, RecursiveMode::NonRecursive)?;
        }
        for dir in WATCHED_DIRS {
            let path = root.join(dir);
            if path.is_dir() && !watched.contains(&path) {
                backend.watch(&path, RecursiveMode::Recursive)?;
                watched.insert(path);
            }
        }
        Ok(())
    }

    /// Starts watching input folders created since the last call; folders removed are
    /// forgotten so that a folder made again is watched again.
    pub fn refresh(&self, root: &Path) {
        self.watched
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|p| p.is_dir());
        if let Err(e) = self.watch_all(root) {
            eprintln!("warning: cannot watch a new folder: {e}");
        }
    }
}

/// The input paths a batch of events touched: `None` when nothing an editor changed is in it,
/// `Some(None)` when events were lost and the whole site must be looked at again.
pub fn relevant(
    root: &Path,
    output: Option<&Path>,
    batch: DebounceEventResult,
) -> Option<Option<Vec<PathBuf>>> {
    let events = match batch {
        Ok(events) => events,
        Err(errors) => {
            for error in errors {
                eprintln!("warning: the file watcher reported: {error}");
            }
            return Some(None);
        }
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for event in events {
        if event.need_rescan() {
            return Some(None);
        }
        if matches!(event.kind, EventKind::Access(_)) {
            continue;
        }
        for path in &event.paths {
            if is_input(root, output, path) && !paths.contains(path) {
                paths.push(path.clone());
            }
        }
    }
    (!paths.is_empty()).then_some(Some(paths))
}

/// An input of the site: site.toml, or a file under content/, templates/ or static/ that is
/// not an editor's temp file.
fn is_input(root: &Path, output: Option<&Path>, path: &Path) -> bool {
    if output.is_some_and(|o| path.starts_with(o)) {
        return false;
    }
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = relative.components();
    let Some(first) = parts.next() else {
        return false;
    };
    let first = first.as_os_str().to_string_lossy();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if is_editor_temp(&name) {
        return false;
    }
    match parts.next() {
        None => first == CONFIG_FILE || WATCHED_DIRS.contains(&first.as_ref()),
        Some(_) => WATCHED_DIRS.contains(&first.as_ref()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_the_config_and_the_three_folders() {
        let root = Path::new("/site");
        let output = Some(Path::new("/site/public"));
        let input = |p: &str| is_input(root, output, Path::new(p));
        assert!(input("/site/site.toml"));
        assert!(input("/site/content/articles/x.md"));
        assert!(input("/site/templates/article.html"));
        assert!(input("/site/static/style.css"));
        assert!(input("/site/content"));
        assert!(
            !input("/site/public/index.html"),
            "the output is not an input"
        );
        assert!(!input("/site/.public.staging-12"));
        assert!(!input("/site/README.md"));
        assert!(!input("/site/content/articles/.x.md.swp"), "vim swap files");
        assert!(!input("/site/content/articles/x.md~"), "backup files");
        assert!(!input("/site/content/articles/4913"), "vim's probe file");
        assert!(!input("/site/content/articles/.#x.md"), "emacs lock files");
        assert!(!input("/elsewhere/site.toml"));
    }
}

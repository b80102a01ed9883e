//! The record of the last build into an output folder, kept in the site's `.gazette-cache/`:
//! what every input file and every output file looked like when it was made. When a
//! build finds all of them as recorded, with the same options and the same `gazette`, nothing
//! can have changed: it writes no file and reports the last build's figures and warnings again.
//!
//! Inputs are compared by size and modification time, and by their bytes' hash when they were
//! modified too close to the build to trust a timestamp (coarse clocks: see `RACY`). Outputs are
//! compared by size and modification time, so a page edited, added or removed by hand is noticed.

use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::build::{BuildOptions, BuildReport};
use crate::config::CONFIG_FILE;
use crate::error::Diagnostic;

/// The folders under the site's root whose files are read by a build (`site.toml` besides).
pub const INPUT_DIRS: [&str; 3] = ["content", "templates", "static"];

/// Timestamps on some file systems are coarse: a file modified this close to when it was read
/// may carry the same time after a later edit, so its bytes are compared (here and in `serve`).
pub(crate) const RACY: Duration = Duration::from_secs(2);

/// Of a file's bytes: xxh3, fast enough for whole search indexes on every rebuild.
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// Raised whenever what the record holds changes meaning.
const FORMAT: u32 = 2;

/// A file as the build saw it: its path under the root (inputs) or the output (outputs), its
/// size, its modification time in nanoseconds, and for racy inputs the hash of its bytes.
type Entry = (String, u64, u128, Option<u64>);

#[derive(Serialize, Deserialize)]
struct Record {
    format: u32,
    /// Which `gazette` made the output, and with which options.
    maker: u64,
    started: u128,
    inputs: Vec<Entry>,
    outputs: Vec<Entry>,
    summary: Summary,
    warnings: Vec<Diagnostic>,
}

#[derive(Serialize, Deserialize)]
struct Summary {
    pages: usize,
    articles: usize,
    topics: usize,
    quotes: usize,
    speakers: usize,
    drafts_skipped: usize,
}

/// The site's cache folder (never published; safe to delete).
pub const CACHE_DIR: &str = ".gazette-cache";

/// Where the record of the site's builds into `output` is kept: one file per output folder.
pub fn record_path(root: &Path, output: &Path) -> PathBuf {
    let mut hasher = DefaultHasher::new();
    fs::canonicalize(output)
        .unwrap_or_else(|_| output.to_path_buf())
        .hash(&mut hasher);
    root.join(CACHE_DIR)
        .join(format!("build-{:016x}.json", hasher.finish()))
}

/// The inputs' state taken as a build starts; recorded once the build has succeeded.
pub struct Snapshot {
    maker: u64,
    started: u128,
    inputs: Vec<Entry>,
}

/// Takes the state of the site's inputs (to be done before they are read).
pub fn snapshot(options: &BuildOptions, output: &Path) -> Snapshot {
    let started = nanos(SystemTime::now());
    Snapshot {
        maker: maker(options, output),
        started,
        inputs: input_entries(&options.root, Some(started)),
    }
}

/// The report of the last build when nothing it depended on has changed since.
pub fn unchanged(options: &BuildOptions, output: &Path) -> Option<BuildReport> {
    let checked = std::time::Instant::now();
    let bytes = fs::read(record_path(&options.root, output)).ok()?;
    let record: Record = serde_json::from_slice(&bytes).ok()?;
    if record.format != FORMAT || record.maker != maker(options, output) {
        return None;
    }
    if !inputs_match(&record.inputs, &options.root) {
        return None;
    }
    if output_entries(output)? != record.outputs {
        return None;
    }
    let summary = record.summary;
    Some(BuildReport {
        output: output.to_path_buf(),
        files_written: 0,
        unchanged: true,
        pages: summary.pages,
        articles: summary.articles,
        topics: summary.topics,
        quotes: summary.quotes,
        speakers: summary.speakers,
        drafts_skipped: summary.drafts_skipped,
        warnings: record.warnings,
        phases: vec![("check", checked.elapsed())],
        page_kinds: Vec::new(),
        elapsed: checked.elapsed(),
    })
}

/// Forgets the last build (before the output is replaced: a build killed after the swap must
/// not leave a record that describes the previous output).
pub fn forget(root: &Path, output: &Path) {
    let _ = fs::remove_file(record_path(root, output));
}

/// Records a successful build into `output`, whose files are `outputs` (as `Staging` wrote
/// them, sorted); a record that cannot be written only means the next build does all its
/// work again.
pub fn record(
    snapshot: Snapshot,
    root: &Path,
    output: &Path,
    outputs: Vec<crate::output::FileStamp>,
    report: &BuildReport,
) {
    let summary = Summary {
        pages: report.pages,
        articles: report.articles,
        topics: report.topics,
        quotes: report.quotes,
        speakers: report.speakers,
        drafts_skipped: report.drafts_skipped,
    };
    let Some(bytes) = record_json(&snapshot, &outputs, &summary, &report.warnings) else {
        return;
    };
    let path = record_path(root, output);
    if let Some(folder) = path.parent() {
        let _ = fs::create_dir_all(folder);
    }
    let temporary = path.with_extension(format!("tmp-{}", std::process::id()));
    if fs::write(&temporary, bytes).is_ok() && fs::rename(&temporary, &path).is_err() {
        let _ = fs::remove_file(&temporary);
    }
}

/// `Record` as JSON, the entries written by hand and in parallel: serde_json wrote the 37,000
/// of a 10k site one after another, each time in `u128` arithmetic, at the very end of a build.
fn record_json(
    snapshot: &Snapshot,
    outputs: &[crate::output::FileStamp],
    summary: &Summary,
    warnings: &[Diagnostic],
) -> Option<Vec<u8>> {
    fn entries<'e, E: Sync>(
        out: &mut Vec<u8>,
        entries: &'e [E],
        entry: impl Fn(&'e E) -> (&'e str, u64, u128, Option<u64>) + Sync,
    ) {
        let parts: Vec<Vec<u8>> = entries
            .par_chunks(4096)
            .map(|chunk| {
                let mut part = Vec::with_capacity(chunk.len() * 96);
                let mut numbers = itoa::Buffer::new();
                for (n, e) in chunk.iter().enumerate() {
                    let (path, len, modified, hash) = entry(e);
                    part.extend_from_slice(if n == 0 { b"[" } else { b",[" });
                    crate::render::json::write_str(&mut part, path);
                    part.push(b',');
                    part.extend_from_slice(numbers.format(len).as_bytes());
                    part.push(b',');
                    // Nanoseconds fit 64 bits until 2554: formatted as such, much faster.
                    match u64::try_from(modified) {
                        Ok(small) => part.extend_from_slice(numbers.format(small).as_bytes()),
                        Err(_) => part.extend_from_slice(numbers.format(modified).as_bytes()),
                    }
                    part.push(b',');
                    match hash {
                        Some(hash) => part.extend_from_slice(numbers.format(hash).as_bytes()),
                        None => part.extend_from_slice(b"null"),
                    }
                    part.push(b']');
                }
                part
            })
            .collect();
        out.push(b'[');
        for (n, part) in parts.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            out.extend_from_slice(part);
        }
        out.push(b']');
    }
    let mut out = Vec::with_capacity((snapshot.inputs.len() + outputs.len()) * 96 + 4096);
    out.extend_from_slice(
        format!(
            "{{\"format\":{FORMAT},\"maker\":{},\"started\":{},\"inputs\":",
            snapshot.maker, snapshot.started
        )
        .as_bytes(),
    );
    entries(
        &mut out,
        &snapshot.inputs,
        |(path, len, modified, hash): &Entry| (path.as_str(), *len, *modified, *hash),
    );
    out.extend_from_slice(b",\"outputs\":");
    entries(
        &mut out,
        outputs,
        |(path, len, modified): &crate::output::FileStamp| (path.as_str(), *len, *modified, None),
    );
    out.extend_from_slice(b",\"summary\":");
    serde_json::to_writer(&mut out, summary).ok()?;
    out.extend_from_slice(b",\"warnings\":");
    serde_json::to_writer(&mut out, warnings).ok()?;
    out.push(b'}');
    Some(out)
}

/// A number for this `gazette` (its version and executable) and the options of the build.
fn maker(options: &BuildOptions, output: &Path) -> u64 {
    let mut hasher = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    // A rebuilt gazette of the same version may render differently: its executable tells.
    if let Ok(meta) = std::env::current_exe().and_then(fs::metadata) {
        meta.len().hash(&mut hasher);
        meta.modified().ok().map(nanos).hash(&mut hasher);
    }
    fs::canonicalize(&options.root)
        .unwrap_or_else(|_| options.root.clone())
        .hash(&mut hasher);
    output.hash(&mut hasher);
    format!("{:?} {}", options.overrides, options.drafts).hash(&mut hasher);
    hasher.finish()
}

/// A timestamp as the record keeps it: nanoseconds since the Unix epoch.
pub(crate) fn nanos(time: SystemTime) -> u128 {
    time.duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// Every input file (site.toml and the input folders), sorted, with its stamps; with `started`,
/// files modified less than `RACY` before it carry the hash of their bytes.
fn input_entries(root: &Path, started: Option<u128>) -> Vec<Entry> {
    let mut files = Vec::new();
    if let Ok(meta) = fs::metadata(root.join(CONFIG_FILE)) {
        files.push((CONFIG_FILE.to_string(), meta));
    }
    for dir in INPUT_DIRS {
        files.extend(files_under(&root.join(dir), dir).unwrap_or_default());
    }
    let mut entries: Vec<Entry> = files
        .into_par_iter()
        .map(|(path, meta)| {
            let modified = meta.modified().map(nanos).unwrap_or(0);
            let racy = started.is_some_and(|started| modified + RACY.as_nanos() > started);
            let hash = if racy {
                hash_file(&root.join(&path))
            } else {
                None
            };
            (path, meta.len(), modified, hash)
        })
        .collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    entries
}

/// Whether every input is as recorded: same files, same stamps, and for those that were racy
/// when recorded the same bytes.
fn inputs_match(recorded: &[Entry], root: &Path) -> bool {
    let now = input_entries(root, None);
    now.len() == recorded.len()
        && now.par_iter().zip(recorded.par_iter()).all(
            |((path, len, modified, _), (was_path, was_len, was_modified, was_hash))| {
                path == was_path
                    && len == was_len
                    && modified == was_modified
                    && was_hash.is_none_or(|hash| hash_file(&root.join(path)) == Some(hash))
            },
        )
}

fn hash_file(path: &Path) -> Option<u64> {
    fs::read(path).ok().map(|bytes| hash_bytes(&bytes))
}

/// Every file in the output folder, sorted, with its size and modification time.
fn output_entries(output: &Path) -> Option<Vec<Entry>> {
    let files = files_under(output, "").ok()?;
    let mut entries: Vec<Entry> = files
        .into_iter()
        .map(|(path, meta)| {
            let modified = meta.modified().map(nanos).unwrap_or(0);
            (path, meta.len(), modified, None)
        })
        .collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Some(entries)
}

/// The files under `dir` (not following symlinks) with their metadata, named `prefix/...`;
/// folders are read in parallel, and each file is looked up from its folder, not from the root.
fn files_under(dir: &Path, prefix: &str) -> std::io::Result<Vec<(String, fs::Metadata)>> {
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let meta = entry.metadata()?;
        if meta.is_dir() {
            folders.push((entry.path(), path));
        } else {
            files.push((path, meta));
        }
    }
    let nested: Vec<Vec<(String, fs::Metadata)>> = folders
        .par_iter()
        .map(|(folder, path)| files_under(folder, path))
        .collect::<std::io::Result<_>>()?;
    files.extend(nested.into_iter().flatten());
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_written_by_hand_is_the_one_serde_writes() {
        let snapshot = Snapshot {
            maker: u64::MAX,
            started: 1_700_000_000_123_456_789,
            inputs: vec![
                (
                    "content/a \"quoted\".md".into(),
                    12,
                    1_700_000_000_000_000_001,
                    None,
                ),
                ("site.toml".into(), 0, 0, Some(u64::MAX)),
            ],
        };
        let outputs: Vec<crate::output::FileStamp> = (0..5000)
            .map(|n| {
                (
                    format!("articles/{n}/index.html"),
                    n,
                    u128::from(n) * 1_000_003,
                )
            })
            .chain([("late".to_string(), 1, u128::MAX)])
            .collect();
        let summary = || Summary {
            pages: 1,
            articles: 2,
            topics: 3,
            quotes: 4,
            speakers: 5,
            drafts_skipped: 6,
        };
        let warnings = vec![Diagnostic::warning("content/x.md", 3, 4, "careful").with_hint("look")];
        let ours = record_json(&snapshot, &outputs, &summary(), &warnings).unwrap();
        let serde = serde_json::to_vec(&Record {
            format: FORMAT,
            maker: snapshot.maker,
            started: snapshot.started,
            inputs: snapshot.inputs.clone(),
            outputs: outputs
                .iter()
                .map(|(p, l, m)| (p.clone(), *l, *m, None))
                .collect(),
            summary: summary(),
            warnings,
        })
        .unwrap();
        let parsed = |bytes: &[u8]| serde_json::from_slice::<serde_json::Value>(bytes).unwrap();
        assert_eq!(parsed(&ours), parsed(&serde));
        let read: Record = serde_json::from_slice(&ours).unwrap();
        assert_eq!(read.outputs.len(), 5001);
        assert_eq!(read.outputs[5000].2, u128::MAX);
    }
}

//! Output: build into a staging folder beside the output, then swap it in, so that a failed
//! build leaves the previous site untouched and removed pages disappear.

use std::fs;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::content::is_editor_temp;
use crate::error::{Diagnostic, Error, Result};
use crate::render::OutputFile;

pub const STATIC_DIR: &str = "static";

/// The default theme's assets, written unless the site's `static/` has a file of the same name.
pub const THEME_ASSETS: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../static/style.css")),
    ("search.js", include_bytes!("../static/search.js")),
    ("favicon.svg", include_bytes!("../static/favicon.svg")),
];

/// Refuses output folders that would swallow the site's own files (always), and, unless
/// `force` is set, a folder that holds something other than a built site or a file (the swap
/// replaces the whole folder).
pub fn check_output_dir(root: &Path, output: &Path, force: bool) -> Result<()> {
    let root = resolved(root);
    let output = resolved(output);
    let inputs = ["content", "templates", STATIC_DIR, "src"];
    let bad = output == root
        || root.starts_with(&output)
        || inputs.iter().any(|dir| output.starts_with(root.join(dir)));
    if bad {
        return Err(Error::Usage(format!(
            "refusing to build into {}: it holds the site's own files\n  hint: choose an output folder such as {}",
            output.display(),
            root.join("public").display()
        )));
    }
    if force {
        return Ok(());
    }
    if output.exists() && !output.is_dir() {
        return Err(Error::InTheWay(format!(
            "refusing to build into {}: it is a file, not a folder, and would be replaced\n  hint: choose another output folder, or pass --force to replace the file",
            output.display()
        )));
    }
    if let Ok(mut entries) = fs::read_dir(&output) {
        let holds_files = entries.next().is_some();
        if holds_files && !output.join("index.html").is_file() {
            return Err(Error::InTheWay(format!(
                "refusing to build into {}: it holds files but no index.html, so it does not look like a built site and would be replaced whole\n  hint: empty the folder, choose another one, or pass --force to replace it and everything in it",
                output.display()
            )));
        }
    }
    Ok(())
}

/// An absolute path with symlinks resolved as far as the path exists, so that one folder
/// reached by two names compares equal; the part that does not exist yet is kept as written.
fn resolved(path: &Path) -> PathBuf {
    let absolute = lexical_absolute(path);
    let mut existing = absolute.clone();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => return absolute,
        }
    }
}

fn lexical_absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Lexical normalisation: the output may not exist yet, so it cannot be canonicalised.
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A static file to copy: its source and its path in the output.
#[derive(Debug, Clone)]
pub struct StaticFile {
    pub source: PathBuf,
    pub path: String,
}

/// Lists `static/`; editor temp files are skipped, but dotfiles (`.nojekyll`, `.well-known/`) are kept.
pub fn find_static(root: &Path) -> Result<Vec<StaticFile>> {
    let dir = root.join(STATIC_DIR);
    let mut files = Vec::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    let walker = WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_editor_temp(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(&dir).to_path_buf();
            Error::io(path, e.into())
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        files.push(StaticFile {
            source: entry.path().to_path_buf(),
            path: relative.to_string_lossy().replace('\\', "/"),
        });
    }
    Ok(files)
}

/// Problems when a static file would overwrite a generated page.
pub fn static_conflicts<'p>(
    pages: impl Iterator<Item = &'p str>,
    statics: &[StaticFile],
) -> Vec<Diagnostic> {
    if statics.is_empty() {
        return Vec::new();
    }
    let generated: std::collections::HashSet<&str> = pages.collect();
    statics
        .iter()
        .filter(|s| generated.contains(s.path.as_str()))
        .map(|s| {
            Diagnostic::error(
                Path::new(STATIC_DIR).join(&s.path),
                1,
                1,
                format!("static file would overwrite the generated page {}", s.path),
            )
            .with_hint(
                "rename or move the static file; generated pages cannot be replaced from static/",
            )
        })
        .collect()
}

/// Writes a whole site into a fresh staging folder beside `output`, then swaps it in.
pub fn write_site(output: &Path, pages: &[OutputFile], statics: &[StaticFile]) -> Result<usize> {
    let staging = Staging::begin(output)?;
    pages
        .par_iter()
        .try_for_each(|page| staging.write(&page.path, &page.bytes))?;
    Ok(staging.finish(pages.len(), statics)?.files)
}

/// A site being written into a fresh folder beside the output, swapped in whole by `finish`;
/// dropped unfinished (a failed render, an error), it is removed and the output left as it was.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    parent: PathBuf,
    name: String,
    finished: bool,
    /// `dir`, held open.
    handle: FolderHandle,
    /// Every file written: its path in the output, size and modification time (nanoseconds),
    /// taken from the open file, so the build's record need not walk the output again.
    stamps: std::sync::Mutex<Vec<FileStamp>>,
}

/// A file of the output as written: path (with `/`), size, modification time in nanoseconds.
pub type FileStamp = (String, u64, u128);

/// What `Staging::finish` swapped in.
pub struct Finished {
    /// How many files the site has (generated pages and static files).
    pub files: usize,
    /// Every file of the output, sorted by path.
    pub stamps: Vec<FileStamp>,
}

/// The staging folder held open, to make files and folders relative to it: the kernel walks
/// `articles/x/index.html`, not the whole path from `/`, for each of thousands of files.
#[cfg(unix)]
struct FolderHandle(std::os::fd::OwnedFd);

#[cfg(unix)]
impl FolderHandle {
    fn open(dir: &Path) -> std::io::Result<FolderHandle> {
        use rustix::fs::{Mode, OFlags};
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        Ok(FolderHandle(rustix::fs::open(dir, flags, Mode::empty())?))
    }

    /// Makes `path` (relative, its parent made already); one already there is fine.
    fn make_folder(&self, path: &str) -> std::io::Result<()> {
        // 0o777 less the umask, as `fs::create_dir` makes folders.
        match rustix::fs::mkdirat(&self.0, path, rustix::fs::Mode::from_raw_mode(0o777)) {
            Err(rustix::io::Errno::EXIST) => Ok(()),
            other => Ok(other?),
        }
    }

    /// A new, empty file at `path`, relative to the folder, open for writing.
    fn create_file(&self, path: &str) -> std::io::Result<fs::File> {
        use rustix::fs::{Mode, OFlags};
        let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC;
        // 0o666 less the umask, as `File::create` makes files.
        let fd = rustix::fs::openat(&self.0, path, flags, Mode::from_raw_mode(0o666))?;
        Ok(fs::File::from(fd))
    }
}

/// Elsewhere, files and folders are made by their whole path.
#[cfg(not(unix))]
struct FolderHandle(PathBuf);

#[cfg(not(unix))]
impl FolderHandle {
    fn open(dir: &Path) -> std::io::Result<FolderHandle> {
        Ok(FolderHandle(dir.to_path_buf()))
    }

    fn make_folder(&self, path: &str) -> std::io::Result<()> {
        fs::create_dir_all(self.0.join(path))
    }

    fn create_file(&self, path: &str) -> std::io::Result<fs::File> {
        fs::File::create(self.0.join(path))
    }
}

/// A big file written as it is made (`ByteSink`), through a buffer: the first error is kept
/// and nothing more is written after it. Knows how long its writes took.
pub struct FileSink<'f> {
    file: &'f mut fs::File,
    buffer: Vec<u8>,
    error: Option<std::io::Error>,
    writing: std::time::Duration,
}

impl<'f> FileSink<'f> {
    /// A quarter of a MiB per write: few system calls, little memory.
    const BUFFER: usize = 256 * 1024;

    pub fn new(file: &'f mut fs::File) -> FileSink<'f> {
        FileSink {
            file,
            buffer: Vec::with_capacity(Self::BUFFER),
            error: None,
            writing: std::time::Duration::ZERO,
        }
    }

    /// Writes `bytes` to the file, timed; keeps the error if it fails.
    fn write_now(&mut self, bytes: &[u8]) {
        use std::io::Write;
        let began = std::time::Instant::now();
        self.error = self.file.write_all(bytes).err();
        self.writing += began.elapsed();
    }

    fn flush(&mut self) {
        if self.error.is_none() && !self.buffer.is_empty() {
            let buffer = std::mem::take(&mut self.buffer);
            self.write_now(&buffer);
            self.buffer = buffer;
        }
        self.buffer.clear();
    }

    /// Writes what is left in the buffer; the time spent writing, or the first error.
    pub fn finish(mut self) -> std::io::Result<std::time::Duration> {
        self.flush();
        match self.error.take() {
            Some(e) => Err(e),
            None => Ok(self.writing),
        }
    }
}

impl crate::render::ByteSink for FileSink<'_> {
    fn put(&mut self, bytes: &[u8]) {
        if self.error.is_some() {
            return;
        }
        if self.buffer.len() + bytes.len() > Self::BUFFER {
            self.flush();
        }
        if bytes.len() >= Self::BUFFER {
            // Bigger than the buffer: written as it is, not copied first.
            self.write_now(bytes);
        } else {
            self.buffer.extend_from_slice(bytes);
        }
    }
}

fn stamp(path: &str, meta: &fs::Metadata) -> FileStamp {
    // The same reading of the time as the record's walk of the output, so the two agree.
    let modified = meta.modified().map(crate::build_record::nanos).unwrap_or(0);
    (path.to_string(), meta.len(), modified)
}

impl Staging {
    /// Makes the staging folder for `output`. The folders inside are made as files need them
    /// (`write`), while pages render: made all up front, in parallel, 10,000 article folders
    /// held up the render, their makers waiting on the lock of the one folder they share.
    pub fn begin(output: &Path) -> Result<Staging> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".to_string());
        clean_leftovers(&parent, &name, output);
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging {
            handle: FolderHandle::open(&dir).map_err(|e| Error::io(&dir, e))?,
            dir,
            output: output.to_path_buf(),
            parent,
            name,
            finished: false,
            stamps: std::sync::Mutex::new(Vec::new()),
        })
    }

    /// Writes one generated file (callable from many threads at once).
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.write_with(path, |file| std::io::Write::write_all(file, bytes))
    }

    /// Writes one generated file whose bytes `fill` writes into it (callable from many
    /// threads at once); returns what `fill` did.
    pub fn write_with<T>(
        &self,
        path: &str,
        fill: impl FnOnce(&mut fs::File) -> std::io::Result<T>,
    ) -> Result<T> {
        // A page is the first file of its own folder: made up front, not after a failed open.
        // (A missing parent, or any other failure, is dealt with below.)
        if let Some(folder) = path.strip_suffix("/index.html") {
            let _ = self.handle.make_folder(folder);
        }
        let mut file = match self.handle.create_file(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // The file's folder is not there yet: made, with any of its parents missing.
                let folders = path.match_indices('/').map(|(end, _)| &path[..end]);
                for folder in folders {
                    self.handle
                        .make_folder(folder)
                        .map_err(|e| Error::io(self.dir.join(folder), e))?;
                }
                self.handle.create_file(path)
            }
            opened => opened,
        }
        .map_err(|e| Error::io(self.dir.join(path), e))?;
        let (filled, meta) = fill(&mut file)
            .and_then(|filled| Ok((filled, file.metadata()?)))
            .map_err(|e| Error::io(self.dir.join(path), e))?;
        self.add_stamp(stamp(path, &meta));
        Ok(filled)
    }

    fn add_stamp(&self, stamp: FileStamp) {
        self.stamps
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(stamp);
    }

    /// Adds the theme's assets and the static files, then swaps the staging folder in for the
    /// output; returns how many files the site has (`pages` generated ones plus the statics)
    /// and every file's stamp.
    pub fn finish(mut self, pages: usize, statics: &[StaticFile]) -> Result<Finished> {
        let static_names: std::collections::HashSet<&str> =
            statics.iter().map(|s| s.path.as_str()).collect();
        for (path, bytes) in THEME_ASSETS {
            if !static_names.contains(path) {
                self.write(path, bytes)?;
            }
        }
        statics.par_iter().try_for_each(|file| {
            let target = self.dir.join(&file.path);
            if let Some(folder) = target.parent() {
                fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
            }
            fs::copy(&file.source, &target).map_err(|e| Error::io(&file.source, e))?;
            let meta = fs::metadata(&target).map_err(|e| Error::io(&target, e))?;
            self.add_stamp(stamp(&file.path, &meta));
            Ok::<(), Error>(())
        })?;
        swap_in(&self.dir, &self.output, &self.parent, &self.name)?;
        self.finished = true;
        let mut stamps = std::mem::take(self.stamps.get_mut().unwrap_or_else(|e| e.into_inner()));
        stamps.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Ok(Finished {
            files: pages + statics.len(),
            stamps,
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes what a killed build left beside the output (its staging copy, or the previous
/// output moved aside, which is put back first when the output itself is missing).
fn clean_leftovers(parent: &Path, name: &str, output: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let staging_prefix = format!(".{name}.staging-");
    let old_prefix = format!(".{name}.old-");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let (pid, is_old) = match file_name.strip_prefix(&staging_prefix) {
            Some(pid) => (pid, false),
            None => match file_name.strip_prefix(&old_prefix) {
                Some(pid) => (pid, true),
                None => continue,
            },
        };
        // Another build (a `serve` beside this `build`) may still be using its folders.
        if pid.parse::<u32>().is_err() || process_may_be_running(pid) {
            continue;
        }
        let path = entry.path();
        if is_old && !output.exists() {
            let _ = fs::rename(&path, output);
        } else {
            let _ = remove_any(&path);
        }
    }
}

fn process_may_be_running(pid: &str) -> bool {
    let proc = Path::new("/proc");
    // Without /proc (not Linux) there is no telling, so the folder is kept.
    !proc.join("self").exists() || proc.join(pid).exists()
}

/// Removes a folder tree; the first two levels in parallel (an old site has thousands of files,
/// most of them in two or three folders).
fn remove_tree(dir: &Path) -> Result<()> {
    remove_entries(dir, 2)?;
    fs::remove_dir(dir).map_err(|e| Error::io(dir, e))
}

fn remove_entries(dir: &Path, levels: u32) -> Result<()> {
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .flatten()
        .collect();
    entries.par_iter().try_for_each(|entry| {
        let path = entry.path();
        let removed = match entry.file_type() {
            Ok(kind) if kind.is_dir() && levels > 1 => {
                remove_entries(&path, levels - 1)?;
                fs::remove_dir(&path)
            }
            Ok(kind) if kind.is_dir() => fs::remove_dir_all(&path),
            _ => fs::remove_file(&path),
        };
        removed.map_err(|e| Error::io(&path, e))
    })
}

/// Replaces `output` by `staging`: the old tree is moved aside first and removed last.
fn swap_in(staging: &Path, output: &Path, parent: &Path, name: &str) -> Result<()> {
    if output.exists() {
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        if old.symlink_metadata().is_ok() {
            remove_any(&old)?;
        }
        fs::rename(output, &old).map_err(|e| Error::io(output, e))?;
        if let Err(e) = fs::rename(staging, output) {
            // Put the previous site back so the reader still has one.
            let _ = fs::rename(&old, output);
            return Err(Error::io(output, e));
        }
        remove_any(&old)?;
    } else {
        fs::rename(staging, output).map_err(|e| Error::io(output, e))?;
    }
    Ok(())
}

/// Removes a folder with everything in it, or a file or symlink (an output replaced with --force).
fn remove_any(path: &Path) -> Result<()> {
    let is_dir = path.symlink_metadata().is_ok_and(|m| m.is_dir());
    if is_dir {
        remove_tree(path)
    } else {
        fs::remove_file(path).map_err(|e| Error::io(path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn swap_replaces_the_whole_tree() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(
            &out,
            &[page("a/index.html", "A"), page("b/index.html", "B")],
            &[],
        )
        .unwrap();
        write_site(&out, &[page("a/index.html", "A2")], &[]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "A2");
        assert!(!out.join("b").exists(), "a removed page disappears");
        assert!(out.join("style.css").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folders left behind");
    }

    #[test]
    fn refuses_to_build_over_the_site() {
        let root = Path::new("/site");
        for force in [false, true] {
            assert!(check_output_dir(root, Path::new("/site"), force).is_err());
            assert!(check_output_dir(root, Path::new("/site/content/x"), force).is_err());
            assert!(check_output_dir(root, Path::new("/"), force).is_err());
            assert!(check_output_dir(root, Path::new("/site/public"), force).is_ok());
            assert!(check_output_dir(root, Path::new("/tmp/gazette-no-such-out"), force).is_ok());
        }
    }

    #[test]
    fn a_folder_of_other_files_or_a_file_is_in_the_way_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let other = dir.path().join("other");
        fs::create_dir_all(&other).unwrap();
        fs::write(other.join("notes.txt"), "mine").unwrap();
        let file = dir.path().join("file.txt");
        fs::write(&file, "mine").unwrap();
        for output in [&other, &file] {
            let refused = check_output_dir(&root, output, false);
            assert!(
                matches!(&refused, Err(Error::InTheWay(m)) if m.contains("--force")),
                "{refused:?}"
            );
            assert!(check_output_dir(&root, output, true).is_ok());
        }
    }

    #[test]
    fn a_streamed_file_is_written_whole_through_its_buffer() {
        use crate::render::ByteSink;
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::begin(&dir.path().join("public")).unwrap();
        // Small puts gather in the buffer; one bigger than it is written as it is.
        let big = vec![b'x'; FileSink::BUFFER + 1];
        let mut expected = Vec::new();
        staging
            .write_with("data/big.json", |file| {
                let mut sink = FileSink::new(file);
                for n in 0..10_000 {
                    let part = format!("{n},");
                    sink.put(part.as_bytes());
                    expected.extend_from_slice(part.as_bytes());
                }
                sink.put(&big);
                expected.extend_from_slice(&big);
                sink.put(b"end");
                expected.extend_from_slice(b"end");
                sink.finish()
            })
            .unwrap();
        let written = fs::read(staging.dir.join("data/big.json")).unwrap();
        assert!(written == expected, "the file holds every put, in order");
        let finished = staging.finish(1, &[]).unwrap();
        let stamp = finished
            .stamps
            .iter()
            .find(|s| s.0 == "data/big.json")
            .unwrap();
        assert_eq!(
            stamp.1,
            expected.len() as u64,
            "stamped with its size as written"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_streamed_file_that_cannot_be_written_fails_the_write() {
        use crate::render::ByteSink;
        // /dev/full takes no bytes: the first failed write is kept and reported at the end.
        let mut full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let mut sink = FileSink::new(&mut full);
        sink.put(&vec![b'x'; FileSink::BUFFER * 2]);
        sink.put(b"more");
        let failed = sink.finish().unwrap_err();
        assert_eq!(failed.raw_os_error(), Some(28), "ENOSPC: {failed}");
    }

    #[test]
    fn swap_replaces_a_file_in_the_way() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::write(&out, "a file").unwrap();
        write_site(&out, &[page("index.html", "I")], &[]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "I");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}

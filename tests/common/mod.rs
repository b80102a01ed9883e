//! Helpers shared by the integration tests: fixture copies, snapshots, the built binary.

// Each test crate uses a different subset of these helpers.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// `tests/fixtures/<name>` in the source tree.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies a folder recursively (files and folders only).
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A fresh temporary folder holding a copy of a fixture site at `<tmp>/site`.
pub struct SiteCopy {
    pub tmp: TempDir,
    pub root: PathBuf,
}

impl SiteCopy {
    pub fn new(name: &str) -> SiteCopy {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        copy_dir(&fixture(name), &root);
        SiteCopy { tmp, root }
    }

    /// `<tmp>/out`: an output folder beside the site, not inside it.
    pub fn out(&self) -> PathBuf {
        self.tmp.path().join("out")
    }

    /// A path inside the site's root.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// `gazette build --root <site> --output <tmp>/out`, to run (or add arguments to).
    pub fn build_command(&self) -> Command {
        let mut cmd = gazette();
        cmd.args(["build", "--root"])
            .arg(&self.root)
            .arg("--output")
            .arg(self.out());
        cmd
    }
}

/// Every file under `dir`, by path relative to it, with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                walk(base, &path, files);
            } else {
                let relative = path.strip_prefix(base).unwrap().to_path_buf();
                files.insert(relative, fs::read(&path).unwrap());
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

/// Reads a text file, naming it when it is missing.
pub fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The `gazette` binary built for these tests.
pub fn gazette() -> Command {
    Command::cargo_bin("gazette").unwrap()
}

/// What the browser tests need and this machine lacks, if anything.
fn missing_browser_tools(chromium: &Path) -> Vec<String> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut missing = Vec::new();
    if !chromium.is_file() {
        missing.push(format!(
            "no Chromium at {} (install Debian's chromium, or set CHROMIUM)",
            chromium.display()
        ));
    }
    let node_runs = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node_runs {
        missing.push("no node on PATH".to_string());
    }
    for package in ["playwright-core", "axe-core"] {
        let manifest = repo
            .join("tests/browser/node_modules")
            .join(package)
            .join("package.json");
        if !manifest.is_file() {
            missing.push(format!(
                "tests/browser/node_modules/{package} is missing (run `npm ci --prefix tests/browser`)"
            ));
        }
    }
    missing
}

/// The Chromium to drive, or `None` after saying why the browser test `what` is skipped;
/// with `GAZETTE_REQUIRE_BROWSER=1` (set by CI) a missing tool fails the test instead.
pub fn chromium_or_skip(what: &str) -> Option<PathBuf> {
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let missing = missing_browser_tools(&chromium);
    if missing.is_empty() {
        return Some(chromium);
    }
    let why = missing.join("; ");
    assert!(
        std::env::var("GAZETTE_REQUIRE_BROWSER").as_deref() != Ok("1"),
        "GAZETTE_REQUIRE_BROWSER=1 but the {what} cannot run: {why}"
    );
    // Past the test harness's capture, so a skip is seen even when the test passes.
    let _ = writeln!(std::io::stderr(), "{what} skipped: {why}");
    None
}

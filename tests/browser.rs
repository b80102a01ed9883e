//! The default site in a real browser: `tests/browser/run.mjs` serves the built site over
//! HTTP, walks it in headless Chromium (Playwright), checks it with axe-core and saves
//! screenshots in `target/browser-artifacts/`. Without Chromium, node or
//! `tests/browser/node_modules` the test says why and passes, unless
//! `GAZETTE_REQUIRE_BROWSER=1` (set by CI) makes that a failure.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Prints past the test harness's capture, so a skip is seen even when the test passes.
fn notice(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}

#[test]
fn default_site_reads_well_in_a_real_browser() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(chromium) = common::chromium_or_skip("browser tests") else {
        return;
    };

    let tmp = tempfile::tempdir().expect("a temporary folder");
    let public = tmp.path().join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .arg("build")
        .arg("--root")
        .arg(repo)
        .arg("--output")
        .arg(&public)
        // run.mjs serves the site at /news/; 404.html links from the base path.
        .arg("--base-url")
        .arg("/news/")
        .output()
        .expect("the gazette binary runs");
    assert!(
        build.status.success(),
        "building the default site failed:\n{}{}",
        String::from_utf8_lossy(&build.stdout),
        String::from_utf8_lossy(&build.stderr)
    );

    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join("target"));
    let artifacts = target.join("browser-artifacts");
    // Old screenshots would pass for new ones.
    let _ = std::fs::remove_dir_all(&artifacts);
    std::fs::create_dir_all(&artifacts).expect("the artifacts folder can be made");

    let run = Command::new("node")
        .arg(repo.join("tests/browser/run.mjs"))
        .arg(&public)
        .arg(&artifacts)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        run.status.success(),
        "the browser tests failed ({}):\n{stdout}\n{stderr}",
        run.status
    );
    let summary = stdout.lines().last().unwrap_or_default();
    notice(&format!(
        "{summary}; screenshots in {}",
        artifacts.display()
    ));
}

/// `gazette serve` in a real browser: saving the article reloads its open page.
#[test]
fn serve_reloads_the_page_on_save() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(chromium) = common::chromium_or_skip("browser tests") else {
        return;
    };
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let site = tmp.path().join("site");
    common::copy_dir(&repo.join("tests/fixtures/basic"), &site);
    let mut server = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["serve", "--port", "0", "--root"])
        .arg(&site)
        .arg("--output")
        .arg(tmp.path().join("public"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .expect("gazette serve starts");
    let stdout = server.stdout.take().expect("a pipe");
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stdout));
    let url = loop {
        match lines.next() {
            Some(Ok(line)) => {
                if let Some(rest) = line.split("Serving the site at ").nth(1) {
                    break rest
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_string();
                }
            }
            _ => {
                let _ = server.kill();
                panic!("gazette serve stopped before serving");
            }
        }
    };
    // Keep reading, so that the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let run = Command::new("node")
        .arg(repo.join("tests/browser/reload.mjs"))
        .arg(format!("{url}articles/nato-talks/"))
        .arg(site.join("content/articles/nato-talks.md"))
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    let _ = server.kill();
    let _ = server.wait();
    assert!(
        run.status.success(),
        "live reload failed:\n{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}

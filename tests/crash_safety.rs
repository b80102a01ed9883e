//! A build killed at any moment (SIGKILL: no cleanup runs) leaves the previous output whole,
//! and the next build succeeds and leaves no staging or old folders behind.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use common::snapshot;

const KILLS: u32 = 50;

fn build_command(root: &Path, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gazette"));
    command
        .args(["--quiet", "build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// Names in `dir` other than `out` (staging or old copies a build left behind).
fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name != "out")
        .collect()
}

#[cfg(unix)]
#[test]
fn killed_builds_keep_the_previous_output_whole() {
    // The default site: the repository root, big enough for a build to take a while.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("out");

    let started = Instant::now();
    let status = build_command(root, &out).status().expect("gazette runs");
    assert!(status.success());
    let duration = started.elapsed();
    let before = snapshot(&out);
    assert!(
        before.len() > 50,
        "the default site built {} files",
        before.len()
    );

    // Kill moments spread over the build's duration, with a little jitter (seed printed).
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    println!("crash-safety seed {seed}, build takes {duration:?}");
    let mut missing_then_restored = 0;
    for kill in 0..KILLS {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let jitter = (seed % 1000) as f64 / 1000.0;
        let at = duration.mul_f64((f64::from(kill) + jitter) / f64::from(KILLS));
        let mut child = build_command(root, &out).spawn().expect("gazette runs");
        sleep(at);
        let _ = child.kill();
        let _ = child.wait();
        if out.exists() {
            assert!(
                snapshot(&out) == before,
                "kill {kill} at {at:?} changed the output"
            );
        } else {
            // Killed between moving the old output aside and moving the new one in: the old
            // one is whole beside it, and the next build puts it back.
            missing_then_restored += 1;
            let old = leftovers(tmp.path())
                .into_iter()
                .find(|name| name.starts_with(".out.old-"))
                .unwrap_or_else(|| panic!("kill {kill} at {at:?}: no output and no old copy"));
            assert!(snapshot(&tmp.path().join(old)) == before);
        }
    }
    println!("{missing_then_restored} kills fell between the two renames");

    let status = build_command(root, &out).status().expect("gazette runs");
    assert!(status.success());
    assert!(snapshot(&out) == before, "the next build differs");
    assert_eq!(leftovers(tmp.path()), Vec::<String>::new(), "left behind");
}

//! The README's tutorial, run as written: every `sh` block between the tutorial markers, one
//! command at a time, with `gazette` on the PATH; then the published site is looked at.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const START: &str = "<!-- tutorial:start";
const END: &str = "<!-- tutorial:end -->";

/// The commands of the tutorial's `sh` blocks, in order (blank and comment lines left out).
fn tutorial_commands(readme: &str) -> Vec<String> {
    let start = readme
        .find(START)
        .expect("README has the tutorial start marker");
    let end = readme[start..]
        .find(END)
        .map(|i| start + i)
        .expect("README has the tutorial end marker");
    let mut commands = Vec::new();
    let mut in_sh = false;
    for line in readme[start..end].lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_sh = !in_sh && trimmed == "```sh";
            continue;
        }
        if in_sh && !trimmed.is_empty() && !trimmed.starts_with('#') {
            commands.push(trimmed.to_string());
        }
    }
    commands
}

#[test]
fn the_readme_tutorial_runs_step_by_step_and_publishes_a_site() {
    let readme = common::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"));
    let commands = tutorial_commands(&readme);
    for step in [
        "gazette init ",
        "gazette new article ",
        "gazette build",
        "gazette check",
        "gazette build --base-url ",
    ] {
        assert!(
            commands.iter().any(|c| c.starts_with(step)),
            "the tutorial no longer has `{step}…`: {commands:?}"
        );
    }

    let bin = assert_cmd::cargo::cargo_bin("gazette");
    let bin_dir = bin.parent().unwrap().to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin_dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let mut cwd: PathBuf = tmp.path().to_path_buf();
    let mut outputs = Vec::new();
    for command in &commands {
        // `cd` changes where the next steps run, as in the reader's shell.
        if let Some(dir) = command.strip_prefix("cd ") {
            cwd = cwd.join(dir.trim());
            assert!(
                cwd.is_dir(),
                "step `{command}`: no folder {}",
                cwd.display()
            );
            continue;
        }
        let output = Command::new("sh")
            .arg("-c")
            .arg(command)
            .current_dir(&cwd)
            .env("PATH", &path)
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(
            output.status.success(),
            "tutorial step `{command}` failed ({}):\n{stdout}\n{stderr}",
            output.status
        );
        outputs.push((command.clone(), stdout, stderr));
    }

    // Step by step, what the reader is told to expect.
    let printed = |step: &str| {
        outputs
            .iter()
            .find(|(c, _, _)| c.starts_with(step))
            .map(|(_, out, err)| (out.clone(), err.clone()))
            .unwrap()
    };
    let (new_path, _) = printed("gazette new article ");
    let article = cwd.join(new_path.trim());
    assert!(article.is_file(), "`new` printed {new_path:?}");
    let slug = article.file_stem().unwrap().to_string_lossy().into_owned();
    let (checked, warnings) = printed("gazette check");
    assert!(
        checked.contains(": 0 errors, 0 warnings"),
        "{checked}{warnings}"
    );

    let public = cwd.join("public");
    let page = common::read(&public.join("articles").join(&slug).join("index.html"));
    assert!(
        page.contains(&format!(
            "<link rel=\"canonical\" href=\"https://example.org/news/articles/{slug}/\">"
        )),
        "the last build used the base URL:\n{page}"
    );
    assert!(public.join("index.html").is_file());
    assert!(
        public
            .join("articles/riverside-footbridge/index.html")
            .is_file()
    );
    assert!(common::read(&public.join("sitemap.xml")).contains("https://example.org/news/"));
}

#[test]
fn tutorial_extraction_reads_only_sh_blocks_between_the_markers() {
    let readme = "```sh\nbefore\n```\n<!-- tutorial:start -->\n```sh\ngazette init x\n# a comment\n\ncd x\n```\n```text\nnot run\n```\n<!-- tutorial:end -->\n```sh\nafter\n```\n";
    assert_eq!(tutorial_commands(readme), ["gazette init x", "cd x"]);
}

//! The `gazette` command line: exit codes, and problems reported as `path:line:column` with a hint.

mod common;

use predicates::prelude::*;

use common::{SiteCopy, gazette};

/// What one run of `gazette build --root <copy of fixture>` printed.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn build_fixture(name: &str) -> Run {
    let site = SiteCopy::new(name);
    let output = gazette()
        .args(["build", "--root"])
        .arg(&site.root)
        .output()
        .unwrap();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// The diagnostic that starts with `error: <location>: `, up to the next diagnostic.
fn diagnostic<'a>(stderr: &'a str, severity: &str, location: &str) -> &'a str {
    let start_text = format!("{severity}: {location}: ");
    let start = stderr
        .find(&start_text)
        .unwrap_or_else(|| panic!("no `{start_text}` in stderr:\n{stderr}"));
    let rest = &stderr[start..];
    let end = ["\nerror: ", "\nwarning: ", "\nBuild failed"]
        .iter()
        .filter_map(|next| rest[1..].find(next))
        .min()
        .map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

/// Asserts a failed build (exit 1, nothing built) reporting exactly these errors, each
/// `(location, words in the message, words in the hint)`.
fn assert_fails_with(name: &str, errors: &[(&str, &[&str], &[&str])]) {
    let run = build_fixture(name);
    let stderr = &run.stderr;
    assert_eq!(run.code, Some(1), "{name}: stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!run.stdout.contains("Built"), "{}", run.stdout);
    for (location, message_words, hint_words) in errors {
        let d = diagnostic(stderr, "error", location);
        let (message, hint) = d
            .split_once("\n  hint: ")
            .unwrap_or_else(|| panic!("no hint line in:\n{d}"));
        for word in *message_words {
            assert!(message.contains(word), "`{word}` not in message: {message}");
        }
        assert!(!hint.trim().is_empty(), "empty hint in:\n{d}");
        for word in *hint_words {
            assert!(hint.contains(word), "`{word}` not in hint: {hint}");
        }
    }
    let count = errors.len();
    let summary = if count == 1 {
        "Build failed: 1 error;".to_string()
    } else {
        format!("Build failed: {count} errors;")
    };
    assert!(stderr.contains(&summary), "no `{summary}` in:\n{stderr}");
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("error: ")).count(),
        count,
        "unexpected extra errors:\n{stderr}"
    );
}

// ---- one fixture per kind of bad input ----

#[test]
fn broken_toml_front_matter_is_located() {
    assert_fails_with(
        "bad-toml",
        &[(
            "content/articles/a.md:3:6",
            &["expected `=`"],
            &["TOML", "key = \"value\""],
        )],
    );
}

#[test]
fn broken_yaml_front_matter_is_located() {
    assert_fails_with(
        "bad-yaml",
        &[(
            "content/articles/a.md:4:9",
            &["unclosed bracket"],
            &["YAML"],
        )],
    );
}

#[test]
fn misspelt_front_matter_key_is_located_and_fields_are_listed() {
    assert_fails_with(
        "unknown-field",
        &[(
            "content/articles/a.md:3:1",
            &["unknown field `titel`"],
            &["title, date"],
        )],
    );
}

#[test]
fn string_where_a_list_is_expected_is_located_at_the_value() {
    assert_fails_with(
        "mistyped-field",
        &[(
            "content/articles/a.md:4:10",
            &["invalid type", "expected a sequence"],
            &["topics = [\"Politics\", \"Europe\"]"],
        )],
    );
}

#[test]
fn missing_title_is_reported() {
    assert_fails_with(
        "missing-title",
        &[("content/articles/a.md:1:1", &["no title"], &["title = "])],
    );
}

#[test]
fn impossible_and_relative_dates_are_located_at_their_key() {
    assert_fails_with(
        "bad-date",
        &[
            (
                "content/articles/a.md:3:1",
                &["bad date", "2022-02-30"],
                &["2022-02-01"],
            ),
            (
                "content/articles/b.md:4:1",
                &["bad date", "yesterday"],
                &["2022-02-01"],
            ),
        ],
    );
}

#[test]
fn duplicate_slug_names_both_files() {
    assert_fails_with(
        "duplicate-slug",
        &[(
            "content/articles/two/story.md:1:1",
            &["duplicate slug `story`", "content/articles/one/story.md"],
            &["slug"],
        )],
    );
}

#[test]
fn template_syntax_error_is_located_in_the_site_template() {
    assert_fails_with(
        "bad-template",
        &[(
            "templates/topics.html:4:35",
            &["template error", "expected }}"],
            &["Tera"],
        )],
    );
}

/// An unknown filter in a site's template is caught when templates load; it must point at
/// the template that uses it, not at the theme's base.html.
#[test]
fn unknown_filter_is_located_in_the_site_template() {
    assert_fails_with(
        "bad-filter",
        &[(
            "templates/article.html:3:24",
            &["Unknown filter `shout`"],
            &[],
        )],
    );
}

#[test]
fn unknown_key_in_site_toml_is_located_and_keys_are_listed() {
    assert_fails_with(
        "bad-config",
        &[(
            "site.toml:3:1",
            &["unknown field `output_directory`"],
            &["output_dir", "articles_per_page"],
        )],
    );
}

#[test]
fn unclosed_front_matter_is_reported() {
    assert_fails_with(
        "unclosed-front-matter",
        &[(
            "content/articles/a.md:1:1",
            &["front matter is never closed"],
            &["+++"],
        )],
    );
}

#[test]
fn one_run_reports_every_broken_file() {
    assert_fails_with(
        "several-errors",
        &[
            ("content/articles/a.md:3:1", &["unknown field `titel`"], &[]),
            ("content/articles/b.md:3:1", &["bad date", "yesterday"], &[]),
        ],
    );
}

#[test]
fn raw_text_without_date_warns_and_succeeds() {
    let run = build_fixture("txt-no-date");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let warning = diagnostic(&run.stderr, "warning", "content/articles/undated.txt:1:1");
    assert!(warning.contains("has no date"), "{warning}");
    assert!(
        warning.contains("\n  hint: give it one in content/articles/undated.toml"),
        "{warning}"
    );
    assert!(!run.stderr.contains("error:"), "{}", run.stderr);
    assert!(run.stdout.contains(" pages (1 article,"), "{}", run.stdout);
}

// ---- paths, messages, flags ----

#[test]
fn locations_are_relative_when_run_inside_the_site_without_root() {
    let site = SiteCopy::new("unknown-field");
    gazette()
        .arg("build")
        .current_dir(&site.root)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error: content/articles/a.md:3:1: unknown field `titel`",
        ))
        .stderr(predicate::str::contains("./content").not());
}

#[test]
fn build_without_site_toml_explains_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    gazette()
        .arg("build")
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no site.toml"))
        .stderr(predicate::str::contains("hint:"))
        .stderr(predicate::str::contains("--root"))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn bad_base_url_flag_is_reported() {
    let site = SiteCopy::new("basic");
    gazette()
        .args(["build", "--base-url", "example.org/news", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(site.out())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad base_url"))
        .stderr(predicate::str::contains("hint:"));
    assert!(!site.out().exists());
}

#[test]
fn success_prints_the_summary_on_stdout_only() {
    let site = SiteCopy::new("basic");
    site.build_command()
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Built 18 pages (4 articles, 1 quote, 1 speaker, 4 topics, 1 draft skipped) in ",
        ))
        .stderr("");
}

#[test]
fn drafts_flag_changes_the_summary() {
    let site = SiteCopy::new("basic");
    gazette()
        .args(["build", "--drafts", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(site.out())
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Built 21 pages (5 articles, 1 quote, 1 speaker, 5 topics) in ",
        ));
}

#[test]
fn verbose_prints_phase_times_on_stderr() {
    let site = SiteCopy::new("basic");
    gazette()
        .args(["build", "--verbose", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(site.out())
        .assert()
        .success()
        .stderr(predicate::str::is_match(r"(?m)^  load +[0-9.]+ ms$").unwrap())
        .stderr(
            predicate::str::is_match(r"(?m)^  render +[0-9.]+ ms \(pages rendered and written\)$")
                .unwrap(),
        )
        .stderr(predicate::str::is_match(r"(?m)^  write +[0-9.]+ ms \(thread time").unwrap())
        .stderr(predicate::str::contains(
            "render by kind of file (thread time, writing excluded):",
        ))
        // The basic fixture has four articles: their pages are counted as one kind.
        .stderr(
            predicate::str::is_match(r"(?m)^    article pages +[0-9.]+ ms +4 files +[0-9.]+ MB$")
                .unwrap(),
        )
        .stderr(
            predicate::str::is_match(r"(?m)^    sitemap +[0-9.]+ ms +1 file  +[0-9.]+ MB$")
                .unwrap(),
        );
}

#[test]
fn help_lists_the_build_command() {
    gazette()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("build"));
}

#[test]
fn build_help_lists_its_options() {
    let output = gazette().args(["build", "--help"]).output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for option in ["--root", "--output", "--base-url", "--drafts", "--verbose"] {
        assert!(help.contains(option), "{option} missing from:\n{help}");
    }
}

#[test]
fn broken_internal_link_is_an_error_at_its_line() {
    let site = SiteCopy::new("bad-link");
    gazette()
        .args(["build", "--root"])
        .arg(&site.root)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error: content/articles/a.md:8:5: broken internal link `@/articles/missing.md`",
        ))
        .stderr(predicate::str::contains("hint:"));
}

#[test]
fn digest_naming_an_unknown_article_is_an_error_at_its_line() {
    let site = SiteCopy::new("bad-digest");
    gazette()
        .args(["build", "--root"])
        .arg(&site.root)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error: content/digests/broken.md:4:1: the digest lists `nowhere`, which is no article",
        ));
}

#[test]
fn check_reports_broken_links_with_their_place_and_fails() {
    let site = SiteCopy::new("bad-link");
    gazette()
        .args(["check", "--root"])
        .arg(&site.root)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "content/articles/a.md:8:5: broken internal link",
        ))
        .stdout(predicate::str::contains("1 error"));
    assert!(!site.root.join("public").exists(), "check writes nothing");
}

#[test]
fn check_lists_quotes_without_speakers_and_unquoted_speakers_as_warnings() {
    let site = SiteCopy::new("links");
    std::fs::create_dir_all(site.path("content/speakers")).unwrap();
    std::fs::write(
        site.path("content/speakers/nobody.md"),
        "+++\nname = \"Nobody Atall\"\n+++\n",
    )
    .unwrap();
    std::fs::write(
        site.path("content/articles/third.md"),
        "+++\ntitle = \"Third\"\ndate = 2022-02-03\n+++\n\n\"Words that nobody claims here\" appeared on a wall.\n",
    )
    .unwrap();
    gazette()
        .args(["check", "--root"])
        .arg(&site.root)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "content/speakers/nobody.md:1:1: nobody quotes Nobody Atall",
        ))
        .stderr(predicate::str::contains(
            "content/articles/third.md:6:2: no speaker found",
        ))
        .stdout(predicate::str::contains("0 errors"));
}

#[test]
fn a_second_build_with_nothing_changed_says_so_and_exits_0() {
    let site = SiteCopy::new("basic");
    let build = || site.build_command();
    build()
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Built "));
    build()
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "Nothing changed since the last build: ",
        ));
}

#[test]
fn check_warns_an_unmatched_quotes_entry_at_its_own_line() {
    let site = SiteCopy::new("links");
    std::fs::write(
        site.path("content/articles/third.md"),
        "+++\ntitle = \"Third\"\ndate = 2022-02-03\n\n[[quotes]]\ntext = \"Words that nobody claims\"\nspeaker = \"Jane Doe\"\n\n[[quotes]]\ntext = \"not in the article\"\n+++\n\n\"Words that nobody claims here\" appeared on a wall.\n",
    )
    .unwrap();
    gazette()
        .args(["check", "--root"])
        .arg(&site.root)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "content/articles/third.md:9:1: no quotation or text matches the quotes entry “not in the article”",
        ));
}

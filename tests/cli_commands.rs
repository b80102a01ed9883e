//! The editor's commands: `init`, `new`, `import`, `speakers`, `completions`, and the terminal
//! (colour, --quiet, --verbose, help, exit codes). Each command's success, refusals and messages.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use predicates::prelude::*;

use common::{SiteCopy, fixture, gazette, read};

/// What one run printed and how it ended.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], root: Option<&Path>) -> Run {
    let mut command = gazette();
    command.args(args);
    if let Some(root) = root {
        command.arg("--root").arg(root);
    }
    let output = command.output().unwrap();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn today() -> String {
    jiff::ZonedDateTime::now().date().to_string()
}

/// A fresh site made by `gazette init` in `<tmp>/site`.
fn new_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let r = run(&["init", root.to_str().unwrap()], None);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    (tmp, root)
}

fn assert_builds_clean(root: &Path) {
    let check = run(&["check"], Some(root));
    assert_eq!(check.code, Some(0), "{}{}", check.stdout, check.stderr);
    assert!(
        check.stdout.contains(": 0 errors, 0 warnings"),
        "{}\n{}",
        check.stdout,
        check.stderr
    );
    let out = root.parent().unwrap().join("out");
    let build = gazette()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
}

// ---- init ----

#[test]
fn init_makes_a_site_that_builds_and_checks_clean() {
    let (_tmp, root) = new_site();
    for file in [
        "site.toml",
        "content/articles/riverside-footbridge.md",
        "content/speakers/amara-okafor.md",
        "content/digests/first-edition.md",
    ] {
        assert!(root.join(file).is_file(), "{file} missing");
    }
    let article = read(&root.join("content/articles/riverside-footbridge.md"));
    assert!(
        article.contains(&format!("date = {}", today())),
        "{article}"
    );
    assert!(read(&root.join("site.toml")).contains("title = \"Site\""));
    assert_builds_clean(&root);
    let out = root.parent().unwrap().join("out");
    let speaker = read(&out.join("speakers/amara-okafor/index.html"));
    assert!(speaker.contains("Leader of Riverside Council"));
    assert!(out.join("digests/first-edition/index.html").is_file());
    // The sample's quotes are found and attributed, one speaker from the registry.
    let quotes = run(
        &[
            "quotes",
            "--json",
            root.join("content/articles/riverside-footbridge.md")
                .to_str()
                .unwrap(),
        ],
        None,
    );
    let json: serde_json::Value = serde_json::from_str(&quotes.stdout).unwrap();
    let speakers: Vec<&str> = json["articles"][0]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["speaker"].as_str().unwrap_or("none"))
        .collect();
    assert_eq!(speakers, ["Amara Okafor", "Amara Okafor", "Tomás Reyes"]);
}

#[test]
fn init_prints_what_it_created_and_what_to_do_next() {
    let tmp = tempfile::tempdir().unwrap();
    gazette()
        .current_dir(tmp.path())
        .args(["init", "news"])
        .assert()
        .success()
        .stdout(predicate::str::contains("created   news/site.toml"))
        .stdout(predicate::str::contains(
            "created   news/content/articles/riverside-footbridge.md",
        ))
        .stdout(predicate::str::contains("gazette build --root news"))
        .stderr("");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_touches_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let r = run(&["init", tmp.path().to_str().unwrap()], None);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.contains("is not empty (it holds notes.txt)"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("\n  hint: ") && r.stderr.contains("--force"),
        "{}",
        r.stderr
    );
    assert!(!tmp.path().join("site.toml").exists());
    assert_eq!(read(&tmp.path().join("notes.txt")), "mine");
}

#[test]
fn init_accepts_a_folder_holding_only_git() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join(".git")).unwrap();
    let r = run(&["init", tmp.path().to_str().unwrap()], None);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(tmp.path().join("site.toml").is_file());
}

#[test]
fn init_force_keeps_other_files_and_names_what_it_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::write(root.join("notes.txt"), "mine").unwrap();
    fs::write(root.join("site.toml"), "title = \"Old\"\n").unwrap();
    let r = run(&["init", "--force", root.to_str().unwrap()], None);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(read(&root.join("notes.txt")), "mine");
    assert!(!read(&root.join("site.toml")).contains("Old"));
    let replaced = format!(
        "warning: replaced {} with the sample file",
        root.join("site.toml").display()
    );
    assert!(r.stderr.contains(&replaced), "{}", r.stderr);
    assert_eq!(r.stderr.matches("replaced").count(), 1, "{}", r.stderr);
    // Even --quiet says what it replaced.
    fs::write(root.join("site.toml"), "title = \"Old again\"\n").unwrap();
    let quiet = run(
        &["init", "--force", "--quiet", root.to_str().unwrap()],
        None,
    );
    assert_eq!(quiet.stdout, "");
    assert!(quiet.stderr.contains(&replaced), "{}", quiet.stderr);
}

#[test]
fn init_refuses_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("file");
    fs::write(&file, "x").unwrap();
    let r = run(&["init", file.to_str().unwrap()], None);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("is a file, not a folder"), "{}", r.stderr);
}

// ---- new ----

#[test]
fn new_article_prints_its_path_and_fills_in_the_front_matter() {
    let (_tmp, root) = new_site();
    let r = run(&["new", "article", "Council votes: “yes”"], Some(&root));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let path = root.join("content/articles/council-votes-yes.md");
    assert_eq!(r.stdout.trim(), path.display().to_string());
    let text = read(&path);
    assert!(
        text.starts_with("+++\ntitle = \"Council votes: “yes”\"\nslug = \"council-votes-yes\"\n")
    );
    assert!(text.contains(&format!("\ndate = {}\n", today())), "{text}");
    assert_builds_clean(&root);
    let out = root.parent().unwrap().join("out");
    assert!(
        read(&out.join("articles/council-votes-yes/index.html")).contains("Council votes: “yes”")
    );
}

#[test]
fn new_refuses_to_overwrite_without_force() {
    let (_tmp, root) = new_site();
    let path = root.join("content/articles/budget.md");
    assert_eq!(
        run(&["new", "article", "Budget"], Some(&root)).code,
        Some(0)
    );
    fs::write(
        &path,
        "+++\ntitle = \"Budget\"\ndate = 2024-01-01\n+++\nMy words.\n",
    )
    .unwrap();
    let r = run(&["new", "article", "Budget"], Some(&root));
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr
            .contains("error: content/articles/budget.md already exists")
            || r.stderr.contains("budget.md already exists"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("hint: ") && r.stderr.contains("--force"),
        "{}",
        r.stderr
    );
    assert!(read(&path).contains("My words."));
    let forced = run(&["new", "article", "Budget", "--force"], Some(&root));
    assert_eq!(forced.code, Some(0), "{}", forced.stderr);
    assert!(
        forced.stderr.contains("warning: replaced"),
        "{}",
        forced.stderr
    );
    assert!(!read(&path).contains("My words."));
}

#[test]
fn new_article_takes_slug_and_date_and_refuses_a_taken_slug() {
    let (_tmp, root) = new_site();
    let r = run(
        &[
            "new",
            "article",
            "Budget",
            "--slug",
            "budget-2024",
            "--date",
            "2024-05-01",
        ],
        Some(&root),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let text = read(&root.join("content/articles/budget-2024.md"));
    assert!(
        text.contains("slug = \"budget-2024\"\ndate = 2024-05-01\n"),
        "{text}"
    );
    // The sample article's slug, from a file elsewhere: a second one would break the build.
    fs::create_dir_all(root.join("content/articles/local")).unwrap();
    fs::rename(
        root.join("content/articles/riverside-footbridge.md"),
        root.join("content/articles/local/riverside-footbridge.md"),
    )
    .unwrap();
    let r = run(&["new", "article", "Riverside footbridge"], Some(&root));
    assert_eq!(r.code, Some(2), "{}", r.stdout);
    assert!(
        !root
            .join("content/articles/riverside-footbridge.md")
            .exists()
    );
    assert!(
        r.stderr.contains("the slug `riverside-footbridge` is taken by content/articles/local/riverside-footbridge.md"),
        "{}",
        r.stderr
    );
    for (args, message) in [
        (&["new", "article", "???"][..], "no slug can be made"),
        (
            &["new", "article", "X", "--slug", "Not A Slug"][..],
            "bad slug",
        ),
        (&["new", "article", "  "][..], "needs a title"),
    ] {
        let r = run(args, Some(&root));
        assert_eq!(r.code, Some(2), "{args:?}");
        assert!(
            r.stderr.contains(message) && r.stderr.contains("hint:"),
            "{}",
            r.stderr
        );
    }
    let r = run(&["new", "article", "X", "--date", "tomorrow"], Some(&root));
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("not a date"), "{}", r.stderr);
}

#[test]
fn new_digest_builds_with_this_weeks_articles() {
    let (_tmp, root) = new_site();
    let r = run(&["new", "digest", "Week 18"], Some(&root));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let path = root.join("content/digests/week-18.md");
    assert_eq!(r.stdout.trim(), path.display().to_string());
    let text = read(&path);
    assert!(text.contains("title = \"Week 18\""), "{text}");
    assert!(text.contains(&format!("to = {}", today())), "{text}");
    assert_builds_clean(&root);
    let page = read(
        &root
            .parent()
            .unwrap()
            .join("out/digests/week-18/index.html"),
    );
    // The sample article is dated today, so this week's digest holds it.
    assert!(page.contains("Riverside council approves the new footbridge"));
}

#[test]
fn new_outside_a_site_explains() {
    let tmp = tempfile::tempdir().unwrap();
    gazette()
        .current_dir(tmp.path())
        .args(["new", "article", "Anything"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no site.toml"))
        .stderr(predicate::str::contains("hint:").and(predicate::str::contains("gazette init")));
    assert!(!tmp.path().join("content").exists());
}

// ---- import ----

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content/articles/putin-nato-ukraine.txt")
}

/// `(text, speaker)` of every quote `gazette quotes --json` finds in a file's body (a Markdown
/// article's headline is front matter, where no quotes are looked for).
fn quotes_in(path: &Path) -> Vec<(String, String)> {
    let r = run(&["quotes", "--json", path.to_str().unwrap()], None);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    json["articles"][0]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["kind"] != "headline")
        .map(|q| {
            (
                q["text"].as_str().unwrap().to_string(),
                q["speaker"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn import_of_the_seed_keeps_every_paragraph_and_every_quote() {
    let (tmp, root) = new_site();
    // A copy outside the site without its .toml: the date comes from the flag.
    let source = tmp.path().join("putin-nato-ukraine.txt");
    fs::copy(seed(), &source).unwrap();
    let r = run(
        &[
            "import",
            source.to_str().unwrap(),
            "--date",
            "2022-02-01",
            "--source",
            "CNN",
        ],
        Some(&root),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let imported = root.join("content/articles/putin-nato-ukraine.md");
    assert!(
        r.stdout.contains(&format!(
            "imported  {} → {}",
            source.display(),
            imported.display()
        )),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("Imported 1 article, 0 unchanged, 0 skipped, 0 refused, 0 failed")
    );
    let markdown = read(&imported);
    assert!(
        markdown.starts_with(
            "+++\ntitle = \"US, NATO ‘ignored’ Russia’s key concerns over Ukraine, says Putin\"\n\
         dek = \"What are US options for sanctions against Russia President Vladimir Putin?\"\n\
         date = 2022-02-01\n\n[source]\nname = \"CNN\"\n+++\n"
        ),
        "{markdown}"
    );
    let original = read(&source);
    let raw = gazette::content::rawtext::parse(&original).unwrap();
    let body = &markdown[markdown.rfind("+++\n").unwrap() + 4..];
    let paragraphs: Vec<&str> = body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let expected: Vec<&str> = raw
        .paragraphs
        .iter()
        .map(|r| &original[r.clone()])
        .collect();
    assert_eq!(
        paragraphs, expected,
        "every paragraph, byte for byte, in order"
    );
    assert_eq!(quotes_in(&imported), quotes_in(&seed()));
    assert_builds_clean(&root);
}

#[test]
fn import_of_a_folder_reports_each_file_and_keeps_text_exact() {
    let (_tmp, root) = new_site();
    let sources = fixture("import-sources");
    let r = run(&["import", sources.to_str().unwrap()], Some(&root));
    let line = |status: &str, name: &str| format!("{status} {}", sources.join(name).display());
    assert!(
        r.stdout.contains(&line("imported ", "council-vote.html")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&line("imported ", "tricky-text.txt")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&format!(
            "{}: not an article (only .txt and .html files are read)",
            line("skipped  ", "photo.jpg")
        )),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&format!(
            "{}: read as the front matter of",
            line("skipped  ", "tricky-text.toml")
        )),
        "{}",
        r.stdout
    );
    assert!(r.stderr.contains(&format!(
        "error: {}:1:1: not an article: no article text in the page (no <p> paragraphs)\n  hint: ",
        sources.join("section-front.html").display()
    )), "{}", r.stderr);
    assert!(
        r.stdout
            .contains("Imported 2 articles, 0 unchanged, 2 skipped, 0 refused, 1 failed"),
        "{}",
        r.stdout
    );
    assert_eq!(
        r.code,
        Some(1),
        "a file that is no article fails the import"
    );

    let html = read(&root.join("content/articles/council-vote.md"));
    assert_eq!(
        html,
        "+++\ntitle = \"Council votes for the bridge\"\ndate = 2022-03-04T09:30:00+01:00\n\
         authors = [\"Jane Doe\"]\n\n[source]\nname = \"Riverside Times\"\n\
         url = \"https://example.org/news/council-vote\"\n+++\n\n\
         RIVERSIDE: The council voted on Thursday to build the footbridge.\n\n\
         “This is a great day for the town,” said council leader Amara Okafor. “We listened.”\n\n\
         ## What happens next\n\n\
         Work is due to start in May, at a cost of \\*about\\* £4m \\& rising.\n"
    );
    let text = read(&root.join("content/articles/tricky-text.md"));
    assert!(
        text.contains("topics = [\"Local\"]") && text.contains("[[quotes]]"),
        "{text}"
    );
    assert_builds_clean(&root);
    let out = root.parent().unwrap().join("out");
    let page = read(&out.join("articles/tricky-text/index.html"));
    for exact in [
        "<p># Not a heading, but the first words of a paragraph.</p>",
        "The budget is *about* £4m &amp; rising, said the &lt;treasurer&gt;.",
        "<p>1. Not a list item either.</p>",
    ] {
        assert!(page.contains(exact), "{exact} not in the page");
    }
    assert!(
        page.contains("Sam Lee"),
        "the .toml's [[quotes]] note came along"
    );
    let page = read(&out.join("articles/council-vote/index.html"));
    for left_out in [
        "Script text",
        "Read more",
        "Copyright",
        "artist",
        "Home | Local",
    ] {
        assert!(
            !page.contains(left_out),
            "{left_out} leaked into the article"
        );
    }
}

#[test]
fn import_again_is_unchanged_refused_when_different_and_replaced_with_force() {
    let (_tmp, root) = new_site();
    let page = fixture("import-sources/council-vote.html");
    let page = page.to_str().unwrap();
    assert_eq!(run(&["import", page], Some(&root)).code, Some(0));
    let again = run(&["import", page], Some(&root));
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    assert!(
        again.stdout.contains("unchanged") && again.stdout.contains("(imported before, the same)")
    );

    let target = root.join("content/articles/council-vote.md");
    let before = read(&target);
    let other_date = run(&["import", page, "--date", "2022-03-05"], Some(&root));
    assert_eq!(other_date.code, Some(2));
    assert!(other_date.stderr.contains(&format!(
        "refused: {page}: content/articles/council-vote.md already exists and differs\n  hint: pass --force to replace it"
    )), "{}", other_date.stderr);
    assert_eq!(read(&target), before, "nothing overwritten");

    let forced = run(
        &["import", page, "--date", "2022-03-05", "--force"],
        Some(&root),
    );
    assert_eq!(forced.code, Some(0), "{}", forced.stderr);
    assert!(
        forced.stderr.contains("warning: replaced")
            && forced.stderr.contains("council-vote.md (--force)"),
        "{}",
        forced.stderr
    );
    assert!(read(&target).contains("date = 2022-03-05\n"));
}

#[test]
fn import_refuses_a_slug_the_site_already_has() {
    let site = SiteCopy::new("txt-no-date");
    let taken = site.path("content/articles/undated.txt");
    let outside = site.tmp.path().join("undated.txt");
    fs::copy(&taken, &outside).unwrap();
    let r = run(
        &["import", outside.to_str().unwrap(), "--date", "2022-01-01"],
        Some(&site.root),
    );
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr
            .contains("the slug `undated` is taken by content/articles/undated.txt"),
        "{}",
        r.stderr
    );
    assert!(!site.path("content/articles/undated.md").exists());
}

#[test]
fn import_failures_are_located_with_hints() {
    let (tmp, root) = new_site();
    let latin1 = tmp.path().join("latin1.txt");
    fs::write(&latin1, b"Headline\n\nCaf\xe9 owners said so.\n").unwrap();
    let undated = tmp.path().join("undated.txt");
    fs::write(&undated, "Headline\n\nA paragraph.\n").unwrap();
    let missing = tmp.path().join("missing.txt");
    let image = tmp.path().join("picture.png");
    fs::write(&image, "png").unwrap();
    let r = run(
        &[
            "import",
            latin1.to_str().unwrap(),
            undated.to_str().unwrap(),
            missing.to_str().unwrap(),
            image.to_str().unwrap(),
        ],
        Some(&root),
    );
    assert_eq!(r.code, Some(1));
    for (path, message, hint) in [
        (&latin1, "3:4: the file is not valid UTF-8", "iconv"),
        (
            &undated,
            "1:1: no publication date found in the file",
            "--date",
        ),
        (&missing, "1:1: no such file or folder", "check the path"),
        (&image, "1:1: not an article file", ".txt"),
    ] {
        let expected = format!("error: {}:{message}\n  hint: ", path.display());
        let at = r
            .stderr
            .find(&expected)
            .unwrap_or_else(|| panic!("no `{expected}` in:\n{}", r.stderr));
        let hint_line = r.stderr[at + expected.len()..].lines().next().unwrap();
        assert!(hint_line.contains(hint), "{hint_line}");
    }
    assert!(!r.stderr.contains("panicked"));
    assert_eq!(
        fs::read_dir(root.join("content/articles")).unwrap().count(),
        1
    );
    let bad_date = run(
        &["import", undated.to_str().unwrap(), "--date", "soon"],
        Some(&root),
    );
    assert_eq!(bad_date.code, Some(2));
    assert!(
        bad_date.stderr.contains("bad --date `soon`"),
        "{}",
        bad_date.stderr
    );
}

// ---- speakers ----

#[test]
fn speakers_lists_counts_and_the_entries_that_merge_duplicates() {
    let site = SiteCopy::new("speaker-duplicates");
    let r = run(&["speakers"], Some(&site.root));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let rows: Vec<&str> = r.stdout.lines().take(8).collect();
    assert!(
        rows[0].starts_with("quotes  articles  speaker"),
        "{}",
        r.stdout
    );
    assert!(
        rows[1].starts_with("     2         1  Putin")
            && rows[1].contains("(also written President Putin)"),
        "{}",
        rows[1]
    );
    assert!(
        r.stdout
            .contains("     1         1  Joe Biden       content/speakers/joe-biden.md"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("7 speakers and 8 attributed quotes."));
    assert!(r.stdout.contains("Likely the same person (2):"));
    assert!(r.stdout.contains("  Vladimir Putin ← Putin (3 quotes)"));
    assert!(
        r.stdout
            .contains("  Johnson: Boris Johnson, Lyndon Johnson"),
        "ambiguous names are not merged"
    );
    let new_entry = "+++\nname = \"Vladimir Putin\"\naliases = [\"Putin\"]\n# role = \"\"\n# organisation = \"\"\n+++\n";
    let indented: String = new_entry.lines().map(|l| format!("    {l}\n")).collect();
    let write_line = format!(
        "  write {}:\n",
        site.path("content/speakers/vladimir-putin.md").display()
    );
    assert!(
        r.stdout.contains(&format!("{write_line}{indented}")),
        "{}",
        r.stdout
    );
    let update_line = format!(
        "  update {}:\n",
        site.path("content/speakers/joe-biden.md").display()
    );
    assert!(r.stdout.contains(&update_line), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("    aliases = [\"Biden\"]\n    role = \"President of the United States\"\n")
    );

    // Writing what it says merges them: one Putin with three quotes, one Biden with two.
    fs::write(site.path("content/speakers/vladimir-putin.md"), new_entry).unwrap();
    let biden = read(&site.path("content/speakers/joe-biden.md")).replace(
        "name = \"Joe Biden\"\n",
        "name = \"Joe Biden\"\naliases = [\"Biden\"]\n",
    );
    fs::write(site.path("content/speakers/joe-biden.md"), biden).unwrap();
    let after = run(&["speakers"], Some(&site.root));
    assert_eq!(after.code, Some(0), "{}", after.stderr);
    assert!(
        after
            .stdout
            .contains("     3         2  Vladimir Putin  content/speakers/vladimir-putin.md"),
        "{}",
        after.stdout
    );
    assert!(
        after
            .stdout
            .contains("     2         2  Joe Biden       content/speakers/joe-biden.md"),
        "{}",
        after.stdout
    );
    assert!(
        !after.stdout.contains("Likely the same person"),
        "{}",
        after.stdout
    );
    assert!(after.stdout.contains("5 speakers and 8 attributed quotes."));
}

#[test]
fn speakers_reports_content_errors_at_their_place() {
    let site = SiteCopy::new("bad-date");
    let r = run(&["speakers"], Some(&site.root));
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr
            .contains("error: content/articles/a.md:3:1: bad date"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("  hint: "));
}

// ---- the terminal ----

#[test]
fn colour_only_when_asked_for_and_never_with_no_color() {
    let site = SiteCopy::new("bad-date");
    let stderr = |envs: &[(&str, &str)]| {
        let mut command = gazette();
        command
            .args(["build", "--root"])
            .arg(&site.root)
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE");
        for (key, value) in envs {
            command.env(key, value);
        }
        String::from_utf8(command.output().unwrap().stderr).unwrap()
    };
    let piped = stderr(&[]);
    assert!(!piped.contains('\x1b'), "no colour into a pipe: {piped:?}");
    assert!(piped.contains("error: content/articles/a.md:3:1:"));
    let forced = stderr(&[("CLICOLOR_FORCE", "1")]);
    assert!(
        forced.contains("\x1b[1m\x1b[31merror\x1b[0m: content/articles/a.md:3:1:")
            || forced.contains("\x1b[31m"),
        "{forced:?}"
    );
    assert!(forced.contains("hint\x1b[0m: "), "{forced:?}");
    let no_color = stderr(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!no_color.contains('\x1b'), "NO_COLOR wins: {no_color:?}");
}

#[test]
fn quiet_prints_nothing_on_success_and_verbose_is_global() {
    let site = SiteCopy::new("txt-no-date");
    gazette()
        .args(["build", "--quiet", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(site.out())
        .assert()
        .success()
        .stdout("")
        .stderr("");
    // Another output folder: into the same one, nothing changed and nothing would be rendered.
    gazette()
        .args(["-v", "build", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(site.tmp.path().join("again"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: content/articles/undated.txt:1:1",
        ))
        .stderr(predicate::str::is_match(r"(?m)^  render +[0-9.]+ ms ").unwrap());
    gazette()
        .args(["build", "--quiet", "--verbose"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
    // Errors still show with --quiet.
    let bad = SiteCopy::new("bad-date");
    gazette()
        .args(["-q", "build", "--root"])
        .arg(&bad.root)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error: content/articles/a.md:3:1"));
}

#[test]
fn every_command_has_examples_and_the_exit_codes_are_documented() {
    let help = run(&["--help"], None);
    assert_eq!(help.code, Some(0));
    for line in [
        "Exit status:",
        "  0  done",
        "  1  problems in the site's files",
        "  2  usage",
        "NO_COLOR",
    ] {
        assert!(
            help.stdout.contains(line),
            "`{line}` not in:\n{}",
            help.stdout
        );
    }
    for command in [
        "build",
        "check",
        "serve",
        "watch",
        "quotes",
        "init",
        "new",
        "import",
        "speakers",
        "completions",
    ] {
        let r = run(&[command, "--help"], None);
        assert_eq!(r.code, Some(0), "{command}");
        assert!(
            r.stdout.contains("Examples:\n  gazette "),
            "{command} --help has no examples:\n{}",
            r.stdout
        );
        assert!(
            help.stdout.contains(&format!("  {command} ")),
            "{command} not listed"
        );
    }
}

#[test]
fn usage_mistakes_exit_with_2() {
    for args in [
        &["build", "--nope"][..],
        &["frobnicate"][..],
        &["new", "essay", "X"][..],
        &["import"][..],
        &["completions", "tcsh"][..],
    ] {
        let r = run(args, None);
        assert_eq!(r.code, Some(2), "{args:?}: {}", r.stderr);
        assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
    }
}

#[test]
fn completions_for_bash_zsh_and_fish_name_every_command() {
    for shell in ["bash", "zsh", "fish"] {
        let r = run(&["completions", shell], None);
        assert_eq!(r.code, Some(0), "{shell}");
        for word in ["gazette", "import", "speakers", "base-url", "force"] {
            assert!(r.stdout.contains(word), "{shell} completions lack {word}");
        }
    }
}

#[test]
fn new_digest_refuses_to_overwrite_without_force() {
    let (_tmp, root) = new_site();
    let path = root.join("content/digests/weekly.md");
    assert_eq!(run(&["new", "digest", "Weekly"], Some(&root)).code, Some(0));
    let mine = "+++\ntitle = \"Weekly\"\ndate = 2024-01-01\n+++\nMy introduction.\n";
    fs::write(&path, mine).unwrap();
    let r = run(&["new", "digest", "Weekly"], Some(&root));
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.contains("weekly.md already exists"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert_eq!(read(&path), mine);
}

#[test]
fn import_force_still_refuses_a_slug_another_article_has() {
    let site = SiteCopy::new("txt-no-date");
    let taken = site.path("content/articles/undated.txt");
    let before = fs::read(&taken).unwrap();
    let outside = site.tmp.path().join("undated.txt");
    fs::write(&outside, "Another headline\n\nAnother paragraph.\n").unwrap();
    let r = run(
        &[
            "import",
            outside.to_str().unwrap(),
            "--date",
            "2022-01-01",
            "--force",
        ],
        Some(&site.root),
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("is taken by"), "{}", r.stderr);
    assert_eq!(fs::read(&taken).unwrap(), before);
    assert!(!site.path("content/articles/undated.md").exists());
}

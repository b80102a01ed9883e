//! Builds fixture sites into temporary folders and checks the files written.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use gazette::config::Overrides;
use gazette::{BuildOptions, BuildReport};

use common::{SiteCopy, gazette, read, snapshot};

/// A fixture built with the library into `<tmp>/out`.
struct Built {
    site: SiteCopy,
    report: BuildReport,
}

impl Built {
    fn page(&self, relative: &str) -> String {
        read(&self.out().join(relative))
    }

    fn out(&self) -> PathBuf {
        self.site.out()
    }

    fn exists(&self, relative: &str) -> bool {
        self.out().join(relative).exists()
    }
}

/// Options to build `site` into `<tmp>/out`.
fn options(site: &SiteCopy, drafts: bool, base_url: Option<&str>) -> BuildOptions {
    BuildOptions {
        root: site.root.clone(),
        overrides: Overrides {
            output_dir: Some(site.out()),
            base_url: base_url.map(str::to_string),
        },
        drafts,
        force: false,
    }
}

fn build_with(name: &str, drafts: bool, base_url: Option<&str>) -> Built {
    let site = SiteCopy::new(name);
    let report = gazette::build(&options(&site, drafts, base_url))
        .unwrap_or_else(|e| panic!("building fixture {name} failed: {e:?}"));
    Built { site, report }
}

fn build(name: &str) -> Built {
    build_with(name, false, None)
}

/// The part of a page between `<main` and `</main>`, so that navigation does not count.
fn main_part(html: &str) -> &str {
    let start = html.find("<main").expect("page has a <main>");
    let end = html.find("</main>").expect("page has a </main>");
    &html[start..end]
}

/// Asserts that `needles` appear in `haystack` in this order.
fn assert_in_order(haystack: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        match haystack[from..].find(needle) {
            Some(i) => from += i + needle.len(),
            None => panic!("`{needle}` missing or out of order in:\n{haystack}"),
        }
    }
}

// ---- article pages ----

#[test]
fn every_published_article_gets_a_page_at_its_slug() {
    let built = build("basic");
    for slug in [
        "nato-talks",
        "vaccine-rollout",
        "putin-nato",
        "archive-note",
    ] {
        assert!(
            built.exists(&format!("articles/{slug}/index.html")),
            "articles/{slug}/index.html missing"
        );
    }
}

#[test]
fn toml_article_page_has_title_date_authors_and_source() {
    let page = build("basic").page("articles/nato-talks/index.html");
    assert!(page.contains("<title>NATO talks stall over Ukraine · Basic Gazette</title>"));
    assert!(page.contains("<h1>NATO talks stall over Ukraine</h1>"));
    assert!(
        page.contains("<time datetime=\"2022-02-03T10:00:00+02:00\">3 February 2022</time>"),
        "{page}"
    );
    assert!(page.contains("By Ann Writer, Bo Reporter"));
    assert!(page.contains(
        "<a href=\"https://wire.example.com/nato-talks\" rel=\"external\">Example Wire</a>"
    ));
    assert!(page.contains(
        "<meta name=\"description\" content=\"Talks in Brussels ended without agreement.\">"
    ));
}

#[test]
fn markdown_body_has_table_footnote_note_box_and_heading_id() {
    let page = build("basic").page("articles/nato-talks/index.html");
    assert!(page.contains("<table>"), "{page}");
    assert!(
        page.contains("<td>Russia</td><td>No expansion</td>"),
        "{page}"
    );
    assert!(page.contains("class=\"footnote-reference\""), "{page}");
    assert!(page.contains("class=\"footnote-definition\""), "{page}");
    assert!(page.contains("According to two officials present."));
    assert!(page.contains("<p class=\"alert-title\">Note</p>"), "{page}");
    assert!(page.contains("This article was updated with the final statement."));
    assert!(
        page.contains("<h2 id=\"where-the-sides-stand\">Where the sides stand</h2>"),
        "{page}"
    );
}

#[test]
fn yaml_article_page_has_its_front_matter() {
    let page = build("basic").page("articles/vaccine-rollout/index.html");
    assert!(page.contains("<h1>Vaccine rollout reaches rural clinics</h1>"));
    assert!(page.contains("<time datetime=\"2022-02-02T00:00:00Z\">2 February 2022</time>"));
    assert!(page.contains("By Cy Correspondent"));
    assert!(
        page.contains("<p class=\"source\">Source: Health Desk</p>"),
        "{page}"
    );
    assert!(page.contains("<p>Officials said more would follow.</p>"));
}

#[test]
fn article_in_a_subfolder_is_published_by_file_name() {
    let built = build("basic");
    let page = built.page("articles/archive-note/index.html");
    assert!(page.contains("An older piece kept for the record."));
    assert!(
        !built.exists("articles/2022"),
        "the folder is not part of the URL"
    );
}

#[test]
fn titles_are_html_escaped() {
    let page = build("basic").page("articles/archive-note/index.html");
    assert!(
        page.contains("<h1>Archive Q&amp;A from January</h1>"),
        "{page}"
    );
}

#[test]
fn raw_text_article_has_headline_dek_and_paragraphs_without_scraping_leftovers() {
    let page = build("basic").page("articles/putin-nato/index.html");
    assert!(
        page.contains("\"></span>US, NATO ‘ignored’ Russia’s key concerns, says Putin</h1>"),
        "{page}"
    );
    assert!(
        page.contains("<p class=\"dek\">What are US options?</p>"),
        "{page}"
    );
    let body = &page[page.find("article-body").unwrap()..];
    assert_in_order(
        body,
        &[
            "<p>MOSCOW: Russian President Vladimir Putin on Tuesday said the US &amp; NATO ignored Moscow’s concerns.</p>",
            "<p>Speaking at a news conference, Putin said &lt;nothing&gt; was settled.</p>",
        ],
    );
    assert!(!page.contains("Source link"), "{page}");
    assert!(!page.contains("Putin-"), "{page}");
    assert!(!page.contains("options?-"), "{page}");
}

#[test]
fn raw_text_article_takes_date_and_topics_from_its_toml() {
    let built = build("basic");
    let page = built.page("articles/putin-nato/index.html");
    assert!(page.contains("<time datetime=\"2022-02-01T00:00:00Z\">1 February 2022</time>"));
    assert!(
        page.contains("<a href=\"../../topics/conflict/\">Conflict</a>"),
        "{page}"
    );
    assert!(
        built
            .page("topics/conflict/index.html")
            .contains("articles/putin-nato/")
    );
}

#[test]
fn raw_text_article_without_toml_is_built_as_undated_with_a_warning() {
    let built = build("txt-no-date");
    let page = built.page("articles/undated/index.html");
    assert!(page.contains("<h1>Undated headline</h1>"), "{page}");
    let meta = &page[page.find("<p class=\"meta\">").unwrap()..];
    let meta = &meta["<p class=\"meta\">".len()..meta.find("</p>").unwrap()];
    assert_eq!(meta.trim(), "Undated");
    assert!(page.contains("<p>Second paragraph.</p>"));
    assert_eq!(
        built.report.warnings.len(),
        1,
        "{:?}",
        built.report.warnings
    );
    let warning = &built.report.warnings[0];
    assert!(!warning.is_error());
    assert_eq!(warning.path, Path::new("content/articles/undated.txt"));
}

// ---- listings, topics, site files ----

#[test]
fn articles_listing_is_paginated_newest_first() {
    let built = build("basic");
    let first = built.page("articles/index.html");
    let first = main_part(&first);
    assert_in_order(
        first,
        &["articles/nato-talks/", "articles/vaccine-rollout/"],
    );
    assert!(!first.contains("articles/putin-nato/"), "{first}");
    assert!(first.contains("Page 1 of 2"));
    assert!(
        first.contains("<a rel=\"next\" href=\"../articles/page/2/\">"),
        "{first}"
    );

    let second = built.page("articles/page/2/index.html");
    let second = main_part(&second);
    assert_in_order(second, &["articles/putin-nato/", "articles/archive-note/"]);
    assert!(!second.contains("articles/nato-talks/"), "{second}");
    assert!(second.contains("Page 2 of 2"));
    assert!(
        second.contains("<a rel=\"prev\" href=\"../../../articles/\">"),
        "{second}"
    );
    assert!(!built.exists("articles/page/3"));
}

#[test]
fn home_page_lists_the_latest_articles_and_links_to_all() {
    let page = build("basic").page("index.html");
    let main = main_part(&page);
    assert_in_order(
        main,
        &["./articles/nato-talks/", "./articles/vaccine-rollout/"],
    );
    assert!(!main.contains("articles/putin-nato/"), "{main}");
    assert!(
        main.contains("<a href=\"./articles/\">All 4 articles →</a>"),
        "{main}"
    );
}

#[test]
fn topics_index_lists_each_topic_alphabetically_with_its_count() {
    let page = build("basic").page("topics/index.html");
    assert_in_order(
        main_part(&page),
        &[
            "<a href=\"../topics/conflict/\">Conflict</a> <span class=\"count\">1</span>",
            "<a href=\"../topics/europe/\">Europe</a> <span class=\"count\">3</span>",
            "<a href=\"../topics/health/\">Health</a> <span class=\"count\">1</span>",
            "<a href=\"../topics/politics/\">Politics</a> <span class=\"count\">1</span>",
        ],
    );
}

#[test]
fn topic_pages_list_their_articles_and_paginate() {
    let built = build("basic");
    let politics = built.page("topics/politics/index.html");
    let politics = main_part(&politics);
    assert!(politics.contains("<h1>Politics</h1>"));
    assert!(politics.contains("articles/nato-talks/"));
    assert!(
        !politics.contains("articles/vaccine-rollout/"),
        "{politics}"
    );

    let europe = built.page("topics/europe/index.html");
    assert_in_order(
        main_part(&europe),
        &["articles/nato-talks/", "articles/vaccine-rollout/"],
    );
    let europe_2 = built.page("topics/europe/page/2/index.html");
    let europe_2 = main_part(&europe_2);
    assert!(europe_2.contains("articles/putin-nato/"), "{europe_2}");
    assert!(europe_2.contains("Page 2 of 2"));
}

#[test]
fn not_found_page_and_theme_stylesheet_are_written() {
    let built = build("basic");
    assert!(built.page("404.html").contains("<h1>Page not found</h1>"));
    let theme_css =
        fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("static/style.css")).unwrap();
    assert_eq!(fs::read(built.out().join("style.css")).unwrap(), theme_css);
}

#[test]
fn static_files_are_copied_byte_for_byte() {
    let built = build("basic");
    assert_eq!(
        fs::read(built.out().join("img/logo.txt")).unwrap(),
        fs::read(built.site.path("static/img/logo.txt")).unwrap()
    );
}

#[test]
fn report_counts_pages_articles_and_topics() {
    let report = build("basic").report;
    // 4 articles, home, 2 listing pages, topics index, europe ×2, conflict, health, politics,
    // 404, one speaker page, the speakers index, the (empty) digests index and search
    assert_eq!(report.pages, 18);
    assert_eq!(report.articles, 4);
    assert_eq!(report.topics, 4);
    assert_eq!(report.drafts_skipped, 1);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

// ---- drafts ----

#[test]
fn drafts_are_left_out_by_default() {
    let built = build("basic");
    assert!(!built.exists("articles/unfinished"));
    assert!(!built.exists("topics/drafts-only"));
    assert!(
        !built
            .page("articles/index.html")
            .contains("Unfinished draft piece")
    );
    assert!(
        !built
            .page("topics/europe/index.html")
            .contains("Unfinished draft piece")
    );
}

#[test]
fn drafts_flag_publishes_drafts() {
    let built = build_with("basic", true, None);
    assert!(
        built
            .page("articles/unfinished/index.html")
            .contains("<h1>Unfinished draft piece</h1>")
    );
    assert!(built.exists("topics/drafts-only/index.html"));
    // the draft is the newest article, so five articles make three listing pages
    assert!(main_part(&built.page("articles/index.html")).contains("articles/unfinished/"));
    assert!(built.exists("articles/page/3/index.html"));
    assert_eq!(built.report.articles, 5);
    assert_eq!(built.report.drafts_skipped, 0);
}

// ---- links and base URL ----

#[test]
fn links_are_relative_to_each_page() {
    let built = build("basic");
    let cases = [
        ("index.html", "./"),
        ("articles/index.html", "../"),
        ("articles/nato-talks/index.html", "../../"),
        ("articles/page/2/index.html", "../../../"),
        ("topics/europe/page/2/index.html", "../../../../"),
    ];
    for (page, root) in cases {
        let html = built.page(page);
        assert!(
            html.contains(&format!(
                "<link rel=\"stylesheet\" href=\"{root}style.css\">"
            )),
            "{page}: {html}"
        );
        assert!(
            html.contains(&format!("<a href=\"{root}topics/\">Topics</a>")),
            "{page}: {html}"
        );
    }
}

#[test]
fn canonical_link_is_root_relative_without_base_url() {
    let page = build("basic").page("articles/nato-talks/index.html");
    assert!(
        page.contains("<link rel=\"canonical\" href=\"/articles/nato-talks/\">"),
        "{page}"
    );
}

#[test]
fn base_url_makes_canonical_links_absolute() {
    let built = build_with("basic", false, Some("https://example.org/news/"));
    let article = built.page("articles/nato-talks/index.html");
    assert!(
        article.contains(
            "<link rel=\"canonical\" href=\"https://example.org/news/articles/nato-talks/\">"
        ),
        "{article}"
    );
    assert!(
        built
            .page("index.html")
            .contains("href=\"https://example.org/news/\">")
    );
    // other links stay relative
    assert!(article.contains("<link rel=\"stylesheet\" href=\"../../style.css\">"));
}

#[test]
fn not_found_page_links_start_from_the_base_path() {
    let built = build_with("basic", false, Some("https://example.org/news/"));
    let page = built.page("404.html");
    assert!(
        page.contains("<link rel=\"stylesheet\" href=\"/news/style.css\">"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"/news/articles/\">all articles</a>"),
        "{page}"
    );
    assert!(!page.contains("href=\"../"), "{page}");
    assert!(!page.contains("href=\"./"), "{page}");
}

// ---- templates ----

#[test]
fn site_template_overrides_the_theme_file() {
    let built = build("override");
    let article = built.page("articles/hello/index.html");
    assert!(article.contains("SITE-OVERRIDE-MARKER"), "{article}");
    assert!(article.contains("<h1>Hello from the override site</h1>"));
    assert!(article.contains("<p>The body is still rendered.</p>"));
    // base.html still comes from the theme
    assert!(article.contains("Built with Gazette."));
}

#[test]
fn pages_without_an_override_keep_the_theme() {
    let home = build("override").page("index.html");
    assert!(home.contains("Latest articles"), "{home}");
    assert!(!home.contains("SITE-OVERRIDE-MARKER"));
}

// ---- content discovery ----

#[test]
fn editor_lock_files_are_not_read_as_articles() {
    let site = SiteCopy::new("basic");
    // Emacs leaves `.#name.md` beside the file being edited; it would clash with nato-talks.
    fs::write(
        site.path("content/articles/.#nato-talks.md"),
        "user@host.1234:1700000000",
    )
    .unwrap();
    site.build_command().assert().success();
    assert!(site.out().join("articles/nato-talks/index.html").exists());
}

// ---- output folder ----

#[test]
fn default_output_is_public_inside_the_root_with_no_leftovers() {
    let site = SiteCopy::new("basic");
    gazette()
        .args(["build", "--root"])
        .arg(&site.root)
        .assert()
        .success();
    assert!(site.path("public/articles/nato-talks/index.html").exists());
    let leftovers: Vec<String> = fs::read_dir(&site.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn failed_rebuild_leaves_the_previous_output_byte_for_byte() {
    let site = SiteCopy::new("basic");
    let run = || site.build_command();
    run().assert().success();
    let before = snapshot(&site.out());

    fs::write(
        site.path("content/articles/nato-talks.md"),
        "+++\ntitle = \"Broken\"\ntitel = \"x\"\n+++\n",
    )
    .unwrap();
    run().assert().code(1);

    assert_eq!(snapshot(&site.out()), before);
    let beside: Vec<String> = fs::read_dir(site.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside.len(), 2, "no staging folder left: {beside:?}");
}

#[test]
fn failed_first_build_writes_no_output() {
    let site = SiteCopy::new("unknown-field");
    site.build_command().assert().code(1);
    assert!(!site.out().exists());
}

#[test]
fn removed_article_disappears_on_rebuild() {
    let site = SiteCopy::new("basic");
    let options = BuildOptions {
        root: site.root.clone(),
        overrides: Overrides {
            output_dir: Some(site.out()),
            base_url: None,
        },
        drafts: false,
        force: false,
    };
    gazette::build(&options).unwrap();
    assert!(
        site.out()
            .join("articles/vaccine-rollout/index.html")
            .exists()
    );

    fs::remove_file(site.path("content/articles/vaccine-rollout.md")).unwrap();
    gazette::build(&options).unwrap();
    assert!(!site.out().join("articles/vaccine-rollout").exists());
    // Health had only that article.
    assert!(!site.out().join("topics/health").exists());
    assert!(site.out().join("articles/nato-talks/index.html").exists());
}

#[test]
fn output_equal_to_the_root_is_refused_and_nothing_is_deleted() {
    let site = SiteCopy::new("basic");
    let before = snapshot(&site.root);
    gazette()
        .args(["build", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(&site.root)
        .assert()
        .failure()
        .stderr(predicates::str::contains("refusing to build into"))
        .stderr(predicates::str::contains("hint:"));
    assert_eq!(snapshot(&site.root), before);
}

#[test]
fn output_holding_the_root_is_refused_and_nothing_is_deleted() {
    let site = SiteCopy::new("basic");
    let before = snapshot(site.tmp.path());
    gazette()
        .args(["build", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(site.tmp.path())
        .assert()
        .failure()
        .stderr(predicates::str::contains("refusing to build into"));
    assert_eq!(snapshot(site.tmp.path()), before);
}

#[test]
fn output_inside_content_is_refused() {
    let site = SiteCopy::new("basic");
    let before = snapshot(&site.root);
    gazette()
        .args(["build", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(site.path("content/articles"))
        .assert()
        .failure()
        .stderr(predicates::str::contains("refusing to build into"));
    assert_eq!(snapshot(&site.root), before);
}

/// The same site folder named through a symlinked parent (as with /home → /usr/home) must be
/// refused too: otherwise the swap moves the site aside and deletes it.
#[cfg(unix)]
#[test]
fn output_naming_the_root_through_a_symlink_is_refused_and_nothing_is_deleted() {
    let site = SiteCopy::new("basic");
    let alias = site.tmp.path().join("alias");
    std::os::unix::fs::symlink(site.tmp.path(), &alias).unwrap();
    let before = snapshot(&site.root);
    let assert = gazette()
        .args(["build", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(alias.join("site"))
        .assert();
    let site_survived = site.path("site.toml").exists();
    assert!(site_survived, "the build deleted the site's own files");
    assert_eq!(snapshot(&site.root), before);
    assert
        .failure()
        .stderr(predicates::str::contains("refusing to build into"));
}

/// The swap replaces the output folder whole: a folder of unrelated files must not be taken.
#[test]
fn output_folder_holding_other_files_is_refused_and_kept() {
    let site = SiteCopy::new("basic");
    let other = site.tmp.path().join("documents");
    fs::create_dir_all(&other).unwrap();
    fs::write(other.join("thesis.txt"), "years of work").unwrap();
    gazette()
        .args(["build", "--root"])
        .arg(&site.root)
        .arg("--output")
        .arg(&other)
        .assert()
        .failure()
        .stderr(predicates::str::contains("does not look like a built site"));
    assert_eq!(read(&other.join("thesis.txt")), "years of work");
}

/// Hosts read dotfiles such as `.nojekyll`; only editor leftovers are skipped.
#[test]
fn static_dotfiles_are_copied_and_editor_leftovers_are_not() {
    let site = SiteCopy::new("basic");
    fs::write(site.path("static/.nojekyll"), "").unwrap();
    fs::create_dir_all(site.path("static/.well-known")).unwrap();
    fs::write(site.path("static/.well-known/security.txt"), "Contact: x").unwrap();
    fs::write(site.path("static/notes.txt~"), "backup").unwrap();
    fs::write(site.path("static/.notes.txt.swp"), "swap").unwrap();
    gazette::build(&BuildOptions {
        root: site.root.clone(),
        overrides: Overrides {
            output_dir: Some(site.out()),
            base_url: None,
        },
        drafts: false,
        force: false,
    })
    .unwrap();
    assert!(site.out().join(".nojekyll").exists());
    assert!(site.out().join(".well-known/security.txt").exists());
    assert!(!site.out().join("notes.txt~").exists());
    assert!(!site.out().join(".notes.txt.swp").exists());
}

// ---- cross-links ----

#[test]
fn internal_links_by_source_path_resolve_and_give_backlinks() {
    let built = build("links");
    let first = built.page("articles/first/index.html");
    assert!(
        first.contains("href=\"../../articles/second/#talks\""),
        "{first}"
    );
    assert!(first.contains("href=\"../../articles/second/\""), "{first}");
    let second = built.page("articles/second/index.html");
    let linked_from = &second[second.find("Linked from").expect("a backlinks section")..];
    assert!(
        linked_from.contains("href=\"../../articles/first/\""),
        "{second}"
    );
    // Shared speaker and topic: each is the other's related article.
    let related = &first[first.find("id=\"related\"").expect("a related section")..];
    assert!(
        related.contains("href=\"../../articles/second/\""),
        "{first}"
    );
}

// ---- digests ----

#[test]
fn digests_gather_listed_and_selected_articles_with_notes() {
    let built = build("digests");
    let week = main_part(&built.page("digests/week-one/index.html")).to_string();
    assert_in_order(
        &week,
        &[
            "Week one",
            "introduction",
            "articles/second/",
            "articles/first/",
        ],
    );
    assert!(week.contains("Read this <em>first</em>."), "{week}");
    assert!(
        week.contains("class=\"bars\""),
        "the who's-quoted chart: {week}"
    );
    assert!(week.contains("Jane Doe"), "{week}");
    let europe = main_part(&built.page("digests/europe/index.html")).to_string();
    assert!(
        europe.contains("articles/second/") && !europe.contains("articles/first/"),
        "{europe}"
    );
    // The newest digest leads the home page; the index lists both, newest first.
    let home = built.page("index.html");
    assert!(
        home.contains("Latest edition") && home.contains("Europe in February"),
        "{home}"
    );
    assert_in_order(
        &built.page("digests/index.html"),
        &["Europe in February", "Week one"],
    );
    assert!(
        built
            .page("digests/atom.xml")
            .contains("<title>Week one</title>")
    );
}

/// Every output file with its modification time.
fn stamps(dir: &Path) -> Vec<(PathBuf, std::time::SystemTime)> {
    let mut all: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let modified = e.metadata().unwrap().modified().unwrap();
            (e.into_path(), modified)
        })
        .collect();
    all.sort();
    all
}

#[test]
fn a_build_with_nothing_changed_writes_no_file_and_reports_the_same() {
    let first = build("basic");
    assert!(!first.report.unchanged && first.report.files_written > 0);
    let before = stamps(&first.out());
    let again = gazette::build(&options(&first.site, false, None)).unwrap();
    assert!(again.unchanged, "nothing changed since the first build");
    assert_eq!(again.files_written, 0);
    assert_eq!(stamps(&first.out()), before, "no output file touched");
    assert_eq!(again.pages, first.report.pages);
    assert_eq!(again.quotes, first.report.quotes);
    assert_eq!(
        again.warnings, first.report.warnings,
        "the warnings are told again"
    );
}

#[test]
fn an_edit_right_after_a_build_is_noticed_even_at_the_same_size() {
    let first = build("basic");
    let article = first.site.path("content/articles/nato-talks.md");
    let text = read(&article);
    // Same length and, as on a file system with coarse timestamps, the same modification time.
    let modified = fs::metadata(&article).unwrap().modified().unwrap();
    let edited = text.replacen("NATO", "OTAN", 1);
    assert_eq!(edited.len(), text.len());
    fs::write(&article, &edited).unwrap();
    let file = fs::File::options().write(true).open(&article).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    let again = gazette::build(&options(&first.site, false, None)).unwrap();
    assert!(!again.unchanged, "the edit is seen");
    assert!(
        first
            .page("articles/nato-talks/index.html")
            .contains("OTAN")
    );
}

#[test]
fn an_output_file_removed_or_edited_by_hand_is_put_back() {
    let first = build("basic");
    let page = first.out().join("articles/nato-talks/index.html");
    let original = read(&page);
    fs::remove_file(&page).unwrap();
    let again = gazette::build(&options(&first.site, false, None)).unwrap();
    assert!(!again.unchanged);
    assert_eq!(read(&page), original);
    fs::write(first.out().join("stray.html"), "left by hand").unwrap();
    let again = gazette::build(&options(&first.site, false, None)).unwrap();
    assert!(!again.unchanged, "a file added to the output is noticed");
    assert!(!first.exists("stray.html"));
}

#[test]
fn other_options_or_a_new_file_rebuild() {
    let first = build("basic");
    let with_drafts = gazette::build(&options(&first.site, true, None)).unwrap();
    assert!(!with_drafts.unchanged, "--drafts builds another site");
    assert!(first.exists("articles/unfinished/index.html"));
    let same = gazette::build(&options(&first.site, true, None)).unwrap();
    assert!(same.unchanged);
    fs::write(first.site.path("static/extra.txt"), "a new static file").unwrap();
    let after_new_file = gazette::build(&options(&first.site, true, None)).unwrap();
    assert!(!after_new_file.unchanged, "a new input file is noticed");
    assert!(first.exists("extra.txt"));
}

//! The default theme's HTML: the tags pages carry for sharing and search engines, the tip that
//! names a quote's speaker on hover and focus, and charts whose text keeps its size.
//! (How it all looks and reads in a browser is tests/browser.rs.)

mod common;

use std::fs;
use std::path::Path;

use gazette::BuildOptions;
use gazette::config::Overrides;

fn build(root: &Path, out: &Path, base_url: Option<&str>) {
    gazette::build(&BuildOptions {
        root: root.to_path_buf(),
        overrides: Overrides {
            output_dir: Some(out.to_path_buf()),
            base_url: base_url.map(str::to_string),
        },
        drafts: false,
        force: false,
    })
    .unwrap_or_else(|e| panic!("building {} failed: {e:?}", root.display()));
}

/// The default site (the repository root), built with a base URL.
fn default_site() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    build(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &out.path().join("public"),
        Some("https://example.org/news/"),
    );
    out
}

fn meta(page: &str, attribute: &str, name: &str) -> Option<String> {
    let start = format!("<meta {attribute}=\"{name}\" content=\"");
    let from = page.find(&start)? + start.len();
    let len = page[from..].find('"')?;
    Some(page[from..from + len].to_string())
}

#[test]
fn every_kind_of_page_has_description_canonical_open_graph_and_twitter_tags() {
    let out = default_site();
    let public = out.path().join("public");
    let pages = [
        ("index.html", "website", ""),
        (
            "articles/putin-nato-ukraine/index.html",
            "article",
            "articles/putin-nato-ukraine/",
        ),
        (
            "speakers/vladimir-putin/index.html",
            "profile",
            "speakers/vladimir-putin/",
        ),
        (
            "digests/ukraine-on-the-brink/index.html",
            "website",
            "digests/ukraine-on-the-brink/",
        ),
        ("topics/index.html", "website", "topics/"),
        ("search/index.html", "website", "search/"),
        ("404.html", "website", "404.html"),
    ];
    for (file, og_type, path) in pages {
        let page = common::read(&public.join(file));
        let url = format!("https://example.org/news/{path}");
        assert!(
            page.contains(&format!("<link rel=\"canonical\" href=\"{url}\">")),
            "{file}: canonical"
        );
        assert_eq!(
            meta(&page, "property", "og:url").as_deref(),
            Some(url.as_str()),
            "{file}"
        );
        assert_eq!(
            meta(&page, "property", "og:type").as_deref(),
            Some(og_type),
            "{file}"
        );
        assert_eq!(
            meta(&page, "property", "og:site_name").as_deref(),
            Some("The Gazette Digest"),
            "{file}"
        );
        assert_eq!(
            meta(&page, "name", "twitter:card").as_deref(),
            Some("summary"),
            "{file}"
        );
        let title = meta(&page, "property", "og:title").unwrap_or_default();
        assert!(!title.is_empty(), "{file}: og:title");
        assert_eq!(meta(&page, "name", "twitter:title"), Some(title), "{file}");
        let description = meta(&page, "name", "description").unwrap_or_default();
        assert!(!description.is_empty(), "{file}: description");
        assert_eq!(
            meta(&page, "property", "og:description"),
            Some(description.clone()),
            "{file}"
        );
        assert_eq!(
            meta(&page, "name", "twitter:description"),
            Some(description),
            "{file}"
        );
    }
    let article = common::read(&public.join("articles/putin-nato-ukraine/index.html"));
    assert_eq!(
        meta(&article, "property", "og:title").as_deref(),
        Some("US, NATO ‘ignored’ Russia’s key concerns over Ukraine, says Putin")
    );
    assert_eq!(
        meta(&article, "property", "article:published_time").as_deref(),
        Some("2022-02-01T00:00:00Z")
    );
    assert!(article.contains("<meta property=\"article:tag\" content=\"Europe\">"));
    let not_found = common::read(&public.join("404.html"));
    assert!(not_found.contains("<meta name=\"robots\" content=\"noindex\">"));
}

#[test]
fn every_page_takes_its_lang_from_site_toml() {
    let site = common::SiteCopy::new("basic");
    let config = site.path("site.toml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("language = \"fr\"\n{text}")).unwrap();
    build(&site.root, &site.out(), None);
    for file in ["index.html", "articles/nato-talks/index.html", "404.html"] {
        let page = common::read(&site.out().join(file));
        assert!(page.contains("<html lang=\"fr\">"), "{file}");
    }
}

#[test]
fn a_quote_names_its_speaker_and_role_in_a_tip_for_hover_and_focus() {
    let out = default_site();
    let page = common::read(
        &out.path()
            .join("public/articles/putin-nato-ukraine/index.html"),
    );
    // The link's name is the whole label; the tip shows it (CSS reveals it on hover and focus).
    let badge = "<a class=\"quote-by\" href=\"../../speakers/vladimir-putin/\" aria-label=\"Vladimir Putin, President of Russia\">Putin<span class=\"quote-tip\" hidden>Vladimir Putin, President of Russia</span></a>";
    assert!(page.contains(badge), "no speaker tip on Putin's quotes");
    assert!(!page.contains("class=\"quote-by\" href=\"../../speakers/vladimir-putin/\" title="));
    let css = common::read(&out.path().join("public/style.css"));
    for rule in [
        ".quote-by:focus > .quote-tip",
        ".quote-by:hover > .quote-tip",
    ] {
        assert!(css.contains(rule), "style.css has no `{rule}`");
    }
}

#[test]
fn charts_are_sized_in_percent_so_their_text_keeps_its_size() {
    let out = default_site();
    let public = out.path().join("public");
    let speaker = common::read(&public.join("speakers/vladimir-putin/index.html"));
    let timeline = &speaker[speaker.find("<svg class=\"timeline\"").expect("a timeline")..];
    let timeline = &timeline[..timeline.find("</svg>").unwrap()];
    assert!(!timeline.contains("viewBox"), "{timeline}");
    assert!(timeline.contains("width=\"100%\""), "{timeline}");
    // All twelve of Putin's quotes are from one month: one bar, named under it, in a year.
    assert_eq!(timeline.matches("class=\"bar\"").count(), 1, "{timeline}");
    assert!(timeline.contains("aria-label=\"12 quotes by Vladimir Putin, February 2022\""));
    assert!(timeline.contains(">Feb 2022</text>"), "{timeline}");
    assert!(timeline.contains("width=\"6.67%\""), "{timeline}");

    let digest = common::read(&public.join("digests/ukraine-on-the-brink/index.html"));
    let bars = &digest[digest.find("<svg class=\"bars\"").expect("a bar chart")..];
    let bars = &bars[..bars.find("</svg>").unwrap()];
    assert!(!bars.contains("viewBox"), "{bars}");
    assert!(bars.contains(">Vladimir Putin</text>"), "{bars}");
    // The most quoted fills the longest bar; the others are in proportion (12 to 4).
    assert!(bars.contains("width=\"85.00%\""), "{bars}");
    assert!(bars.contains("width=\"28.33%\""), "{bars}");
}

//! The default site (the repository root: the seed and the Wikinews articles) built into a
//! temporary folder: speaker pages, quote counts, feeds and data.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use gazette::BuildOptions;
use gazette::config::Overrides;

fn build_default_site() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    gazette::build(&BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        overrides: Overrides {
            output_dir: Some(out.path().join("public")),
            base_url: Some("https://example.org/news/".to_string()),
        },
        drafts: false,
        force: false,
    })
    .expect("the default site builds");
    out
}

#[test]
fn seed_speakers_have_pages_and_the_right_quote_counts() {
    let out = build_default_site();
    let public = out.path().join("public");
    let article: serde_json::Value = serde_json::from_str(&common::read(
        &public.join("articles/putin-nato-ukraine/article.json"),
    ))
    .unwrap();
    let mut body_counts: BTreeMap<String, usize> = BTreeMap::new();
    for quote in article["quotes"].as_array().unwrap() {
        if quote["kind"] != "headline" {
            *body_counts
                .entry(quote["speaker"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    let expected: BTreeMap<String, usize> = [
        ("Vladimir Putin", 11),
        ("Boris Johnson", 4),
        ("Volodymyr Zelensky", 2),
        ("US State Department officials", 1),
    ]
    .into_iter()
    .map(|(n, c)| (n.to_string(), c))
    .collect();
    assert_eq!(body_counts, expected);
    for slug in [
        "vladimir-putin",
        "boris-johnson",
        "volodymyr-zelensky",
        "us-state-department-officials",
    ] {
        let page = common::read(&public.join(format!("speakers/{slug}/index.html")));
        assert!(
            page.contains("putin-nato-ukraine/#q-"),
            "{slug}'s page links to the quotes' places"
        );
    }
    // The registry's role shows on the speaker page.
    let putin = common::read(&public.join("speakers/vladimir-putin/index.html"));
    assert!(putin.contains("President of Russia"));
    assert!(putin.contains("<svg class=\"timeline\""));
}

#[test]
fn feeds_and_data_list_the_seed() {
    let out = build_default_site();
    let public = out.path().join("public");
    let feed = common::read(&public.join("speakers/volodymyr-zelensky/atom.xml"));
    // Two entries from the seed (he is quoted in a Wikinews article too).
    let seed_entries = feed
        .split("<entry>")
        .skip(1)
        .filter(|entry| entry.contains("https://example.org/news/articles/putin-nato-ukraine/#q-"))
        .count();
    assert_eq!(seed_entries, 2, "{feed}");
    let site_feed = common::read(&public.join("atom.xml"));
    assert!(
        site_feed.contains("US, NATO"),
        "the seed is among the latest entries"
    );
    let quotes: serde_json::Value =
        serde_json::from_str(&common::read(&public.join("quotes.json"))).unwrap();
    let from_seed = quotes["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["article"] == "putin-nato-ukraine")
        .count();
    assert_eq!(from_seed, 19);
    let sitemap = common::read(&public.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://example.org/news/articles/putin-nato-ukraine/</loc>"));
}

#[test]
fn first_mentions_link_to_speakers_and_search_finds_them() {
    let out = build_default_site();
    let public = out.path().join("public");
    let seed = common::read(&public.join("articles/putin-nato-ukraine/index.html"));
    assert_eq!(
        seed.matches("class=\"speaker-mention\" href=\"../../speakers/vladimir-putin/\"")
            .count(),
        1
    );
    let index: serde_json::Value =
        serde_json::from_str(&common::read(&public.join("search-index.json"))).unwrap();
    let speakers = index["s"].as_array().unwrap();
    assert!(
        speakers
            .iter()
            .any(|s| s["n"] == "Vladimir Putin" && s["p"] == "speakers/vladimir-putin/")
    );
    let quotes = index["q"].as_array().unwrap();
    let zelensky = quotes
        .iter()
        .find(|q| q["t"] == "big war in Europe,")
        .expect("the quote is indexed");
    assert_eq!(zelensky["s"], "Volodymyr Zelensky");
    assert!(
        zelensky["p"]
            .as_str()
            .unwrap()
            .starts_with("articles/putin-nato-ukraine/#q-")
    );
    assert_eq!(index["a"].as_array().unwrap().len(), 41);
}

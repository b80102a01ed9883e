//! Hostile content is inert: `tests/fixtures/bad/hostile/` puts `<script>`, event-handler
//! attributes, `javascript:` addresses and OWASP filter-evasion strings in every field an
//! editor (or a scraped page) can fill. Every output file is then read as a browser or a feed
//! reader would, and nothing in it may run.

mod common;

use std::path::Path;

use common::{SiteCopy, snapshot};
use scraper::Html;

/// Why an address in `href`/`src` would run code, if it would.
fn runs_code(url: &str) -> bool {
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:text/html"]
        .iter()
        .any(|scheme| squeezed.starts_with(scheme))
}

/// Every element of an HTML document or fragment that could run script, described.
fn active_parts(html: &Html, page: &str) -> Vec<String> {
    let mut found = Vec::new();
    for element in html
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let value = element.value();
        let name = value.name();
        if name == "script" {
            let theme_search = page == "search/index.html"
                && value
                    .attr("src")
                    .is_some_and(|src| src.ends_with("search.js"));
            if !theme_search {
                found.push(format!("<script> {:?}", element.html()));
            }
        }
        if matches!(name, "iframe" | "object" | "embed" | "base") {
            found.push(format!("<{name}>"));
        }
        for (attribute, text) in value.attrs() {
            if attribute.starts_with("on") {
                found.push(format!("<{name} {attribute}={text:?}>"));
            }
            if matches!(
                attribute,
                "href" | "src" | "action" | "formaction" | "data" | "xlink:href"
            ) && runs_code(text)
            {
                found.push(format!("<{name} {attribute}={text:?}>"));
            }
        }
    }
    found
}

fn built_hostile_site() -> SiteCopy {
    let site = SiteCopy::new("bad/hostile");
    site.build_command().assert().success();
    site
}

#[test]
fn every_output_file_is_inert() {
    let site = built_hostile_site();
    let files = snapshot(&site.out());
    let mut problems = Vec::new();
    let mut html_pages = 0;
    for (path, bytes) in &files {
        let page = path.to_string_lossy().replace('\\', "/");
        let text = String::from_utf8_lossy(bytes);
        match Path::new(&page).extension().and_then(|e| e.to_str()) {
            Some("html") => {
                html_pages += 1;
                let html = Html::parse_document(&text);
                for part in active_parts(&html, &page) {
                    problems.push(format!("{page}: {part}"));
                }
            }
            Some("xml") => {
                let document = roxmltree::Document::parse(&text)
                    .unwrap_or_else(|e| panic!("{page} is not well-formed XML: {e}"));
                // Feed readers render `type="html"` content and summaries: it must be inert too.
                for node in document.descendants().filter(|n| n.is_element()) {
                    if node.attribute("type") == Some("html") {
                        let fragment = Html::parse_fragment(node.text().unwrap_or(""));
                        for part in active_parts(&fragment, &page) {
                            problems.push(format!("{page} <{}>: {part}", node.tag_name().name()));
                        }
                    }
                    for attribute in node.attributes() {
                        if attribute.name() == "href" && runs_code(attribute.value()) {
                            problems.push(format!("{page}: href={}", attribute.value()));
                        }
                    }
                }
            }
            Some("json") => {
                serde_json::from_str::<serde_json::Value>(&text)
                    .unwrap_or_else(|e| panic!("{page} is not JSON: {e}"));
            }
            _ => {}
        }
    }
    assert!(html_pages >= 10, "only {html_pages} pages built");
    assert!(
        problems.is_empty(),
        "active content:\n{}",
        problems.join("\n")
    );
}

#[test]
fn hostile_text_is_shown_as_text() {
    let site = built_hostile_site();
    let article = common::read(&site.out().join("articles/xss/index.html"));
    // Escaped, the reader sees what was written.
    assert!(article.contains("&lt;script&gt;alert("), "{article}");
    assert!(article.contains("onerror=alert("));
    // The `javascript:` source is named, not linked.
    let html = Html::parse_document(&article);
    let source = scraper::Selector::parse("p.source").expect("selector");
    let source = html.select(&source).next().expect("a source line");
    assert!(source.inner_html().contains("alert("), "{}", source.html());
    assert!(
        source
            .select(&scraper::Selector::parse("a").expect("selector"))
            .next()
            .is_none(),
        "{}",
        source.html()
    );
    let search = common::read(&site.out().join("search-index.json"));
    assert!(
        search.contains("onerror=alert("),
        "the search index keeps the text as data"
    );
}

/// In headless Chromium (as tests/browser.rs: skipped with a notice when Chromium, node or
/// tests/browser/node_modules is missing, unless GAZETTE_REQUIRE_BROWSER=1), no dialog opens
/// and no injected element exists on the article, speaker, digest and search pages.
#[test]
fn hostile_pages_run_nothing_in_a_real_browser() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(chromium) = common::chromium_or_skip("hostile browser check") else {
        return;
    };
    let site = built_hostile_site();
    let run = std::process::Command::new("node")
        .arg(repo.join("tests/browser/hostile.mjs"))
        .arg(site.out())
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    assert!(
        run.status.success(),
        "hostile content ran in the browser:\n{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}

//! An article body in Markdown, through the transform article pages use: quotes found and
//! marked, annotations hidden, `@/` links resolved, raw HTML shown as text. The page must hold
//! only the markup Gazette writes, whatever the body says.

#![no_main]

mod common;

use std::path::PathBuf;

use gazette::content::{Article, Body};
use gazette::render::markdown::{body_html, markdown_html};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let mut article = Article {
        path: PathBuf::from("content/articles/fuzz.md"),
        slug: "fuzz".to_string(),
        title: "Fuzz".to_string(),
        body: Body::Markdown(0..text.len()),
        text: text.clone(),
        ..Article::default()
    };
    for warning in article.extract() {
        common::assert_located(&warning, &text);
    }
    common::assert_quotes(&text, &article.quotes);

    let resolve = |target: &str| target.ends_with(".md").then(|| "../other/".to_string());
    let marks = common::marks(&article);
    common::assert_inert_html(&body_html(&article, &marks, &resolve));
    common::assert_inert_html(&body_html(&article, &[], &|_| None));
    // Digests' notes, speakers' bios and editors' introductions go through this one.
    common::assert_inert_html(&markdown_html(&text));
});

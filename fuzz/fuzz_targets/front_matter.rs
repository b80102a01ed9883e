//! An article file's bytes (front matter and body) read as `gazette build` reads a `.md`, then
//! its quotes extracted: problems are diagnostics at real places, never a panic.

#![no_main]

mod common;

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // `gazette build` refuses bytes that are not UTF-8 before parsing; the rest is the parser's.
    let text = String::from_utf8_lossy(data).into_owned();
    let parsed =
        gazette::content::parse_markdown(Path::new("content/articles/fuzz.md"), text.clone());
    for diagnostic in &parsed.diagnostics {
        common::assert_located(diagnostic, &text);
        assert!(
            diagnostic
                .hint
                .as_deref()
                .is_some_and(|h| !h.trim().is_empty()),
            "{diagnostic} has no hint"
        );
    }
    let Some(mut article) = parsed.article else {
        assert!(
            parsed.diagnostics.iter().any(|d| d.is_error()),
            "no article and no error"
        );
        return;
    };
    assert_eq!(article.text, text, "the article keeps the file's text");
    common::assert_article(&article);
    for note in &article.quote_notes {
        if let Some((line, _)) = note.at {
            assert!(
                line >= 1 && line <= text.split('\n').count(),
                "a quotes entry at line {line}"
            );
        }
    }
    for warning in article.extract() {
        common::assert_located(&warning, &text);
    }
    common::assert_quotes(&article.text, &article.quotes);
    assert_eq!(article.anchors.len(), article.quotes.len());
});

//! A raw scraped `.txt` article, alone or with the `.toml` beside it (the bytes after the first
//! NUL), read as `gazette build` reads them; then its quotes and its body as HTML.

#![no_main]

mod common;

use std::path::{Path, PathBuf};

use gazette::content::{Body, rawtext};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (txt, toml) = match data.iter().position(|&b| b == 0) {
        Some(nul) => (&data[..nul], Some(&data[nul + 1..])),
        None => (data, None),
    };
    let text = String::from_utf8_lossy(txt).into_owned();
    let meta = toml.map(|t| String::from_utf8_lossy(t).into_owned());

    if let Some(raw) = rawtext::parse(&text) {
        common::assert_slice(&text, &raw.headline, "headline");
        if let Some(dek) = &raw.dek {
            common::assert_slice(&text, dek, "dek");
        }
        for paragraph in &raw.paragraphs {
            common::assert_slice(&text, paragraph, "paragraph");
        }
    } else {
        assert!(text.trim().is_empty(), "a text with words gave no article");
    }

    let txt_path = Path::new("content/articles/fuzz.txt");
    let toml_path = PathBuf::from("content/articles/fuzz.toml");
    let parsed = gazette::content::parse_text(
        txt_path,
        text.clone(),
        meta.clone().map(|m| (toml_path.clone(), m)),
    );
    // Each diagnostic is located in the file it names.
    let file_of = |path: &Path| -> &str {
        if path == toml_path {
            meta.as_deref().unwrap_or("")
        } else {
            assert_eq!(path, txt_path, "a diagnostic names another file");
            &text
        }
    };
    for diagnostic in &parsed.diagnostics {
        common::assert_located(diagnostic, file_of(&diagnostic.path));
    }
    let Some(mut article) = parsed.article else {
        assert!(
            parsed.diagnostics.iter().any(|d| d.is_error()),
            "no article and no error"
        );
        return;
    };
    assert!(matches!(article.body, Body::Plain(_)));
    common::assert_article(&article);
    for warning in article.extract() {
        common::assert_located(&warning, file_of(&warning.path));
    }
    common::assert_quotes(&article.text, &article.quotes);

    // A raw article's body is its paragraphs as escaped text: no markup but <p>.
    let html = gazette::render::markdown::body_html(&article, &[], &|_| None);
    let bare = html.replace("<p>", "").replace("</p>", "");
    assert!(
        !bare.contains('<') && !bare.contains('>'),
        "markup in a raw body: {html}"
    );
    common::assert_inert_html(&gazette::render::markdown::body_html(
        &article,
        &common::marks(&article),
        &|_| None,
    ));
});

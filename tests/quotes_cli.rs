//! `gazette quotes`: the table, the exact JSON shape, offsets, annotations and errors.

mod common;

use common::gazette;

const ANNOTATED: &str = "tests/fixtures/quotes/annotated.md";
const SEED: &str = "content/articles/putin-nato-ukraine.txt";

fn json_of(args: &[&str]) -> serde_json::Value {
    let output = gazette()
        .arg("quotes")
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn json_has_exactly_the_documented_shape_and_offsets() {
    let raw = gazette()
        .args(["quotes", "--json", ANNOTATED])
        .output()
        .unwrap()
        .stdout;
    let raw = String::from_utf8(raw).unwrap();
    assert!(raw.starts_with("{\"articles\":[{\"path\":"), "{raw}");
    assert!(raw.contains("\"quotes\":[{\"text\":"), "{raw}");
    // Keys in the documented order within each quote.
    let order = [
        "\"text\":",
        "\"speaker\":",
        "\"start\":",
        "\"end\":",
        "\"kind\":",
        "\"confidence\":",
    ];
    let first = &raw[raw.find("{\"text\"").unwrap()..];
    let first = &first[..first.find('}').unwrap()];
    let at: Vec<usize> = order.iter().map(|k| first.find(k).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{first}");
    let json: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let object = json.as_object().unwrap();
    assert_eq!(object.keys().collect::<Vec<_>>(), ["articles"]);
    let article = &json["articles"][0];
    assert_eq!(article.as_object().unwrap().len(), 2);
    assert_eq!(article["path"], ANNOTATED, "the path comes back as given");
    let bytes = std::fs::read(ANNOTATED).unwrap();
    for quote in article["quotes"].as_array().unwrap() {
        assert_eq!(quote.as_object().unwrap().len(), 6);
        let (start, end) = (
            quote["start"].as_u64().unwrap() as usize,
            quote["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &bytes[start..end],
            quote["text"].as_str().unwrap().as_bytes(),
            "offsets point at the words"
        );
        let confidence = quote["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&confidence));
    }
}

#[test]
fn annotations_win_over_detection() {
    let json = json_of(&[ANNOTATED]);
    let quotes: Vec<(String, serde_json::Value)> = json["articles"][0]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["text"].as_str().unwrap().to_string(),
                q["speaker"].clone(),
            )
        })
        .collect();
    let texts: Vec<&str> = quotes.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        texts,
        ["We will not back down.", "We will win,", "the door is open"]
    );
    assert_eq!(quotes[0].1, "Jane Doe");
    assert_eq!(quotes[1].1, "John Roe", "the inline {{@…}} speaker wins");
    assert_eq!(
        quotes[2].1, "A senior diplomat",
        "front matter adds a quote without marks"
    );
}

#[test]
fn seed_article_gives_nineteen_quotes_in_json() {
    let json = json_of(&[SEED]);
    let quotes = json["articles"][0]["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 19);
    assert_eq!(quotes[0]["kind"], "headline");
    assert_eq!(quotes[0]["speaker"], "Vladimir Putin");
    assert!(quotes.iter().all(|q| !q["speaker"].is_null()));
}

#[test]
fn table_lists_place_speaker_and_words() {
    let output = gazette().args(["quotes", SEED]).output().unwrap();
    let table = String::from_utf8(output.stdout).unwrap();
    assert!(
        table.starts_with(&format!("{SEED} — 19 quotes\n")),
        "{table}"
    );
    assert!(table.contains("Volodymyr Zelensky"), "{table}");
    assert!(table.contains("“big war in Europe,”"), "{table}");
}

#[test]
fn unreadable_file_is_reported_and_the_rest_still_printed() {
    let output = gazette()
        .args(["quotes", "--json", "no/such/file.md", SEED])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("no/such/file.md:1:1: no such file"),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["articles"].as_array().unwrap().len(), 1);
}

#[test]
fn quotes_needs_a_path() {
    gazette().arg("quotes").assert().code(2);
}

//! Quotation extraction speed, on one thread.
//!
//! Reads the raw articles of the shared corpus (`$GAZETTE_SHARED`, default `../shared`:
//! `corpus/bbc-news/*.txt` and `corpus/wikinews-2019-2020/*.txt`), cuts each into the blocks
//! a build searches (headline, dek, paragraphs) with `content::rawtext::parse`, then times
//! `quotes::extract` over all of them, several rounds, and prints the median throughput in
//! MB/s of article text (1 MB = 10^6 bytes of the `.txt` files) and the quotations found.
//! Then times articles made of 10,000 unmatched quotation marks.
//!
//! `cargo bench --bench quotes` (or `scripts/bench-quotes.sh`) runs it in full. Run any other
//! way (`cargo test --benches` builds benches in debug and runs them without `--bench`) it
//! only smoke-tests a few articles once. `GAZETTE_BENCH_ROUNDS` sets the number of rounds.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gazette::content::rawtext;
use gazette::quotes::{self, Block};

/// The target for article text on one core.
const TARGET_MB_S: f64 = 20.0;

const CORPORA: &[&str] = &["corpus/bbc-news", "corpus/wikinews-2019-2020"];

struct Article {
    text: String,
    blocks: Vec<Block>,
}

/// The blocks a build searches for a raw article, as `content::Article::prose_blocks` makes
/// them: the headline, the dek if any, then the paragraphs.
fn blocks(text: &str) -> Vec<Block> {
    let Some(raw) = rawtext::parse(text) else {
        return Vec::new();
    };
    let mut blocks = Vec::with_capacity(raw.paragraphs.len() + 2);
    blocks.push(Block {
        range: raw.headline,
        headline: true,
    });
    blocks.extend(raw.dek.map(Block::paragraph));
    blocks.extend(raw.paragraphs.into_iter().map(Block::paragraph));
    blocks
}

/// The `.txt` files of one corpus directory, sorted; `None` when the directory is missing.
fn txt_files(dir: &Path) -> Option<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt") && p.is_file())
        .collect();
    files.sort();
    Some(files)
}

fn load(shared: &Path, limit: usize) -> Vec<Article> {
    let mut articles = Vec::new();
    for corpus in CORPORA {
        let dir = shared.join(corpus);
        let Some(files) = txt_files(&dir) else {
            println!(
                "skip: {} not found (set GAZETTE_SHARED to the shared folder)",
                dir.display()
            );
            continue;
        };
        let mut read = 0;
        for path in files.into_iter().take(limit) {
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    let blocks = blocks(&text);
                    articles.push(Article { text, blocks });
                    read += 1;
                }
                Err(e) => println!("skip: {}: {e}", path.display()),
            }
        }
        println!("corpus: {} articles from {}", read, dir.display());
    }
    articles
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Times `extract` over every article, `rounds` times; returns the median round and the
/// quotations found in one round.
fn time_corpus(articles: &[Article], rounds: usize) -> (Duration, usize) {
    let mut times = Vec::with_capacity(rounds);
    let mut found = 0;
    for _ in 0..rounds {
        let start = Instant::now();
        found = 0;
        for article in articles {
            let quotes = quotes::extract(black_box(&article.text), black_box(&article.blocks));
            found += black_box(quotes).len();
        }
        times.push(start.elapsed());
    }
    (median(times), found)
}

/// Times one article made of `unit` repeated `n` times, as one paragraph or one paragraph each.
fn time_unmatched(unit: &str, n: usize, one_paragraph: bool, rounds: usize) {
    let (text, blocks) = if one_paragraph {
        let text = unit.repeat(n);
        let blocks = vec![Block::paragraph(0..text.len())];
        (text, blocks)
    } else {
        let text = vec![unit.trim_end(); n].join("\n\n");
        let mut blocks = Vec::with_capacity(n);
        let mut start = 0;
        for part in text.split("\n\n") {
            blocks.push(Block::paragraph(start..start + part.len()));
            start += part.len() + 2;
        }
        (text, blocks)
    };
    let mut times = Vec::with_capacity(rounds);
    let mut found = 0;
    for _ in 0..rounds {
        let start = Instant::now();
        found = black_box(quotes::extract(black_box(&text), black_box(&blocks))).len();
        times.push(start.elapsed());
    }
    let shape = if one_paragraph {
        "in one paragraph"
    } else {
        "one per paragraph"
    };
    println!(
        "unmatched: {n} x {unit:?} {shape}: {:.1} ms, {found} quotes",
        median(times).as_secs_f64() * 1e3
    );
}

fn main() {
    let benching = std::env::args().any(|a| a == "--bench");
    let shared =
        PathBuf::from(std::env::var("GAZETTE_SHARED").unwrap_or_else(|_| "../shared".into()));
    let rounds: usize = std::env::var("GAZETTE_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .filter(|&r| r > 0)
        .unwrap_or(if benching { 7 } else { 1 });
    let (limit, marks) = if benching {
        (usize::MAX, 10_000)
    } else {
        println!("smoke run (not `cargo bench`): a few articles, one round");
        (5, 100)
    };

    let articles = load(&shared, limit);
    if articles.is_empty() {
        println!("skip: no corpus articles under {}", shared.display());
    } else {
        let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
        let block_count: usize = articles.iter().map(|a| a.blocks.len()).sum();
        // One untimed round first: page the text in and warm the allocator.
        time_corpus(&articles, 1);
        let (time, found) = time_corpus(&articles, rounds);
        let mb_s = bytes as f64 / 1e6 / time.as_secs_f64();
        println!(
            "quotes: {} articles, {:.2} MB, {block_count} blocks: median of {rounds} round(s) {:.1} ms",
            articles.len(),
            bytes as f64 / 1e6,
            time.as_secs_f64() * 1e3
        );
        println!("quotes: {found} quotations found");
        if benching {
            let verdict = if mb_s >= TARGET_MB_S {
                "met"
            } else {
                "NOT met"
            };
            println!("quotes: {mb_s:.1} MB/s on one thread (target {TARGET_MB_S} MB/s: {verdict})");
        } else {
            println!("quotes: {mb_s:.1} MB/s (debug smoke run, not a measurement)");
        }
    }

    for unit in ["\"a ", "“", "'"] {
        time_unmatched(unit, marks, true, rounds);
        time_unmatched(unit, marks, false, rounds);
    }
}

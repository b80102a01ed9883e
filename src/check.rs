//! `gazette check`: build in memory and report what an editor should look at, with locations.

use crate::build::{BuildOptions, build_in_memory};
use crate::error::{Diagnostic, Error, line_col};

/// Everything found: errors fail the check, notices do not.
pub struct CheckReport {
    pub diagnostics: Vec<Diagnostic>,
    pub articles: usize,
    pub quotes: usize,
}

impl CheckReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Builds the site in memory (nothing is written) and adds the editor's to-do list: quotes
/// without a speaker and registry speakers that nobody quotes.
pub fn check(options: &BuildOptions) -> Result<CheckReport, Error> {
    let site = match build_in_memory(options) {
        Ok(site) => site,
        Err(Error::Diagnostics(diagnostics)) => {
            return Ok(CheckReport {
                diagnostics,
                articles: 0,
                quotes: 0,
            });
        }
        Err(other) => return Err(other),
    };
    let mut diagnostics = site.warnings;
    let graph = &site.graph;
    for (id, article) in graph.articles.iter().enumerate() {
        for (q, quote) in article.quotes.iter().enumerate() {
            if graph.speakers.quote_speakers[id][q].is_none() {
                let (line, column) = line_col(&article.text, quote.content.start);
                let words: String = article.text[quote.content.clone()]
                    .split_whitespace()
                    .take(8)
                    .collect::<Vec<_>>()
                    .join(" ");
                diagnostics.push(
                    Diagnostic::warning(&article.path, line, column, format!("no speaker found for “{words}…”"))
                        .with_hint("name one with “…”{@Name} after the closing mark, or mark it {-} if it is not a quote"),
                );
            }
        }
    }
    for speaker in &graph.speakers.speakers {
        if let (Some(entry), true) = (speaker.entry, speaker.quotes.is_empty()) {
            let file = &graph.registry[entry];
            diagnostics.push(
                Diagnostic::warning(&file.path, 1, 1, format!("nobody quotes {} on this site", file.name))
                    .with_hint("check the name and aliases against how articles name them, or remove the entry"),
            );
        }
    }
    Ok(CheckReport {
        diagnostics,
        articles: graph.articles.len(),
        quotes: graph.articles.iter().map(|a| a.quotes.len()).sum(),
    })
}

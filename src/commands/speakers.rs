//! `gazette speakers`: everyone quoted, with counts, and names that likely belong to one person
//! ("Putin", "Vladimir Putin"), each with the registry entry that would merge them.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::build::{BuildOptions, build_in_memory};
use crate::content::frontmatter::{self, FrontMatterFormat, locate_key};
use crate::content::speaker::SPEAKERS_DIR;
use crate::content::{CONTENT_DIR, speaker::SpeakerFile};
use crate::error::{Diagnostic, Error};
use crate::graph::SiteGraph;
use crate::graph::speakers::name_key;

/// One speaker as the site has them after merging by the registry and by equal names.
#[derive(Debug, Clone)]
pub struct SpeakerRow {
    pub slug: String,
    pub name: String,
    pub quotes: usize,
    pub articles: usize,
    /// The registry file, when there is one.
    pub entry: Option<PathBuf>,
    /// Other ways articles write the name ("President Putin" for "Putin").
    pub other_spellings: Vec<String>,
}

/// Speakers that are likely one person, and the registry entry that makes them one.
#[derive(Debug, Clone)]
pub struct MergeSuggestion {
    /// The name the entry keeps.
    pub name: String,
    /// The names merged into it, as speakers are listed.
    pub merged: Vec<String>,
    /// Quotes of all of them together.
    pub quotes: usize,
    /// `content/speakers/<slug>.md`
    pub path: PathBuf,
    /// The whole file to write.
    pub text: String,
    /// The file exists and the text adds aliases to it.
    pub updates_entry: bool,
}

/// A short name that fits several people: no merge is suggested.
#[derive(Debug, Clone)]
pub struct AmbiguousName {
    pub name: String,
    pub candidates: Vec<String>,
}

#[derive(Debug)]
pub struct SpeakersReport {
    /// Most quoted first, then by name.
    pub speakers: Vec<SpeakerRow>,
    pub merges: Vec<MergeSuggestion>,
    pub ambiguous: Vec<AmbiguousName>,
    pub quotes: usize,
    /// The build's warnings, for `--verbose`.
    pub warnings: Vec<Diagnostic>,
}

/// Builds the site in memory (nothing is written) and lists its speakers.
pub fn speakers(options: &BuildOptions) -> Result<SpeakersReport, Error> {
    let site = build_in_memory(options)?;
    let mut report = analyse(&site.graph);
    report.warnings = site.warnings;
    Ok(report)
}

/// `a` is `b` with words left out ("putin" in "vladimir-putin"), both slug keys.
fn is_shortening(a: &[&str], b: &[&str]) -> bool {
    if a.len() >= b.len() || a.last() != b.last() {
        return false;
    }
    let mut rest = b.iter();
    a.iter().all(|word| rest.any(|w| w == word))
}

/// Each speaker's spellings as articles write them, most used first, one per name key.
fn spellings(graph: &SiteGraph) -> Vec<Vec<String>> {
    let mut counts: Vec<HashMap<String, usize>> =
        vec![HashMap::new(); graph.speakers.speakers.len()];
    for (article, speakers) in graph.speakers.quote_speakers.iter().enumerate() {
        for (quote, speaker) in speakers.iter().enumerate() {
            let name = graph.articles[article].quotes[quote].speaker.as_deref();
            if let (Some(id), Some(name)) = (speaker, name) {
                *counts[*id].entry(name.trim().to_string()).or_insert(0) += 1;
            }
        }
    }
    counts
        .into_iter()
        .map(|names| {
            let mut names: Vec<(String, usize)> = names.into_iter().collect();
            names.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            names.into_iter().map(|(name, _)| name).collect()
        })
        .collect()
}

/// Lists the speakers and finds the ones to merge.
pub fn analyse(graph: &SiteGraph) -> SpeakersReport {
    let all = &graph.speakers.speakers;
    let spelled = spellings(graph);
    let mut speakers: Vec<SpeakerRow> = all
        .iter()
        .enumerate()
        .map(|(id, s)| SpeakerRow {
            slug: s.slug.clone(),
            name: s.name.clone(),
            quotes: s.quotes.len(),
            articles: s.articles.len(),
            entry: s.entry.map(|e| graph.registry[e].path.clone()),
            other_spellings: spelled[id]
                .iter()
                .filter(|n| **n != s.name)
                .cloned()
                .collect(),
        })
        .collect();

    // Every key each speaker answers to: its name, and for registry entries their aliases.
    let keys: Vec<Vec<String>> = all
        .iter()
        .map(|s| match s.entry {
            Some(e) => std::iter::once(&graph.registry[e].name)
                .chain(&graph.registry[e].aliases)
                .map(|n| name_key(n))
                .collect(),
            None => vec![name_key(&s.name)],
        })
        .collect();
    let words = |key: &str| -> Vec<String> { key.split('-').map(str::to_string).collect() };
    let fits = |short: usize, long: usize| -> bool {
        let short_words = words(&keys[short][0]);
        let short_words: Vec<&str> = short_words.iter().map(String::as_str).collect();
        keys[long].iter().any(|k| {
            let long_words = words(k);
            let long_words: Vec<&str> = long_words.iter().map(String::as_str).collect();
            is_shortening(&short_words, &long_words)
        })
    };

    // Union of each unregistered name with the fuller names it fits, when those are one person.
    let mut group: Vec<usize> = (0..all.len()).collect();
    fn find(group: &mut [usize], mut i: usize) -> usize {
        while group[i] != i {
            group[i] = group[group[i]];
            i = group[i];
        }
        i
    }
    let mut ambiguous = Vec::new();
    for short in 0..all.len() {
        if all[short].entry.is_some() || all[short].quotes.is_empty() {
            continue;
        }
        let fuller: Vec<usize> = (0..all.len())
            .filter(|&long| long != short && fits(short, long))
            .collect();
        let one_person = fuller
            .iter()
            .all(|&a| fuller.iter().all(|&b| a == b || fits(a, b) || fits(b, a)));
        if fuller.is_empty() {
            continue;
        }
        if !one_person {
            let mut candidates: Vec<String> = fuller.iter().map(|&i| all[i].name.clone()).collect();
            candidates.sort();
            ambiguous.push(AmbiguousName {
                name: all[short].name.clone(),
                candidates,
            });
            continue;
        }
        for long in fuller {
            let (a, b) = (find(&mut group, short), find(&mut group, long));
            group[a] = b;
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for id in 0..all.len() {
        let root = find(&mut group, id);
        groups.entry(root).or_default().push(id);
    }

    let mut merges = Vec::new();
    for members in groups.into_values().filter(|m| m.len() > 1) {
        let entries: Vec<usize> = members.iter().filter_map(|&m| all[m].entry).collect();
        if entries.len() > 1 {
            // Two registry entries for one person: the editor decides which to keep.
            continue;
        }
        let keeper = match entries.first() {
            Some(&entry) => members
                .iter()
                .copied()
                .find(|&m| all[m].entry == Some(entry))
                .unwrap_or(members[0]),
            None => members
                .iter()
                .copied()
                .max_by(|&a, &b| {
                    let words_a = keys[a][0].split('-').count().min(2);
                    let words_b = keys[b][0].split('-').count().min(2);
                    (
                        words_a,
                        all[a].quotes.len(),
                        std::cmp::Reverse(&all[a].name),
                    )
                        .cmp(&(
                            words_b,
                            all[b].quotes.len(),
                            std::cmp::Reverse(&all[b].name),
                        ))
                })
                .unwrap_or(members[0]),
        };
        let mut new_aliases: Vec<String> = Vec::new();
        let mut seen: Vec<String> = keys[keeper].clone();
        for &m in &members {
            // Spellings with a title ("President Putin") share the key of the bare name.
            let mut names = spelled[m].clone();
            names.push(all[m].name.clone());
            names.sort_by_key(|n| n.split_whitespace().count());
            for name in names {
                let key = name_key(&name);
                if !key.is_empty() && !seen.contains(&key) {
                    seen.push(key);
                    new_aliases.push(name);
                }
            }
        }
        let name = all[keeper].name.clone();
        let (path, text, updates_entry) = match all[keeper].entry {
            Some(entry) => {
                let file = &graph.registry[entry];
                (file.path.clone(), with_aliases(file, &new_aliases), true)
            }
            None => (
                PathBuf::from(CONTENT_DIR)
                    .join(SPEAKERS_DIR)
                    .join(format!("{}.md", slug::slugify(&name))),
                new_entry(&name, &new_aliases),
                false,
            ),
        };
        let mut merged: Vec<String> = members
            .iter()
            .filter(|&&m| m != keeper)
            .map(|&m| all[m].name.clone())
            .collect();
        merged.sort();
        merges.push(MergeSuggestion {
            name,
            merged,
            quotes: members.iter().map(|&m| all[m].quotes.len()).sum(),
            path,
            text,
            updates_entry,
        });
    }
    merges.sort_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| a.name.cmp(&b.name)));
    ambiguous.sort_by(|a, b| a.name.cmp(&b.name));
    speakers.sort_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| a.name.cmp(&b.name)));
    SpeakersReport {
        quotes: speakers.iter().map(|s| s.quotes).sum(),
        speakers,
        merges,
        ambiguous,
        warnings: Vec::new(),
    }
}

fn quoted_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| super::toml_string(n)).collect();
    format!("[{}]", quoted.join(", "))
}

fn new_entry(name: &str, aliases: &[String]) -> String {
    format!(
        "+++\nname = {}\naliases = {}\n# role = \"\"\n# organisation = \"\"\n+++\n",
        super::toml_string(name),
        quoted_list(aliases)
    )
}

/// The registry file with `aliases` extended; the rest of the file is kept as written.
fn with_aliases(file: &SpeakerFile, added: &[String]) -> String {
    let text = &file.text;
    let mut aliases = file.aliases.clone();
    aliases.extend(added.iter().cloned());
    let Ok(Some(split)) = frontmatter::split(text) else {
        return new_entry(&file.name, &aliases);
    };
    // TOML and YAML both read a bracketed list of double-quoted strings.
    let line = match split.format {
        FrontMatterFormat::Toml => format!("aliases = {}\n", quoted_list(&aliases)),
        FrontMatterFormat::Yaml => format!("aliases: {}\n", quoted_list(&aliases)),
    };
    let block = &text[split.front_matter.clone()];
    let line_start = |n: usize| -> usize {
        split.front_matter.start
            + block
                .split_inclusive('\n')
                .take(n.saturating_sub(1))
                .map(str::len)
                .sum::<usize>()
    };
    let (replace_from, replace_to) = match locate_key(block, "aliases") {
        Some((n, _)) => {
            let from = line_start(n);
            // The list may run over several lines: up to the line that closes it.
            let mut to = from;
            for l in text[from..split.front_matter.end].split_inclusive('\n') {
                to += l.len();
                if l.contains(']') {
                    break;
                }
            }
            (from, to)
        }
        None => {
            let after_name = locate_key(block, "name").map_or(1, |(n, _)| n + 1);
            let at = line_start(after_name);
            (at, at)
        }
    };
    format!("{}{line}{}", &text[..replace_from], &text[replace_to..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn shortenings_keep_the_surname_and_the_order() {
        assert!(is_shortening(&["putin"], &["vladimir", "putin"]));
        assert!(is_shortening(
            &["vladimir", "putin"],
            &["vladimir", "vladimirovich", "putin"]
        ));
        assert!(!is_shortening(&["vladimir"], &["vladimir", "putin"]));
        assert!(!is_shortening(&["putin"], &["putin"]));
        assert!(!is_shortening(
            &["putin", "vladimir"],
            &["vladimir", "x", "putin"]
        ));
    }

    #[test]
    fn aliases_are_added_or_replaced_in_place() {
        let text = "+++\nname = \"Vladimir Putin\"\nrole = \"President\"\n+++\nBio.\n";
        let file = crate::content::speaker::parse(Path::new("content/speakers/v.md"), text.into())
            .unwrap();
        let updated = with_aliases(&file, &["Putin".into()]);
        assert_eq!(
            updated,
            "+++\nname = \"Vladimir Putin\"\naliases = [\"Putin\"]\nrole = \"President\"\n+++\nBio.\n"
        );
        let text = "+++\nname = \"A B\"\naliases = [\n  \"B\",\n]\nrole = \"X\"\n+++\n";
        let file = crate::content::speaker::parse(Path::new("a-b.md"), text.into()).unwrap();
        assert_eq!(
            with_aliases(&file, &["Mr B".into()]),
            "+++\nname = \"A B\"\naliases = [\"B\", \"Mr B\"]\nrole = \"X\"\n+++\n"
        );
        let text = "---\nname: A B\naliases: [B]\n---\n";
        let file = crate::content::speaker::parse(Path::new("a-b.md"), text.into()).unwrap();
        let updated = with_aliases(&file, &["Ms B".into()]);
        assert_eq!(updated, "---\nname: A B\naliases: [\"B\", \"Ms B\"]\n---\n");
        let reread = crate::content::speaker::parse(Path::new("a-b.md"), updated).unwrap();
        assert_eq!(reread.aliases, ["B", "Ms B"]);
    }
}

//! The subcommands added for editors (init, new, import, speakers, completions): their
//! arguments, help and how their results are shown. `main.rs` only dispatches to them.

pub mod term;

use std::path::PathBuf;
use std::process::ExitCode;

use gazette::build::display_path;
use gazette::commands::import::{ImportOptions, ImportOutcome};
use gazette::commands::new::{NewKind, NewRequest};
use gazette::commands::{self, CommandError, Written};
use gazette::config::Overrides;
use gazette::{BuildOptions, Error};
use term::{DIM, ERROR, GOOD, STRONG, Verbosity, WARNING, out, paint};

/// Problems in the site's files (each printed as `path:line:column`), or a file that cannot
/// be read or written.
pub const EXIT_PROBLEMS: u8 = 1;
/// A bad argument, or something in the way that the command will not replace without --force.
pub const EXIT_USAGE: u8 = 2;

pub const MAIN_HELP: &str = "\
Examples:
  gazette init my-site                      start a site that builds at once
  gazette new article \"Council votes\" --root my-site
  gazette import scraped/ --source CNN --root my-site
  gazette build --root my-site              write the site into my-site/public/
  gazette serve --root my-site              preview it, reloading on every save
  gazette check --root my-site              what an editor should look at
  gazette completions bash > ~/.local/share/bash-completion/completions/gazette

Colour is used on a terminal only, and never when NO_COLOR is set.

Exit status:
  0  done
  1  problems in the site's files, each printed as path:line:column with a hint
     (or a file that cannot be read or written, or no site.toml)
  2  usage: a bad argument, or a file in the way that --force would replace";

pub const BUILD_HELP: &str = "\
Examples:
  gazette build                                   the site in this folder, into public/
  gazette build --root my-site --output /tmp/out  another site, another output folder
  gazette build --base-url https://example.org/news/   served under /news/ on that host
  gazette build --drafts --verbose                with drafts, and the time of each phase
  gazette build --output /srv/www/news --force    replace a folder that holds other files

The output folder is replaced whole. A folder that holds files but no index.html (not an
earlier build) is refused unless you pass --force; the site's own folder, content/,
templates/, static/ and / are refused even with --force.
A progress bar shows on a terminal when a build takes more than a moment.
Exit status: 0 built, 1 problems in the site's files (nothing is replaced), 2 usage, or
an output folder in the way (pass --force to replace it).";

pub const CHECK_HELP: &str = "\
Examples:
  gazette check                  the site in this folder
  gazette check --root my-site --drafts

Exit status: 0 no errors (warnings may be printed), 1 errors, 2 usage.";

pub const QUOTES_HELP: &str = "\
Examples:
  gazette quotes content/articles/putin-nato-ukraine.txt
  gazette quotes --json content/articles/*.md > quotes.json

Exit status: 0 every file read, 1 a file could not be read (the others are printed), 2 usage.";

pub const SERVE_HELP: &str = "\
Examples:
  gazette serve                       preview the site in this folder at http://127.0.0.1:1111/
  gazette serve --root my-site --open --port 8080
  gazette serve --drafts --quiet      with drafts, printing only errors

It runs until stopped (Ctrl-C). Exit status: 1 the site cannot be served (no site.toml,
the port is taken), 2 usage, or an output folder in the way (as with build: pass --force).";

pub const WATCH_HELP: &str = "\
Examples:
  gazette watch                       rebuild public/ on every save
  gazette watch --root my-site --output /srv/preview --verbose

It runs until stopped (Ctrl-C). Exit status: 1 the site cannot be watched (no site.toml),
2 usage, or an output folder in the way (as with build: pass --force).";

const INIT_HELP: &str = "\
Examples:
  gazette init my-site             a new folder with site.toml, an article, a speaker and a digest
  gazette init . --force           add the sample site to the current folder

Without --force a folder that holds anything (but .git) is refused. With --force files of
other names are kept, and a file with a sample file's name is replaced and named as replaced.
Exit status: 0 done, 1 a file could not be written, 2 the folder is not empty (or usage).";

const NEW_HELP: &str = "\
Examples:
  gazette new article \"Council votes for the bridge\"      content/articles/council-votes-for-the-bridge.md
  gazette new article \"Budget\" --slug budget-2024 --date 2024-05-01
  gazette new digest \"Week 18\" --root my-site             content/digests/week-18.md

The path of the new file is printed on stdout, so that `$EDITOR \"$(gazette new article X)\"` works.
Exit status: 0 written, 1 no site.toml or a file that cannot be written, 2 the file exists
(pass --force to replace it), the slug is taken, or usage.";

const IMPORT_HELP: &str = "\
Examples:
  gazette import scraped/putin-nato-ukraine.txt --date 2022-02-01 --source CNN
  gazette import saved-pages/ --root my-site       every .txt and .html file in the folder
  gazette import page.html --force                 replace an earlier import of it

A .txt article is read as gazette build reads it (headline, dek, paragraphs; a .toml of the
same name beside it gives its front matter); an .html page gives its headline, publication
time, authors, address and body paragraphs. The text is kept exactly: Markdown escapes are
added only where Markdown would otherwise change it. --date and --source win over what the
files say. A file whose article is already imported unchanged is reported as unchanged.
Exit status: 0 every file imported (or skipped as no article in a folder), 1 a file could
not be read as an article, 2 a file in the way (pass --force) or usage.";

const SPEAKERS_HELP: &str = "\
Examples:
  gazette speakers                     every speaker on the site in this folder
  gazette speakers --root my-site

Speakers are listed with their quote and article counts, most quoted first. Names that are
likely one person (\"Putin\", \"Vladimir Putin\") are listed with the registry entry that merges
them: write it to the file named, and the next build counts them as one.
Exit status: 0 listed, 1 problems in the site's files, 2 usage.";

const COMPLETIONS_HELP: &str = "\
Examples:
  gazette completions bash > ~/.local/share/bash-completion/completions/gazette
  gazette completions zsh > ~/.zfunc/_gazette        (with fpath+=~/.zfunc in ~/.zshrc)
  gazette completions fish > ~/.config/fish/completions/gazette.fish";

#[derive(clap::Args)]
#[command(after_help = INIT_HELP)]
pub struct InitArgs {
    /// The folder for the new site (made if it does not exist)
    pub dir: PathBuf,
    /// Add the sample site to a folder that is not empty (files of other names are kept)
    #[arg(long)]
    pub force: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum NewKindArg {
    /// content/articles/<slug>.md
    Article,
    /// content/digests/<slug>.md
    Digest,
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse()
        .map_err(|_| format!("`{text}` is not a date such as 2024-05-01"))
}

#[derive(clap::Args)]
#[command(after_help = NEW_HELP)]
pub struct NewArgs {
    /// What to make
    pub kind: NewKindArg,
    /// The headline (article) or the title (digest)
    pub title: String,
    /// The site's folder (the one holding site.toml)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The slug (and file name); made from the title when not given
    #[arg(long)]
    pub slug: Option<String>,
    /// The date in the front matter, e.g. 2024-05-01 (default: today)
    #[arg(long, value_parser = parse_date)]
    pub date: Option<jiff::civil::Date>,
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(clap::Args)]
#[command(after_help = IMPORT_HELP)]
pub struct ImportArgs {
    /// Raw .txt articles, .html pages, or folders of them
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The outlet's name, written as [source] name (over what the files say)
    #[arg(long)]
    pub source: Option<String>,
    /// The publication date, e.g. 2022-02-01 (over what the files say)
    #[arg(long)]
    pub date: Option<String>,
    /// The site's folder (the one holding site.toml)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Replace articles imported before whose text differs
    #[arg(long)]
    pub force: bool,
}

#[derive(clap::Args)]
#[command(after_help = SPEAKERS_HELP)]
pub struct SpeakersArgs {
    /// The site's folder (the one holding site.toml)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Include articles marked draft = true
    #[arg(long)]
    pub drafts: bool,
}

#[derive(clap::Args)]
#[command(after_help = COMPLETIONS_HELP)]
pub struct CompletionsArgs {
    /// The shell to complete in
    pub shell: clap_complete::Shell,
}

/// `1 quote`, `2 quotes`
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Prints a library error and gives its exit status.
pub fn report_error(error: &Error) -> ExitCode {
    match error {
        Error::Diagnostics(diagnostics) => {
            for d in diagnostics {
                term::diagnostic(d);
            }
        }
        other => {
            let text = other.to_string();
            let (message, hint) = match text.split_once("\n  hint: ") {
                Some((message, hint)) => (message.to_string(), Some(hint.to_string())),
                None => (text, None),
            };
            term::problem(ERROR, "error", &message, hint.as_deref());
        }
    }
    if matches!(error, Error::InTheWay(_)) {
        ExitCode::from(EXIT_USAGE)
    } else {
        ExitCode::from(EXIT_PROBLEMS)
    }
}

fn report_command_error(error: &CommandError) -> ExitCode {
    match error {
        CommandError::Refused { message, hint } => {
            term::problem(ERROR, "error", message, Some(hint));
            ExitCode::from(EXIT_USAGE)
        }
        CommandError::Failed(error) => report_error(error),
    }
}

/// The path as the user would type it: `root` joined, `./` dropped.
fn shown(root: &std::path::Path, relative: &std::path::Path) -> String {
    display_path(&root.join(relative))
}

pub fn init(args: &InitArgs, verbosity: Verbosity) -> ExitCode {
    let report = match commands::init::init(&args.dir, args.force, commands::today()) {
        Ok(report) => report,
        Err(error) => return report_command_error(&error),
    };
    for (path, written) in &report.files {
        let path = shown(&report.root, path);
        match written {
            // Said on stderr too, so that even --quiet never hides a replaced file.
            Written::Replaced => term::problem(
                WARNING,
                "warning",
                &format!("replaced {path} with the sample file"),
                None,
            ),
            Written::Created if verbosity != Verbosity::Quiet => {
                out!("{} {path}", paint(GOOD, "created  "))
            }
            Written::Unchanged if verbosity != Verbosity::Quiet => {
                out!("{} {path}", paint(DIM, "unchanged"))
            }
            _ => {}
        }
    }
    if verbosity != Verbosity::Quiet {
        let root = display_path(&report.root);
        let root = if root.is_empty() {
            ".".to_string()
        } else {
            root
        };
        out!("\nA new site in {root}. Next:");
        out!("  gazette build --root {root}       the site, into {root}/public/");
        out!("  gazette new article \"Headline\" --root {root}");
        out!("  gazette check --root {root}");
    }
    ExitCode::SUCCESS
}

pub fn new(args: &NewArgs) -> ExitCode {
    let request = NewRequest {
        kind: match args.kind {
            NewKindArg::Article => NewKind::Article,
            NewKindArg::Digest => NewKind::Digest,
        },
        title: args.title.clone(),
        slug: args.slug.clone(),
        date: args.date.unwrap_or_else(commands::today),
        force: args.force,
    };
    match commands::new::new_file(&args.root, &request) {
        Ok(report) => {
            let path = shown(&args.root, &report.path);
            if report.written == Written::Replaced {
                term::problem(WARNING, "warning", &format!("replaced {path}"), None);
            }
            out!("{path}");
            ExitCode::SUCCESS
        }
        Err(error) => report_command_error(&error),
    }
}

pub fn import(args: &ImportArgs, verbosity: Verbosity) -> ExitCode {
    let options = ImportOptions {
        root: args.root.clone(),
        paths: args.paths.clone(),
        source: args.source.clone(),
        date: args.date.clone(),
        force: args.force,
    };
    let report = match commands::import::import(&options) {
        Ok(report) => report,
        Err(error) => return report_command_error(&error),
    };
    let talk = verbosity != Verbosity::Quiet;
    for outcome in &report.outcomes {
        match outcome {
            ImportOutcome::Imported { from, to, written } => {
                let to = shown(&args.root, to);
                let from = from.display();
                match written {
                    Written::Created if talk => {
                        out!("{} {from} → {to}", paint(GOOD, "imported "))
                    }
                    Written::Unchanged if talk => {
                        out!(
                            "{} {from} → {to} (imported before, the same)",
                            paint(DIM, "unchanged")
                        )
                    }
                    Written::Replaced => {
                        if talk {
                            out!("{} {from} → {to}", paint(GOOD, "imported "));
                        }
                        term::problem(
                            WARNING,
                            "warning",
                            &format!("replaced {to} (--force)"),
                            None,
                        );
                    }
                    _ => {}
                }
            }
            ImportOutcome::Skipped { from, reason } if talk => {
                out!("{} {}: {reason}", paint(DIM, "skipped  "), from.display())
            }
            ImportOutcome::Skipped { .. } => {}
            ImportOutcome::Refused { from, reason, hint } => term::problem(
                ERROR,
                "refused",
                &format!("{}: {reason}", from.display()),
                Some(hint),
            ),
            ImportOutcome::Failed(diagnostic) => term::diagnostic(diagnostic),
        }
    }
    let imported = report.count(
        |o| matches!(o, ImportOutcome::Imported { written, .. } if *written != Written::Unchanged),
    );
    let unchanged = report.count(|o| {
        matches!(
            o,
            ImportOutcome::Imported {
                written: Written::Unchanged,
                ..
            }
        )
    });
    let skipped = report.count(|o| matches!(o, ImportOutcome::Skipped { .. }));
    let refused = report.count(|o| matches!(o, ImportOutcome::Refused { .. }));
    let failed = report.count(|o| matches!(o, ImportOutcome::Failed(_)));
    if talk {
        out!(
            "{} {}, {unchanged} unchanged, {skipped} skipped, {refused} refused, {failed} failed",
            paint(STRONG, "Imported"),
            count(imported, "article"),
        );
    }
    if failed > 0 {
        ExitCode::from(EXIT_PROBLEMS)
    } else if refused > 0 {
        ExitCode::from(EXIT_USAGE)
    } else {
        ExitCode::SUCCESS
    }
}

pub fn speakers(args: &SpeakersArgs, verbosity: Verbosity) -> ExitCode {
    let options = BuildOptions {
        root: args.root.clone(),
        overrides: Overrides::default(),
        drafts: args.drafts,
        force: false,
    };
    let report = match commands::speakers::speakers(&options) {
        Ok(report) => report,
        Err(error) => return report_error(&error),
    };
    if verbosity == Verbosity::Verbose {
        for warning in &report.warnings {
            term::diagnostic(warning);
        }
    }
    let width = report
        .speakers
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(7)
        .max(7);
    out!(
        "{}",
        paint(
            STRONG,
            &format!(
                "{:>6}  {:>8}  {:<width$}  registry entry",
                "quotes", "articles", "speaker"
            )
        )
    );
    for s in &report.speakers {
        let entry = s
            .entry
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let mut line = format!(
            "{:>6}  {:>8}  {:<width$}  {entry}",
            s.quotes, s.articles, s.name
        );
        if !s.other_spellings.is_empty() {
            line = format!(
                "{}  {}",
                line.trim_end(),
                paint(
                    DIM,
                    &format!("(also written {})", s.other_spellings.join(", "))
                )
            );
        }
        out!("{}", line.trim_end());
    }
    out!(
        "{} and {}.",
        count(report.speakers.len(), "speaker"),
        count(report.quotes, "attributed quote")
    );
    if !report.merges.is_empty() {
        out!(
            "\n{}",
            paint(
                STRONG,
                &format!("Likely the same person ({}):", report.merges.len())
            )
        );
        for merge in &report.merges {
            let verb = if merge.updates_entry {
                "update"
            } else {
                "write"
            };
            out!(
                "\n  {} ← {} ({})",
                paint(STRONG, &merge.name),
                merge.merged.join(", "),
                count(merge.quotes, "quote")
            );
            out!("  {verb} {}:", shown(&args.root, &merge.path));
            for line in merge.text.lines() {
                out!("    {line}");
            }
        }
    }
    if !report.ambiguous.is_empty() {
        out!(
            "\n{}",
            paint(STRONG, "Names that fit several people (not merged):")
        );
        for name in &report.ambiguous {
            out!("  {}: {}", name.name, name.candidates.join(", "));
        }
    }
    ExitCode::SUCCESS
}

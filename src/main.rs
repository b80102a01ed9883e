//! The `gazette` command line: parse arguments, call the library, map errors to exit codes.

mod cli;

// The build allocates many short strings from two threads; mimalloc halves the time spent in malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use cli::term::{self, Verbosity, err, out};
use gazette::build::display_path;
use gazette::config::Overrides;
use gazette::{BuildOptions, Error};

#[derive(Parser)]
#[command(
    name = "gazette",
    version,
    about = "A static site generator for annotated news digests",
    after_help = cli::MAIN_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors and warnings about replaced files
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Say more: the time of each build phase, every warning, every file watch writes
    #[arg(long, short, global = true)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default)
    #[command(after_help = cli::BUILD_HELP)]
    Build {
        /// The site's folder (the one holding site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (overrides output_dir in site.toml)
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The URL the site is served from, e.g. https://example.org/news/
        #[arg(long)]
        base_url: Option<String>,
        /// Include articles marked draft = true
        #[arg(long)]
        drafts: bool,
        /// Replace an output folder that holds files but is not an earlier build
        #[arg(long)]
        force: bool,
    },
    /// Build in memory and report broken links, duplicate slugs, annotations that match
    /// nothing, quotes without a speaker and speakers without quotes (exit 1 on errors)
    #[command(after_help = cli::CHECK_HELP)]
    Check {
        /// The site's folder (the one holding site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Include articles marked draft = true
        #[arg(long)]
        drafts: bool,
    },
    /// Build, serve the site on http://127.0.0.1:1111/ and rebuild on every save, reloading
    /// open browser tabs; a failed save shows its error over the page until the next good one
    #[command(after_help = cli::SERVE_HELP)]
    Serve {
        /// The site's folder (the one holding site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (overrides output_dir in site.toml)
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The port to listen on (0: any free port)
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but loopback shows the preview to the network
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// Include articles marked draft = true
        #[arg(long)]
        drafts: bool,
        /// Replace an output folder that holds files but is not an earlier build
        #[arg(long)]
        force: bool,
    },
    /// Build, then rebuild the output folder on every save (like serve, without the server)
    #[command(after_help = cli::WATCH_HELP)]
    Watch {
        /// The site's folder (the one holding site.toml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (overrides output_dir in site.toml)
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The URL the site is served from, e.g. https://example.org/news/
        #[arg(long)]
        base_url: Option<String>,
        /// Include articles marked draft = true
        #[arg(long)]
        drafts: bool,
        /// Replace an output folder that holds files but is not an earlier build
        #[arg(long)]
        force: bool,
    },
    /// Print the quotations found in article files (.md or .txt), with their speakers
    #[command(after_help = cli::QUOTES_HELP)]
    Quotes {
        /// Print JSON: {"articles":[{"path","quotes":[{"text","speaker","start","end","kind","confidence"}]}]}
        #[arg(long)]
        json: bool,
        /// Article files to read
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Start a new site in a folder: site.toml, a sample article, speaker and digest
    Init(cli::InitArgs),
    /// Write a new article or digest with its front matter filled in; prints its path
    New(cli::NewArgs),
    /// Turn raw .txt articles and saved .html pages into Markdown articles
    Import(cli::ImportArgs),
    /// List every speaker with quote and article counts, and names to merge
    Speakers(cli::SpeakersArgs),
    /// Print shell completions: gazette completions bash|zsh|fish
    Completions(cli::CompletionsArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    match cli.command {
        Command::Init(args) => cli::init(&args, verbosity),
        Command::New(args) => cli::new(&args),
        Command::Import(args) => cli::import(&args, verbosity),
        Command::Speakers(args) => cli::speakers(&args, verbosity),
        Command::Completions(args) => {
            clap_complete::generate(
                args.shell,
                &mut Cli::command(),
                "gazette",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
        Command::Quotes { json, paths } => quotes_command(&paths, json),
        Command::Serve {
            root,
            output,
            port,
            bind,
            open,
            drafts,
            force,
        } => {
            let options = BuildOptions {
                root,
                overrides: Overrides {
                    output_dir: output,
                    base_url: None,
                },
                drafts,
                force,
            };
            let serve = gazette::serve::ServeOptions { bind, port, open };
            let verbosity = gazette::serve::Verbosity {
                quiet: verbosity == Verbosity::Quiet,
                verbose: false,
            };
            match gazette::serve::serve(options, serve, verbosity) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => report_failure(&error),
            }
        }
        Command::Watch {
            root,
            output,
            base_url,
            drafts,
            force,
        } => {
            let options = BuildOptions {
                root,
                overrides: Overrides {
                    output_dir: output,
                    base_url,
                },
                drafts,
                force,
            };
            let verbosity = gazette::serve::Verbosity {
                quiet: verbosity == Verbosity::Quiet,
                verbose: verbosity == Verbosity::Verbose,
            };
            match gazette::serve::watch(options, verbosity) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => report_failure(&error),
            }
        }
        Command::Check { root, drafts } => {
            let options = BuildOptions {
                root,
                overrides: Overrides::default(),
                drafts,
                force: false,
            };
            match gazette::check::check(&options) {
                Ok(report) => {
                    for d in &report.diagnostics {
                        if d.is_error() || verbosity != Verbosity::Quiet {
                            term::diagnostic(d);
                        }
                    }
                    let errors = report.errors();
                    let notices = report.diagnostics.len() - errors;
                    out!(
                        "Checked {} and {}: {}, {}",
                        count(report.articles, "article"),
                        count(report.quotes, "quote"),
                        count(errors, "error"),
                        count(notices, "warning")
                    );
                    if errors > 0 {
                        ExitCode::FAILURE
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(error) => report_failure(&error),
            }
        }
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            force,
        } => {
            let options = BuildOptions {
                root,
                overrides: Overrides {
                    output_dir: output,
                    base_url,
                },
                drafts,
                force,
            };
            let bar = term::BuildBar::new(verbosity);
            gazette::build::exit_after_build();
            let built = gazette::build::build_with_progress(&options, &bar);
            bar.finish();
            match built {
                Ok(report) => {
                    if verbosity != Verbosity::Quiet {
                        for warning in &report.warnings {
                            term::diagnostic(warning);
                        }
                    }
                    if verbosity == Verbosity::Verbose {
                        for (phase, took) in &report.phases {
                            let note = match *phase {
                                "render" => " (pages rendered and written)",
                                "swap" => " (assets, static files, the new site swapped in)",
                                "write" => " (thread time writing pages, during render)",
                                _ => "",
                            };
                            err!("  {phase:<8} {:>8.1} ms{note}", took.as_secs_f64() * 1000.0);
                        }
                        if !report.page_kinds.is_empty() {
                            err!("  render by kind of file (thread time, writing excluded):");
                        }
                        for kind in &report.page_kinds {
                            err!(
                                "    {:<20} {:>8.1} ms {:>7} file{} {:>8.1} MB",
                                kind.kind,
                                kind.time.as_secs_f64() * 1000.0,
                                kind.files,
                                if kind.files == 1 { " " } else { "s" },
                                kind.bytes as f64 / 1e6
                            );
                        }
                    }
                    let mut counts = vec![
                        count(report.articles, "article"),
                        count(report.quotes, "quote"),
                        count(report.speakers, "speaker"),
                        count(report.topics, "topic"),
                    ];
                    if report.drafts_skipped > 0 {
                        counts.push(format!("{} skipped", count(report.drafts_skipped, "draft")));
                    }
                    if verbosity == Verbosity::Quiet {
                        return ExitCode::SUCCESS;
                    }
                    if report.unchanged {
                        out!(
                            "Nothing changed since the last build: {} is up to date ({}, {}; checked in {:.2} s)",
                            display_path(&report.output),
                            count(report.pages, "page"),
                            counts.join(", "),
                            report.elapsed.as_secs_f64(),
                        );
                        return ExitCode::SUCCESS;
                    }
                    out!(
                        "Built {} ({}) in {:.2} s → {}",
                        count(report.pages, "page"),
                        counts.join(", "),
                        report.elapsed.as_secs_f64(),
                        display_path(&report.output)
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => report_failure(&error),
            }
        }
    }
}

/// Extracts quotations from each file; a file that cannot be read is reported and skipped.
fn quotes_command(paths: &[PathBuf], json: bool) -> ExitCode {
    let mut files = Vec::with_capacity(paths.len());
    let mut failed = false;
    for path in paths {
        match gazette::extract::quotes_in_file(path) {
            Ok(file) => files.push(file),
            Err(problem) => {
                term::diagnostic(&problem);
                failed = true;
            }
        }
    }
    if json {
        println!("{}", gazette::extract::to_json(&files));
    } else {
        print!("{}", gazette::extract::to_table(&files));
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

use cli::count;

fn report_failure(error: &Error) -> ExitCode {
    let code = cli::report_error(error);
    if let Error::Diagnostics(diagnostics) = error {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        err!(
            "Build failed: {errors} error{}; the previous output was left as it was.",
            if errors == 1 { "" } else { "s" }
        );
    }
    code
}

//! The `gazette` command line: parse arguments, call the library, map errors to exit codes.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use gazette::build::display_path;
use gazette::config::Overrides;
use gazette::{BuildOptions, Error};

#[derive(Parser)]
#[command(
    name = "gazette",
    version,
    about = "A static site generator for annotated news digests"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default)
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
        /// Print the time taken by each phase
        #[arg(long, short)]
        verbose: bool,
    },
    /// Build in memory and report broken links, duplicate slugs, annotations that match
    /// nothing, quotes without a speaker and speakers without quotes (exit 1 on errors)
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
        /// Print only errors
        #[arg(long, short)]
        quiet: bool,
    },
    /// Build, then rebuild the output folder on every save (like serve, without the server)
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
        /// Print only errors
        #[arg(long, short)]
        quiet: bool,
        /// Print every file written
        #[arg(long, short)]
        verbose: bool,
    },
    /// Print the quotations found in article files (.md or .txt), with their speakers
    Quotes {
        /// Print JSON: {"articles":[{"path","quotes":[{"text","speaker","start","end","kind","confidence"}]}]}
        #[arg(long)]
        json: bool,
        /// Article files to read
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Quotes { json, paths } => quotes_command(&paths, json),
        Command::Serve {
            root,
            output,
            port,
            bind,
            open,
            drafts,
            quiet,
        } => {
            let options = BuildOptions {
                root,
                overrides: Overrides {
                    output_dir: output,
                    base_url: None,
                },
                drafts,
            };
            let serve = gazette::serve::ServeOptions { bind, port, open };
            let verbosity = gazette::serve::Verbosity {
                quiet,
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
            quiet,
            verbose,
        } => {
            let options = BuildOptions {
                root,
                overrides: Overrides {
                    output_dir: output,
                    base_url,
                },
                drafts,
            };
            let verbosity = gazette::serve::Verbosity { quiet, verbose };
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
            };
            match gazette::check::check(&options) {
                Ok(report) => {
                    for d in &report.diagnostics {
                        eprintln!("{d}");
                    }
                    let errors = report.errors();
                    let notices = report.diagnostics.len() - errors;
                    println!(
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
            verbose,
        } => {
            let options = BuildOptions {
                root,
                overrides: Overrides {
                    output_dir: output,
                    base_url,
                },
                drafts,
            };
            match gazette::build(&options) {
                Ok(report) => {
                    for warning in &report.warnings {
                        eprintln!("{warning}");
                    }
                    if verbose {
                        for (phase, took) in &report.phases {
                            eprintln!("  {phase:<8} {:>8.1} ms", took.as_secs_f64() * 1000.0);
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
                    println!(
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
                eprintln!("{problem}");
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

/// `1 quote`, `2 quotes`
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn report_failure(error: &Error) -> ExitCode {
    match error {
        Error::Diagnostics(diagnostics) => {
            for d in diagnostics {
                eprintln!("{d}");
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "Build failed: {errors} error{}; the previous output was left as it was.",
                if errors == 1 { "" } else { "s" }
            );
        }
        other => eprintln!("error: {other}"),
    }
    ExitCode::FAILURE
}

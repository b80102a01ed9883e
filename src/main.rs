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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
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
                    let drafts = if report.drafts_skipped > 0 {
                        let plural = if report.drafts_skipped == 1 { "" } else { "s" };
                        format!(", {} draft{plural} skipped", report.drafts_skipped)
                    } else {
                        String::new()
                    };
                    println!(
                        "Built {} pages ({} articles, {} topics{drafts}) in {:.2} s → {}",
                        report.pages,
                        report.articles,
                        report.topics,
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

//! The terminal: colour only where it shows (never with NO_COLOR, never into a pipe), the
//! quiet and verbose levels, and a progress bar on stderr for builds that take a while.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anstyle::{AnsiColor, Effects, Style};
use gazette::Diagnostic;
use gazette::error::Severity;
use gazette::progress::BuildProgress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub const ERROR: Style = AnsiColor::Red.on_default().effects(Effects::BOLD);
pub const WARNING: Style = AnsiColor::Yellow.on_default().effects(Effects::BOLD);
pub const HINT: Style = AnsiColor::Cyan.on_default().effects(Effects::BOLD);
pub const GOOD: Style = AnsiColor::Green.on_default().effects(Effects::BOLD);
pub const DIM: Style = Style::new().effects(Effects::DIMMED);
pub const STRONG: Style = Style::new().effects(Effects::BOLD);

/// How much to say, from the global flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// `text` in `style`; the stream strips the codes where colour must not show.
pub fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

/// Prints to stdout, coloured only on a terminal without NO_COLOR.
macro_rules! out {
    ($($arg:tt)*) => { anstream::println!($($arg)*) };
}

/// Prints to stderr, coloured only on a terminal without NO_COLOR.
macro_rules! err {
    ($($arg:tt)*) => { anstream::eprintln!($($arg)*) };
}

pub(crate) use {err, out};

/// `error: path:line:column: message` and its `hint:` line, on stderr.
pub fn diagnostic(d: &Diagnostic) {
    let label = match d.severity {
        Severity::Error => paint(ERROR, "error"),
        Severity::Warning => paint(WARNING, "warning"),
    };
    err!(
        "{label}: {}:{}:{}: {}",
        d.path.display(),
        d.line,
        d.column,
        d.message
    );
    if let Some(hint) = &d.hint {
        err!("  {}: {hint}", paint(HINT, "hint"));
    }
}

/// A problem that is not in a file (a refusal, an I/O failure): `label: message` and a hint.
pub fn problem(style: Style, label: &str, message: &str, hint: Option<&str>) {
    err!("{}: {message}", paint(style, label));
    if let Some(hint) = hint {
        err!("  {}: {hint}", paint(HINT, "hint"));
    }
}

/// A progress bar that appears only when a build has run for a moment, only on a terminal.
pub struct BuildBar {
    bar: ProgressBar,
    started: Instant,
    shown: AtomicBool,
    enabled: bool,
}

/// Builds shorter than this finish without a bar flashing by.
const BAR_DELAY: Duration = Duration::from_millis(400);

impl BuildBar {
    pub fn new(verbosity: Verbosity) -> BuildBar {
        let enabled =
            verbosity != Verbosity::Quiet && std::io::IsTerminal::is_terminal(&std::io::stderr());
        BuildBar {
            bar: ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
            started: Instant::now(),
            shown: AtomicBool::new(false),
            enabled,
        }
    }

    fn show_when_due(&self) {
        if self.enabled
            && !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() >= BAR_DELAY
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(120));
        }
    }

    /// Clears the bar so that the summary is printed on a clean line.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
        let _ = std::io::stderr().flush();
    }
}

impl BuildProgress for BuildBar {
    fn phase(&self, name: &'static str, items: usize) {
        self.show_when_due();
        let template = if items > 0 {
            "{spinner} {msg:<8} [{bar:30}] {pos}/{len} {elapsed}"
        } else {
            "{spinner} {msg:<8} {elapsed}"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            self.bar.set_style(style.progress_chars("=> "));
        }
        self.bar.set_length(items as u64);
        self.bar.set_position(0);
        self.bar.set_message(name);
    }

    fn item_done(&self) {
        // Called from both threads for every page: no bar, no shared counter to bump.
        if !self.enabled {
            return;
        }
        self.bar.inc(1);
        self.show_when_due();
    }
}

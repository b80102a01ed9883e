//! Gazette: a static site generator for annotated news digests.
//!
//! The pipeline (see ARCHITECTURE.md): load → parse → link → render → write.

pub mod build;
pub mod build_record;
pub mod check;
pub mod commands;
pub mod config;
pub mod content;
pub mod error;
pub mod extract;
pub mod graph;
pub mod incremental;
pub mod output;
pub mod progress;
pub mod quotes;
pub mod render;
pub mod serve;

pub use build::{BuildOptions, BuildReport, build, build_in_memory};
pub use error::{Diagnostic, Error, Result};

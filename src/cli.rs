//! The command line: clap's arguments turned into the library's plain
//! [`BuildOptions`], the run, the diagnostics on stderr, the exit code.

use std::collections::BTreeSet;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::build::{self, BuildOptions, Format};

/// crbuild: meeting notes in Markdown → official minutes (compte rendu).
#[derive(Debug, Parser)]
#[command(name = "crbuild", version, about)]
pub struct Cli {
    /// What to do; without a command, build every note under ./notes into ./output (HTML and PDF).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build notes (files or folders) into minutes.
    Build {
        /// Note files or folders [default: notes].
        paths: Vec<PathBuf>,
        /// Output folder [default: the config's `output`, else ./output].
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Formats to write, comma-separated: html, pdf, json.
        #[arg(long, value_delimiter = ',', default_value = "html,pdf")]
        format: Vec<String>,
    },
    /// Only report problems in notes; write nothing.
    Check {
        /// Note files or folders [default: notes].
        paths: Vec<PathBuf>,
    },
}

/// Exit code for a usage error, as clap uses.
pub const USAGE: i32 = 2;

fn formats(names: &[String]) -> Result<BTreeSet<Format>, String> {
    names
        .iter()
        .map(|n| match n.trim().to_ascii_lowercase().as_str() {
            "html" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            "pdf" => Ok(Format::Pdf),
            other => Err(format!("unknown format `{other}`; choose among html, pdf, json")),
        })
        .collect()
}

/// Runs the command line and returns the process's exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    // An empty root keeps paths as the user sees them: `notes/x.md`, not `./notes/x.md`.
    let root = PathBuf::new();
    let options = match cli.command {
        None => BuildOptions {
            root,
            inputs: Vec::new(),
            output: None,
            formats: BTreeSet::from([Format::Html, Format::Pdf]),
        },
        Some(Command::Build { paths, output, format }) => match formats(&format) {
            Ok(formats) => BuildOptions {
                root,
                inputs: paths,
                output,
                formats,
            },
            Err(message) => {
                eprintln!("error: {message}");
                return USAGE;
            }
        },
        Some(Command::Check { paths }) => BuildOptions {
            root,
            inputs: paths,
            output: None,
            formats: BTreeSet::new(),
        },
    };
    let report = build::run(&options);
    for d in &report.diagnostics {
        eprint!("{d}");
    }
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = report.diagnostics.len() - errors;
    let verb = if options.formats.is_empty() { "checked" } else { "built" };
    eprintln!(
        "crbuild: {verb} {} note{}, {} file{} written, {errors} error{}, {warnings} warning{}",
        report.notes,
        plural(report.notes),
        report.written.len(),
        plural(report.written.len()),
        plural(errors),
        plural(warnings)
    );
    i32::from(report.has_errors())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

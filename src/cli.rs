//! The command line: clap's arguments turned into the library's plain
//! [`Options`] (an explicit [`Mode`]: build, check or follow-ups), the
//! run, the diagnostics on stderr, the summary line, the exit code; and
//! the commands around a run: `init` (a new project,
//! [`build::init`]), `new` (the next note of a series, [`build::new`]), `completions` (clap_complete) and `man`
//! (clap_mangen), the last two printing on stdout what they generate from
//! this very definition.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::build::{self, formats, Mode, Options};
use crate::ledger::Filter;
use crate::model::Status;

/// crbuild: meeting notes in Markdown → official minutes (compte rendu).
#[derive(Debug, Parser)]
#[command(name = "crbuild", version, long_version = LONG_VERSION, about, long_about = LONG_ABOUT)]
pub struct Cli {
    /// What to do; without a command, build every note under the project's
    /// notes/ into its output/ (HTML and PDF) with the follow-up report of
    /// all of them.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The project's folder [default: the nearest folder, this one or
    /// above, with a crbuild.toml, else with a notes/ folder].
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The config file [default: <root>/crbuild.toml]; without --root, its
    /// folder is the project's.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// What `crbuild --version` prints after `crbuild`: the version, and the
/// commit crbuild was built from when build.rs could tell (a checkout);
/// `-V` and every output give the version alone.
const LONG_VERSION: &str = env!("CRBUILD_LONG_VERSION");

/// What `crbuild --help` and the man page say before the commands.
const LONG_ABOUT: &str = "Compiles meeting notes written in Markdown into official French minutes \
(compte rendu), HTML and PDF, and tracks their follow-ups.

Without a command, crbuild builds every note under the project's notes/ into its output/ \
(HTML and PDF) with the follow-up report of all of them (suivi.html, .pdf, .csv, .ics). A \
deliberative note (a council's session) becomes its procès-verbal, <note>.html and .pdf, with \
its liste des délibérations, <note>.liste.html and .liste.pdf, and the run writes every \
deliberation in deliberations.csv (the SCDL open-data schema). The project is the nearest folder, \
this one or above, that holds a crbuild.toml (else a notes/ folder); `crbuild init` starts one. \
Problems are reported as file:line:column on stderr. Exit codes: 0 when every note built \
(warnings allowed), 1 when something has an error, 2 for a usage error.";

/// A status to keep in a follow-up report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    /// Open, not yet due.
    Open,
    /// Open and past its due date.
    Overdue,
    /// Done.
    Done,
    /// Cancelled.
    Cancelled,
    /// Every status.
    All,
}

/// How to group a follow-up report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    /// One table per owner.
    Owner,
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
        /// Formats to write, comma-separated: html, pdf, json (html and pdf
        /// also write a deliberative note's liste des délibérations,
        /// <note>.liste.html and <note>.liste.pdf).
        #[arg(long, value_delimiter = ',', default_value = "html,pdf")]
        format: Vec<String>,
        /// Render every output, even those whose inputs did not change
        /// since the last build.
        #[arg(long)]
        force: bool,
    },
    /// Only report problems in notes, with the follow-up lint; write nothing.
    Check {
        /// Note files or folders [default: notes].
        paths: Vec<PathBuf>,
        /// Leave out the follow-up lint (no owner, no due date…).
        #[arg(long)]
        no_lint: bool,
    },
    /// Write the follow-up report of the notes: suivi.html, .pdf, .csv, .ics, .json.
    Followups {
        /// Note files or folders [default: notes].
        paths: Vec<PathBuf>,
        /// The reference day for statuses, YYYY-MM-DD [default: today].
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
        /// Keep the follow-ups of this owner (an alias, without @); repeatable.
        #[arg(long, value_name = "ALIAS")]
        owner: Vec<String>,
        /// Keep follow-ups with this status; repeatable [default: all].
        #[arg(long, value_enum)]
        status: Vec<StatusArg>,
        /// Keep one series.
        #[arg(long, value_name = "NAME")]
        series: Option<String>,
        /// Keep follow-ups due on or after this day, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Keep follow-ups due on or before this day, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Group the report's rows.
        #[arg(long, value_enum)]
        by: Option<GroupBy>,
        /// Output folder [default: the config's `output`, else ./output].
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Files to write, comma-separated: html, pdf, csv, ics, json.
        #[arg(long, value_delimiter = ',', default_value = "html,pdf,csv,ics")]
        format: Vec<String>,
        /// Render every file, even those whose inputs did not change since
        /// the last run.
        #[arg(long)]
        force: bool,
    },
    /// Build, then rebuild what each saved edit touches, until Ctrl-C.
    ///
    /// Watches the notes (files or folders), crbuild.toml, templates/ and
    /// the config's logo and fonts. Each rebuild prints what changed, its
    /// diagnostics and a summary line; a note briefly invalid or deleted
    /// is reported and the watch goes on. Outputs whose inputs did not
    /// change are left alone, as in `crbuild build`.
    Watch {
        /// Note files or folders [default: notes].
        paths: Vec<PathBuf>,
        /// Output folder [default: the config's `output`, else ./output].
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Formats to write, comma-separated: html, pdf, json (html and pdf
        /// also write a deliberative note's liste des délibérations,
        /// <note>.liste.html and <note>.liste.pdf).
        #[arg(long, value_delimiter = ',', default_value = "html,pdf")]
        format: Vec<String>,
    },
    /// Start a new project that builds at once; overwrites nothing.
    ///
    /// Writes into DIR a crbuild.toml with every key commented out, an
    /// example note, notes/comite/2026-06-18-comite-de-pilotage.md, and a
    /// README.md that says how to build and how to override the built-in
    /// templates (a README.md already there is kept). No templates/ folder:
    /// the built-in templates are used. A folder that already holds a
    /// crbuild.toml or a notes/ folder is refused, and nothing is written.
    Init {
        /// The folder to write the project in, created if missing
        /// [default: --root, else the current folder].
        dir: Option<PathBuf>,
    },
    /// Write the note of a series' next meeting, from its last one.
    ///
    /// Writes notes/SERIES/<date>-<slug>.md: the last meeting's front
    /// matter (participants, excused, distribution, time, place…) without
    /// its title, date and agenda, and a first row "Suivi des actions
    /// précédentes" that restates each follow-up still open on that day, to
    /// tick or edit. Overwrites nothing.
    New {
        /// The series [default: the only one of the project].
        series: Option<String>,
        /// The new meeting's day, YYYY-MM-DD [default: today]; the last
        /// meeting is the series' latest on or before it.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// The new meeting's title [default: the last meeting's]; the
        /// file's name is made from it.
        #[arg(long)]
        title: Option<String>,
    },
    /// Print crbuild's completion script for a shell on stdout.
    ///
    /// For bash, for instance:
    /// crbuild completions bash > ~/.local/share/bash-completion/completions/crbuild
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print crbuild's man page (roff) on stdout.
    ///
    /// One page for every command and option; to install it:
    /// crbuild man > ~/.local/share/man/man1/crbuild.1
    Man,
}

/// A command line, read: a run over notes or one of the commands around it.
enum Action {
    Run(Options),
    Watch(Options),
    Init(PathBuf),
    New(build::new::NewRequest),
    Completions(Shell),
    Man,
}

/// Exit code for a usage error, as clap uses.
pub const USAGE: i32 = 2;

fn day(flag: &str, text: &Option<String>) -> Result<Option<NaiveDate>, String> {
    text.as_deref()
        .map(|t| {
            NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map_err(|_| format!("--{flag} wants a day as YYYY-MM-DD, not `{t}`"))
        })
        .transpose()
}

/// The system's date: the default reference day of follow-up reports.
fn system_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// What the command line asks for: a run over notes, with its options,
/// or one of the commands around it.
fn action(cli: Cli) -> Result<Action, String> {
    let run = |options: Options| Ok(Action::Run(options));
    match cli.command {
        Some(Command::Init { dir }) => Ok(Action::Init(dir.or(cli.root).unwrap_or_else(|| PathBuf::from(".")))),
        Some(Command::Completions { shell }) => Ok(Action::Completions(shell)),
        Some(Command::Man) => Ok(Action::Man),
        Some(Command::New { series, date, title }) => Ok(Action::New(build::new::NewRequest {
            series,
            date: day("date", &date)?.unwrap_or_else(system_today),
            title,
        })),
        None => run(Options {
            inputs: Vec::new(),
            output: None,
            mode: Mode::Build {
                formats: formats::minutes(&["html".into(), "pdf".into()])?,
                report_on: Some(system_today()),
                force: false,
            },
        }),
        Some(Command::Build {
            paths,
            output,
            format,
            force,
        }) => run(Options {
            inputs: paths,
            output,
            mode: Mode::Build {
                formats: formats::minutes(&format)?,
                report_on: None,
                force,
            },
        }),
        Some(Command::Watch { paths, output, format }) => Ok(Action::Watch(Options {
            inputs: paths,
            output,
            mode: Mode::Build {
                formats: formats::minutes(&format)?,
                report_on: None,
                force: false,
            },
        })),
        Some(Command::Check { paths, no_lint }) => run(Options {
            inputs: paths,
            output: None,
            mode: Mode::Check { lint: !no_lint },
        }),
        Some(Command::Followups {
            paths,
            today,
            owner,
            status,
            series,
            from,
            to,
            by,
            output,
            format,
            force,
        }) => {
            let statuses = if status.contains(&StatusArg::All) {
                Vec::new()
            } else {
                status
                    .iter()
                    .map(|s| match s {
                        StatusArg::Open => Status::Open,
                        StatusArg::Overdue => Status::Overdue,
                        StatusArg::Done => Status::Done,
                        StatusArg::Cancelled | StatusArg::All => Status::Cancelled,
                    })
                    .collect()
            };
            let filter = Filter {
                today: day("today", &today)?.unwrap_or_else(system_today),
                owners: owner.iter().map(|o| o.trim_start_matches('@').to_string()).collect(),
                statuses,
                series,
                from: day("from", &from)?,
                to: day("to", &to)?,
            };
            run(Options {
                inputs: paths,
                output,
                mode: Mode::FollowUps {
                    filter,
                    by_owner: by == Some(GroupBy::Owner),
                    formats: formats::report(&format)?,
                    force,
                },
            })
        }
    }
}

/// Runs the command line and returns the process's exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let (root, config) = (cli.root.clone(), cli.config.clone());
    let action = action(cli);
    // The project's folder. An empty path is the current folder, and keeps
    // paths as the user sees them: `notes/x.md`, not `./notes/x.md`.
    let root = match (root, &config) {
        (Some(root), _) => root,
        (None, Some(config)) => config.parent().map(Path::to_path_buf).unwrap_or_default(),
        (None, None) => build::find_root().unwrap_or_default(),
    };
    let (options, watch) = match action {
        Ok(Action::New(request)) => return new_note(&root, config.as_deref(), &request),
        Ok(Action::Run(o)) => (o, false),
        Ok(Action::Watch(o)) => (o, true),
        Ok(Action::Init(dir)) => return init(&dir),
        Ok(Action::Completions(shell)) => return print_stdout(&completions(shell)),
        Ok(Action::Man) => return man().map_or_else(|e| cannot_print(&e), |page| print_stdout(&page)),
        Err(message) => {
            eprintln!("error: {message}");
            return USAGE;
        }
    };
    if watch {
        return watch_project(&root, config.as_deref(), options);
    }
    let report = match build::Project::load_from(&root, config.as_deref(), options.mode.needs()) {
        Ok(project) => build::run_project(&project, &options),
        Err(d) => build::Summary::with(vec![d]),
    };
    print_summary(options.mode.verb(), &report);
    i32::from(report.has_errors())
}

/// Prints a run's diagnostics and its summary line on stderr.
fn print_summary(verb: &str, report: &build::Summary) {
    for d in &report.diagnostics {
        eprint!("{d}");
    }
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = report.diagnostics.len() - errors;
    // Files left as they were appear only when there are some.
    let fresh = match report.fresh.len() {
        0 => String::new(),
        n => format!(", {n} up to date"),
    };
    eprintln!(
        "crbuild: {verb} {} note{}, {} file{} written{fresh}, {errors} error{}, {warnings} warning{}",
        report.notes,
        plural(report.notes),
        report.written.len(),
        plural(report.written.len()),
        plural(errors),
        plural(warnings)
    );
}

/// `crbuild watch`: builds, then rebuilds after each change, printing
/// each build as `crbuild build` does, until Ctrl-C (or SIGTERM); 0 when
/// stopped so, 1 when the watch cannot start.
fn watch_project(root: &Path, config: Option<&Path>, options: Options) -> i32 {
    let verb = options.mode.verb();
    let watch = match build::watch::Watch::new(root, config, options) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    let stopper = watch.stopper();
    if let Err(e) = ctrlc::set_handler(move || stopper.stop()) {
        eprintln!("error: cannot catch Ctrl-C: {e}");
        return 1;
    }
    watch.run(|event| match event {
        build::watch::Event::Built { changes, summary } => {
            if changes.is_empty() {
                eprintln!("crbuild: watching for changes (Ctrl-C to stop)");
            } else {
                let names: Vec<String> = changes
                    .iter()
                    .map(|c| {
                        let removed = if c.removed { " (removed)" } else { "" };
                        format!("{}{removed}", c.path.display())
                    })
                    .collect();
                eprintln!("crbuild: changed: {}", names.join(", "));
            }
            print_summary(verb, summary);
        }
        build::watch::Event::Problem(d) => eprint!("{d}"),
    });
    eprintln!("crbuild: watch stopped");
    0
}

/// `crbuild init DIR`: writes the project, says what it wrote and what to
/// run next, on stderr like every message of crbuild.
/// `crbuild new`: the next note of a series, and where it came from.
fn new_note(root: &Path, config: Option<&Path>, request: &build::new::NewRequest) -> i32 {
    let project = match build::Project::load_from(root, config, build::Needs::default()) {
        Ok(p) => p,
        Err(d) => {
            eprint!("{d}");
            return 1;
        }
    };
    match build::new::new_note(&project, request) {
        Ok(w) => {
            eprintln!(
                "crbuild: wrote {} from {} ({} open follow-up{} restated)",
                w.path.display(),
                w.from,
                w.restated,
                if w.restated == 1 { "" } else { "s" }
            );
            0
        }
        Err(e) => {
            eprint!("{e}");
            if e.usage {
                USAGE
            } else {
                1
            }
        }
    }
}

fn init(dir: &Path) -> i32 {
    match build::init::init(dir) {
        Ok(written) => {
            let here = dir == Path::new(".") || dir.as_os_str().is_empty();
            let shown = if here {
                "the current folder".to_string()
            } else {
                dir.display().to_string()
            };
            eprintln!("crbuild: new project in {shown}");
            for f in &written.files {
                eprintln!("  wrote {}", f.display());
            }
            for f in &written.kept {
                eprintln!("  kept {} (already there, left as it was)", f.display());
            }
            let run = "crbuild             # build the example note into output/ (HTML and PDF)";
            if here {
                eprintln!("next:\n  {run}");
            } else {
                eprintln!("next:\n  cd {}\n  {run}", shell_word(&dir.display().to_string()));
            }
            0
        }
        Err(e) => {
            eprint!("{e}");
            1
        }
    }
}

/// A path as one word of a shell command: quoted when it holds anything
/// but letters, digits and `_ - . / + , : @ %`.
fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "_-./+,:@%".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// The completion script of `shell`, generated from [`Cli`].
pub fn completions(shell: Shell) -> Vec<u8> {
    let mut script = Vec::new();
    let mut cli = Cli::command().long_version(env!("CARGO_PKG_VERSION"));
    clap_complete::generate(shell, &mut cli, "crbuild", &mut script);
    script
}

/// The man page, generated from [`Cli`]: crbuild's page, with a COMMANDS
/// section that gives each command's synopsis, description and options
/// (the global ones are given once, in OPTIONS), so that one page
/// documents every option.
pub fn man() -> io::Result<Vec<u8>> {
    // The page gives the version alone, as every output does: the same
    // page whatever commit built crbuild.
    let mut cli = Cli::command().long_version(env!("CARGO_PKG_VERSION"));
    // Gives every command its full name, `crbuild build`, for its synopsis,
    // and the global options.
    cli.build();
    let top = clap_mangen::Man::new(cli.clone());
    let mut body = Vec::new();
    top.render_name_section(&mut body)?;
    top.render_synopsis_section(&mut body)?;
    top.render_description_section(&mut body)?;
    top.render_options_section(&mut body)?;
    writeln!(body, ".SH COMMANDS")?;
    for sub in cli
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let sub = sub
            .clone()
            .mut_args(|a| if a.is_global_set() { a.hide(true) } else { a });
        let man = clap_mangen::Man::new(sub.clone());
        writeln!(body, ".SS {}", sub.get_name())?;
        let mut part = Vec::new();
        man.render_synopsis_section(&mut part)?;
        man.render_description_section(&mut part)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            man.render_options_section(&mut part)?;
        }
        // The command's sections as paragraphs of its sub-section.
        for line in String::from_utf8_lossy(&part).lines() {
            writeln!(body, "{}", if line.starts_with(".SH ") { ".PP" } else { line })?;
        }
    }
    top.render_version_section(&mut body)?;
    // The title, written here: clap_mangen's leaves out the empty date,
    // which shifts the source into its place. Then roff's definition of
    // the `Aq` string, which the roff crate writes before each part, once.
    let body = String::from_utf8_lossy(&body);
    let (preamble, rest): (Vec<&str>, Vec<&str>) = body.lines().partition(|l| is_preamble(l));
    let mut page = format!(".TH crbuild 1 \"\" \"crbuild {}\" \"\"\n", env!("CARGO_PKG_VERSION"));
    for line in preamble.iter().take(2).chain(&rest) {
        page.push_str(line);
        page.push('\n');
    }
    // Characters beyond ASCII (`…`, `é`) as groff's `\[u2026]`, which
    // every man reader knows, with or without a UTF-8 input filter.
    Ok(page
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("\\[u{:04X}]", u32::from(c))
            }
        })
        .collect::<String>()
        .into_bytes())
}

/// Whether a line of clap_mangen's output is roff's definition of the
/// apostrophe string, which the roff crate writes before each part.
fn is_preamble(line: &str) -> bool {
    line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq")
}

/// Writes `bytes` on stdout; a write error (stdout closed) is exit code 1.
fn print_stdout(bytes: &[u8]) -> i32 {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) => cannot_print(&e),
    }
}

fn cannot_print(e: &io::Error) -> i32 {
    // A reader that stopped reading (`crbuild man | head`) needs no message.
    if e.kind() != io::ErrorKind::BrokenPipe {
        eprintln!("error: cannot write to standard output: {e}");
    }
    1
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

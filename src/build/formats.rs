//! The table of outputs: each format of the minutes and of the follow-up
//! report with its name (the file extension and the `--format` word), the
//! template it renders and its render function. A new format is one more
//! row here; the rest of the build (threads, the manifest, atomic writes,
//! removal on failure) comes with it.

use std::collections::BTreeMap;

use crate::ledger::Selection;
use crate::model::Meeting;
use crate::print::fonts::Family;
use crate::render::report::{render_report_html, render_report_pdf, ReportOptions};
use crate::render::{self, export, RenderError, RenderOptions};

/// What a format of the minutes renders from.
pub struct MinutesInput<'a> {
    /// The meeting.
    pub meeting: &'a Meeting,
    /// Labels, logo and the carry-over block.
    pub options: &'a RenderOptions,
    /// The format's templates, parsed (empty for a format without one).
    pub tera: &'a tera::Tera,
    /// The PDF's fonts, when the run writes a PDF.
    pub fonts: Option<&'a Family>,
}

/// A format of the minutes (`<note>.<extension>`).
#[derive(Debug)]
pub struct MinutesFormat {
    /// The `--format` word: `html` names the minutes' page and, for a
    /// deliberative note, its liste des délibérations too.
    pub name: &'static str,
    /// The file extension: `html`, `liste.html`.
    pub extension: &'static str,
    /// Whether only a deliberative note has it (the liste des délibérations).
    pub deliberative_only: bool,
    /// The template it renders, if any.
    pub template: Option<&'static str>,
    /// Whether its output shows the carry-over block (which brings the
    /// series' other notes into its key).
    pub carry_over: bool,
    /// Whether it is a PDF (and needs the fonts).
    pub pdf: bool,
    /// Renders one meeting.
    pub render: fn(&MinutesInput) -> Result<Vec<u8>, RenderError>,
}

/// What a format of the follow-up report renders from.
pub struct ReportInput<'a> {
    /// The follow-ups shown.
    pub selection: &'a Selection,
    /// Labels and logo.
    pub render: &'a RenderOptions,
    /// Header, grouping and links.
    pub options: &'a ReportOptions,
    /// The labels in the report's language, overrides applied.
    pub labels: &'a BTreeMap<String, String>,
    /// The format's templates, parsed (empty for a format without one).
    pub tera: &'a tera::Tera,
    /// The PDF's fonts, when the run writes a PDF.
    pub fonts: Option<&'a Family>,
    /// What ends the UIDs of the calendar's events (`uid_domain` in crbuild.toml).
    pub uid_domain: &'a str,
}

/// A format of the follow-up report (`suivi.<name>`).
#[derive(Debug)]
pub struct ReportFormat {
    /// The `--format` word and the file extension.
    pub name: &'static str,
    /// The template it renders, if any.
    pub template: Option<&'static str>,
    /// Whether it is a PDF (and needs the fonts).
    pub pdf: bool,
    /// Renders the report.
    pub render: fn(&ReportInput) -> Result<Vec<u8>, RenderError>,
}

fn fonts(fonts: Option<&Family>) -> Result<&Family, RenderError> {
    fonts.ok_or_else(|| RenderError::Template("no fonts loaded".into()))
}

/// The formats of the minutes, in the order they are listed and rendered.
pub static MINUTES: [MinutesFormat; 5] = [
    MinutesFormat {
        name: "html",
        extension: "html",
        deliberative_only: false,
        template: Some("minutes.html"),
        carry_over: true,
        pdf: false,
        render: |i| render::render_html(i.meeting, i.options, i.tera).map(String::into_bytes),
    },
    MinutesFormat {
        name: "pdf",
        extension: "pdf",
        deliberative_only: false,
        template: Some("minutes.pdf.xml"),
        carry_over: true,
        pdf: true,
        render: |i| render::render_pdf(i.meeting, i.options, i.tera, fonts(i.fonts)?),
    },
    MinutesFormat {
        name: "json",
        extension: "json",
        deliberative_only: false,
        template: None,
        carry_over: false,
        pdf: false,
        render: |i| render::render_json(i.meeting, i.options.approval.as_ref()).map(String::into_bytes),
    },
    MinutesFormat {
        name: "html",
        extension: "liste.html",
        deliberative_only: true,
        template: Some("liste.html"),
        carry_over: false,
        pdf: false,
        render: |i| render::deliberation::render_liste_html(i.meeting, i.options, i.tera).map(String::into_bytes),
    },
    MinutesFormat {
        name: "pdf",
        extension: "liste.pdf",
        deliberative_only: true,
        template: Some("liste.pdf.xml"),
        carry_over: false,
        pdf: true,
        render: |i| render::deliberation::render_liste_pdf(i.meeting, i.options, i.tera, fonts(i.fonts)?),
    },
];

/// The formats of the follow-up report, in the order they are listed and rendered.
pub static REPORT: [ReportFormat; 5] = [
    ReportFormat {
        name: "html",
        template: Some("report.html"),
        pdf: false,
        render: |i| render_report_html(i.selection, i.render, i.options, i.tera).map(String::into_bytes),
    },
    ReportFormat {
        name: "pdf",
        template: Some("report.pdf.xml"),
        pdf: true,
        render: |i| render_report_pdf(i.selection, i.render, i.options, i.tera, fonts(i.fonts)?),
    },
    ReportFormat {
        name: "csv",
        template: None,
        pdf: false,
        render: |i| Ok(export::to_csv(i.selection, i.options.lang, i.labels)?),
    },
    ReportFormat {
        name: "ics",
        template: None,
        pdf: false,
        render: |i| Ok(export::to_ics(i.selection, i.options.lang, i.labels, i.uid_domain).into_bytes()),
    },
    ReportFormat {
        name: "json",
        template: None,
        pdf: false,
        render: |i| Ok(export::to_json(i.selection)?.into_bytes()),
    },
];

/// The formats of the report that `crbuild` alone writes.
pub fn run_report_formats() -> Vec<&'static ReportFormat> {
    REPORT.iter().filter(|f| f.name != "json").collect()
}

/// Names (any case, spaces around) to rows of a table (every row of a
/// name), each once, in the table's order; an unknown name is an error
/// that lists the known ones.
fn pick<T>(table: &'static [T], name: fn(&T) -> &'static str, names: &[String]) -> Result<Vec<&'static T>, String> {
    let mut chosen = vec![false; table.len()];
    for n in names {
        let n = n.trim().to_ascii_lowercase();
        let mut found = false;
        for (i, f) in table.iter().enumerate() {
            if name(f) == n {
                chosen[i] = true;
                found = true;
            }
        }
        if !found {
            let mut known: Vec<&str> = Vec::new();
            for f in table {
                if !known.contains(&name(f)) {
                    known.push(name(f));
                }
            }
            return Err(format!("unknown format `{n}`; choose among {}", known.join(", ")));
        }
    }
    Ok(table.iter().zip(chosen).filter(|(_, c)| *c).map(|(f, _)| f).collect())
}

/// The formats of the minutes named on the command line.
pub fn minutes(names: &[String]) -> Result<Vec<&'static MinutesFormat>, String> {
    pick(&MINUTES, |f| f.name, names)
}

/// The formats of the report named on the command line.
pub fn report(names: &[String]) -> Result<Vec<&'static ReportFormat>, String> {
    pick(&REPORT, |f| f.name, names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_pick_rows_once_in_table_order() {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let got: Vec<&str> = minutes(&names(&["JSON", " html", "json"]))
            .unwrap()
            .iter()
            .map(|f| f.extension)
            .collect();
        assert_eq!(got, ["html", "json", "liste.html"]);
        assert_eq!(
            report(&names(&["xls"])).unwrap_err(),
            "unknown format `xls`; choose among html, pdf, csv, ics, json"
        );
        assert_eq!(
            run_report_formats().iter().map(|f| f.name).collect::<Vec<_>>(),
            ["html", "pdf", "csv", "ics"]
        );
    }
}

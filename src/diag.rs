//! Diagnostics: errors and warnings that point at a place in a note, printed
//! like a compiler does (`path:line:col`, the source line, a caret, a hint).

use std::fmt;
use std::ops::Range;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Severity {
    /// Stops the note's output; the run exits with code 1.
    Error,
    /// Reported, never blocks an output.
    Warning,
}

/// A note's text, normalised (BOM removed, CRLF turned into LF), with the
/// index needed to turn byte offsets into lines and columns.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as given by the user.
    pub path: String,
    /// The normalised text.
    pub text: String,
    line_starts: Vec<usize>,
}

impl Source {
    /// Wraps a note's text, removing a leading BOM, turning CRLF into LF
    /// (which keeps every line number and column as the author sees them)
    /// and composing it to NFC, so that a decomposed `é` reads as `é`.
    pub fn new(path: impl Into<String>, text: &str) -> Source {
        use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text = if text.contains('\r') {
            text.replace("\r\n", "\n")
        } else {
            text.to_string()
        };
        let text = match is_nfc_quick(text.chars()) {
            IsNormalized::Yes => text,
            _ => text.nfc().collect(),
        };
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self.line_starts.get(line).map_or(self.text.len(), |&e| e - 1);
        self.text.get(start..end).unwrap_or("")
    }
}

/// One error or warning (kept in the build manifest to be printed again
/// by a replayed build, `build::replay`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Path of the note (or config file).
    pub path: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// One line saying what is wrong.
    pub message: String,
    /// The source line shown under the message.
    pub source_line: Option<String>,
    /// How many characters the caret underlines.
    pub width: usize,
    /// What to do about it.
    pub hint: Option<String>,
    /// Another place the problem involves, e.g. the first definition of a duplicate id.
    pub note: Option<String>,
}

impl Diagnostic {
    /// A diagnostic pointing at a byte range of a source.
    pub fn at(source: &Source, span: Range<usize>, severity: Severity, message: impl Into<String>) -> Diagnostic {
        let (line, column) = source.line_col(span.start);
        let line_text = source.line_text(line);
        let (end_line, end_col) = source.line_col(span.end);
        let width = if end_line == line && end_col > column {
            end_col - column
        } else {
            line_text.chars().count().saturating_sub(column - 1).max(1)
        };
        Diagnostic {
            severity,
            path: source.path.clone(),
            line,
            column,
            message: message.into(),
            source_line: Some(line_text.to_string()),
            width,
            hint: None,
            note: None,
        }
    }

    /// An error at a byte range.
    pub fn error(source: &Source, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(source, span, Severity::Error, message)
    }

    /// A warning at a byte range.
    pub fn warning(source: &Source, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(source, span, Severity::Warning, message)
    }

    /// An error about a whole file (unreadable, not a note…).
    pub fn file_error(path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: 0,
            column: 0,
            message: message.into(),
            source_line: None,
            width: 0,
            hint: None,
            note: None,
        }
    }

    /// A warning about a whole file.
    pub fn file_warning(path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::file_error(path, message)
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a note naming another place.
    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.note = Some(note.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col` (or just `path` for a whole-file problem).
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.path.clone()
        } else {
            format!("{}:{}:{}", self.path, self.line, self.column)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{}: {kind}: {}", self.location(), self.message)?;
        if let Some(src) = &self.source_line {
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            // Tabs would shift the caret; show them as one space, as the column counts them.
            let shown: String = src.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
            writeln!(f, "{pad} |")?;
            writeln!(f, "{num} | {shown}")?;
            let caret = format!("{}{}", " ".repeat(self.column - 1), "^".repeat(self.width.max(1)));
            writeln!(f, "{pad} | {caret}")?;
        }
        if let Some(note) = &self.note {
            writeln!(f, "  = note: {note}")?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {hint}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let s = Source::new("n.md", "+++\ntitle = \"é\"\nx\n");
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(4), (2, 1));
        // after `title = "é` (é is two bytes)
        let off = s.text.find("\"\n").unwrap();
        assert_eq!(s.line_col(off), (2, 11));
        assert_eq!(s.line_text(2), "title = \"é\"");
        assert_eq!(s.line_text(9), "");
    }

    #[test]
    fn crlf_and_bom_are_normalised() {
        let s = Source::new("n.md", "\u{feff}a\r\nb\r\n");
        assert_eq!(s.text, "a\nb\n");
        assert_eq!(s.line_col(2), (2, 1));
    }

    #[test]
    fn display_has_location_source_caret_and_hint() {
        let s = Source::new("notes/a.md", "+++\nattachmnts = []\n+++\n");
        let d = Diagnostic::error(&s, 4..14, "unknown key `attachmnts`").with_hint("did you mean `attachments`?");
        assert_eq!(
            d.to_string(),
            "notes/a.md:2:1: error: unknown key `attachmnts`\n  |\n2 | attachmnts = []\n  | ^^^^^^^^^^\n  = hint: did you mean `attachments`?\n"
        );
    }
}

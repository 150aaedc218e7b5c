//! Stage 5: the PDF. Print markup (what the `*.pdf.xml` templates render)
//! is laid out into pages of positioned boxes ([`layout`]), which the
//! writer turns into PDF bytes ([`pdf`]), in the font family given
//! ([`fonts`]).

pub mod fonts;
pub mod layout;
pub mod pdf;

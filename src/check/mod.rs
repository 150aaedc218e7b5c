//! Stage 2: checks over compiled meetings that one note alone cannot make,
//! or that only `crbuild check` asks for: follow-up ids unique in a series
//! ([`ids`]), and the follow-up lint ([`lint`]).

pub mod ids;
pub mod lint;

//! Stage 2: checks over compiled meetings that one note alone cannot make,
//! or that only `crbuild check` asks for: follow-up ids unique in a series
//! ([`ids`]), the follow-up lint ([`lint`]), and a council's members
//! represented at too many sessions in a row ([`proxies`]).

pub mod ids;
pub mod lint;
pub mod proxies;

//! Due-date reading: any text after `échéance :`, from any meeting day.
//! Besides not crashing, a form read must lie inside the text, and a form
//! without a year never resolves before the meeting.
#![no_main]

use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&day, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let base = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default();
    let meeting = base + Days::new(u64::from(day) * 17);
    if let Some((len, _due)) = crbuild::note::due_date::parse_due_date(text, meeting) {
        assert!(len <= text.len() && text.is_char_boundary(len));
    }
    let extent = crbuild::note::due_date::unreadable_extent(text);
    assert!(extent <= text.len() && text.is_char_boundary(extent));
});

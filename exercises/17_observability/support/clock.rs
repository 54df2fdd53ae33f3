//! The time for structured1's logger: a `Clock` trait, the real `SystemClock`, a
//! `FixedClock` for tests, and `rfc3339_millis`, which formats milliseconds since 1970 as
//! `2024-03-09T12:00:00.250Z`. Code that asks a `Clock` instead of the system can be tested
//! with a time that never moves. You don't need to edit it.
#![allow(dead_code)]

use std::time::{SystemTime, UNIX_EPOCH};

pub trait Clock {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    fn now_unix_millis(&self) -> u64;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now_unix_millis(&self) -> u64 {
        let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH);
        since_epoch.expect("the clock is before 1970").as_millis() as u64
    }
}

/// A clock that always says the same time.
pub struct FixedClock(pub u64);

impl Clock for FixedClock {
    fn now_unix_millis(&self) -> u64 {
        self.0
    }
}

/// Formats milliseconds since 1970 as an RFC 3339 UTC timestamp: `2024-03-09T12:00:00.250Z`.
pub fn rfc3339_millis(unix_millis: u64) -> String {
    let secs = unix_millis / 1000;
    let millis = unix_millis % 1000;
    let days = (secs / 86_400) as i64;
    let secs_of_day = secs % 86_400;
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        secs_of_day / 3600,
        secs_of_day % 3600 / 60,
        secs_of_day % 60
    )
}

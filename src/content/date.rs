//! Publication dates: `2022-02-01`, `2022-02-01T10:00:00Z`, `2022-02-01T10:00:00+02:00`.

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::fmt::temporal::Pieces;
use jiff::tz::Offset;

/// A date as the editor wrote it: the instant, and the offset to show it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PubDate {
    pub instant: Timestamp,
    pub offset: Offset,
    /// False for a bare date, which is shown without a time.
    pub has_time: bool,
}

impl PubDate {
    pub fn parse(text: &str) -> Result<PubDate, String> {
        let text = text.trim();
        let pieces = Pieces::parse(text).map_err(|e| format!("`{text}` is not a date: {e}"))?;
        let date: Date = pieces.date();
        let time: Option<Time> = pieces.time();
        let offset = pieces.to_numeric_offset().unwrap_or(Offset::UTC);
        let civil = date.to_datetime(time.unwrap_or(Time::midnight()));
        let instant = offset
            .to_timestamp(civil)
            .map_err(|e| format!("`{text}` is out of range: {e}"))?;
        Ok(PubDate {
            instant,
            offset,
            has_time: time.is_some(),
        })
    }

    /// The calendar date in the writer's offset.
    pub fn civil_date(&self) -> Date {
        self.offset.to_datetime(self.instant).date()
    }

    /// `2022-02-01`
    pub fn iso_date(&self) -> String {
        let date = self.civil_date();
        format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
    }

    /// RFC 3339 with the writer's offset, for feeds and `<time datetime>`.
    pub fn rfc3339(&self) -> String {
        // Written by hand: strftime parses its pattern on every call, and feeds call this often.
        let civil = self.offset.to_datetime(self.instant);
        let mut out = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            civil.year(),
            civil.month(),
            civil.day(),
            civil.hour(),
            civil.minute(),
            civil.second()
        );
        let seconds = self.offset.seconds();
        if seconds == 0 {
            out.push('Z');
        } else {
            let sign = if seconds < 0 { '-' } else { '+' };
            let minutes = seconds.unsigned_abs() / 60;
            out.push_str(&format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60));
        }
        out
    }

    /// `1 February 2022`, as readers see it.
    pub fn human(&self) -> String {
        let date = self.civil_date();
        let month = MONTH_NAMES[usize::try_from(date.month() - 1).unwrap_or(0) % 12];
        format!("{} {month} {}", date.day(), date.year())
    }
}

/// The months' English names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_times_and_offsets() {
        let d = PubDate::parse("2022-02-01").unwrap();
        assert!(!d.has_time);
        assert_eq!(d.rfc3339(), "2022-02-01T00:00:00Z");
        assert_eq!(d.human(), "1 February 2022");

        let d = PubDate::parse("2022-02-01T10:00:00Z").unwrap();
        assert_eq!(d.rfc3339(), "2022-02-01T10:00:00Z");

        let d = PubDate::parse("2022-02-01T23:30:00-05:00").unwrap();
        assert_eq!(d.iso_date(), "2022-02-01");
        assert_eq!(d.rfc3339(), "2022-02-01T23:30:00-05:00");
        assert_eq!(
            PubDate::parse("0999-12-09T05:06:07+05:45")
                .unwrap()
                .rfc3339(),
            "0999-12-09T05:06:07+05:45"
        );
        assert_eq!(
            PubDate::parse("2019-12-31").unwrap().human(),
            "31 December 2019"
        );
        assert!(d.instant > PubDate::parse("2022-02-02T01:00:00Z").unwrap().instant);
    }

    #[test]
    fn rejects_non_dates() {
        assert!(PubDate::parse("yesterday").is_err());
        assert!(PubDate::parse("2022-13-01").is_err());
    }
}

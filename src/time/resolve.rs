//! Normalisation functions: turn a rule's captures into a TIMEX3 value and an interval.
//! Rules name these in their `resolve` field.

use chrono::{Datelike, NaiveDate, Weekday};
use regex::Captures;

use super::interval::{add_days, add_months, quarter_of_month, weekday_from, DateInterval, Unit};
use super::tense::Tense;
use super::TimexType;
use crate::model::Precision;
use crate::rules::Lexicon;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolver {
    Calendar,
    Weekday,
    Deictic,
    ThisUnit,
    ShiftedUnit,
    Ago,
    Duration,
    Reference,
    Quarter,
    Half,
    YearAgo,
    Season,
    Decade,
    Century,
    PartOfDay,
    Clock,
    Set,
    Holiday,
    YearWords,
    /// "3:07:35" measured: PT3H7M35S.
    ClockDuration,
    /// The second year of a range ("58" of "1957-58"), in the first one's century.
    YearRangeEnd,
    /// The last day of a range in one month ("30" of "October 25–30"), in the first's month.
    DayRangeEnd,
    Anchored,
    AnchoredUnit,
    /// "The day before the vote": a unit told from what follows the signal word, an event
    /// (no date) or a date (then counted from it, see [`signalled_from`]).
    Signalled,
    ThisTimeLastYear,
    Weekend,
    /// Text that looks like a time but is not one.
    None,
}

impl Resolver {
    pub fn parse(name: &str) -> Option<Resolver> {
        Some(match name {
            "calendar" => Resolver::Calendar,
            "weekday" => Resolver::Weekday,
            "deictic" => Resolver::Deictic,
            "this_unit" => Resolver::ThisUnit,
            "shifted_unit" => Resolver::ShiftedUnit,
            "ago" => Resolver::Ago,
            "duration" => Resolver::Duration,
            "reference" => Resolver::Reference,
            "quarter" => Resolver::Quarter,
            "half" => Resolver::Half,
            "year_ago" => Resolver::YearAgo,
            "season" => Resolver::Season,
            "decade" => Resolver::Decade,
            "century" => Resolver::Century,
            "part_of_day" => Resolver::PartOfDay,
            "clock" => Resolver::Clock,
            "set" => Resolver::Set,
            "holiday" => Resolver::Holiday,
            "anchored" => Resolver::Anchored,
            "anchored_unit" => Resolver::AnchoredUnit,
            "signalled" => Resolver::Signalled,
            "this_time_last_year" => Resolver::ThisTimeLastYear,
            "year_words" => Resolver::YearWords,
            "year_range_end" => Resolver::YearRangeEnd,
            "day_range_end" => Resolver::DayRangeEnd,
            "clock_duration" => Resolver::ClockDuration,
            "weekend" => Resolver::Weekend,
            "none" => Resolver::None,
            _ => return None,
        })
    }

    /// Whether the result is told relative to another date ("a year earlier").
    pub fn is_relative_to_anchor(self) -> bool {
        matches!(
            self,
            Resolver::Ago
                | Resolver::YearAgo
                | Resolver::Anchored
                | Resolver::AnchoredUnit
                | Resolver::Signalled
                | Resolver::YearRangeEnd
                | Resolver::DayRangeEnd
        )
    }

    /// Whether the result depends on the tense around the expression.
    pub fn needs_tense(self) -> bool {
        matches!(
            self,
            Resolver::Calendar
                | Resolver::Weekday
                | Resolver::Quarter
                | Resolver::Half
                | Resolver::Season
                | Resolver::PartOfDay
                | Resolver::Holiday
                | Resolver::Weekend
                | Resolver::Clock
        )
    }
}

/// What a resolver found.
pub struct Resolved {
    pub kind: TimexType,
    pub value: String,
    pub modifier: Option<String>,
    pub interval: Option<DateInterval>,
}

impl Resolved {
    fn date(interval: DateInterval, modifier: Option<String>) -> Resolved {
        Resolved {
            kind: TimexType::Date,
            value: interval.value.clone(),
            modifier,
            interval: Some(interval),
        }
    }

    /// A time of day on `day`: `suffix` is what follows the "T" ("15:00", "MO").
    fn time(day: NaiveDate, suffix: &str) -> Resolved {
        Resolved {
            kind: TimexType::Time,
            value: format!("{}T{suffix}", day.format("%Y-%m-%d")),
            modifier: None,
            interval: Some(DateInterval::day(day)),
        }
    }

    fn value(kind: TimexType, value: String) -> Resolved {
        Resolved {
            kind,
            value,
            modifier: None,
            interval: None,
        }
    }
}

/// Everything a resolver may read.
pub struct Context<'a> {
    pub lexicon: &'a Lexicon,
    pub reference: NaiveDate,
    pub tense: Tense,
    /// The last date the text mentioned before this expression.
    pub anchor: Option<&'a DateInterval>,
    /// The first quarter the text mentioned: the period a results story is about.
    pub story_quarter: Option<&'a DateInterval>,
}

impl Context<'_> {
    /// The last mentioned date if it is fine enough to count `unit`s from: "two days later"
    /// after "in 1949" is not January 3, 1949 (nor any day the text gives), so such counts
    /// fall back to the reference date.
    fn fine_anchor(&self, unit: Unit) -> Option<&DateInterval> {
        self.anchor.filter(|a| a.precision <= unit.precision())
    }

    /// The last day the text named, else the reference date: what "at 10 p.m.", "in the
    /// morning" or "the previous Friday" count from.
    fn anchor_day(&self) -> NaiveDate {
        self.anchor
            .filter(|a| a.precision == Precision::Day)
            .map_or(self.reference, |a| a.start)
    }

    /// The last mentioned date when it is coarser than `unit`.
    fn coarse_anchor(&self, unit: Unit) -> Option<&DateInterval> {
        self.anchor.filter(|a| a.precision > unit.precision())
    }

    /// The quarter that "the quarter", "the 1989 period" or "a year ago" refer back to: a
    /// results story keeps returning to its own quarter even after naming another ("after a
    /// flat second quarter … the year-earlier period" is the third quarter's).
    fn quarter_anchor(&self) -> Option<&DateInterval> {
        self.story_quarter
            .or(self.anchor.filter(|a| a.precision == Precision::Quarter))
    }
}

pub fn resolve(resolver: Resolver, caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let expr = caps.name("expr").map_or(&caps[0], |m| m.as_str());
    let part = caps.name("part").map_or(expr, |m| m.as_str());
    let part_modifier = caps.name("part").and_then(|p| part_of_period(p.as_str(), ctx));
    match resolver {
        Resolver::Calendar => calendar(caps, ctx, part_of_period(part, ctx)),
        // "Early Tuesday", "late yesterday": the day, with the part as its `mod`.
        Resolver::Weekday => weekday(caps, ctx).map(|d| Resolved::date(DateInterval::day(d), part_modifier)),
        Resolver::Deictic => deictic(caps, ctx, part_modifier),
        Resolver::ThisUnit => this_unit(caps, ctx, part_modifier),
        Resolver::ShiftedUnit => shifted_unit(caps, ctx, part_modifier),
        Resolver::Ago => ago(caps, ctx),
        Resolver::Duration => duration(caps, ctx),
        Resolver::Reference => Some(Resolved::value(
            TimexType::Date,
            ctx.lexicon
                .str("reference", caps.name("reference")?.as_str())?
                .to_owned(),
        )),
        Resolver::Quarter => quarter(caps, ctx),
        Resolver::YearAgo => year_ago(caps, ctx),
        Resolver::Season => season(caps, ctx),
        Resolver::Decade => decade(caps, ctx, part),
        Resolver::Half => half(caps, ctx),
        Resolver::Century => century(caps, ctx, part),
        Resolver::PartOfDay => part_of_day(caps, ctx),
        Resolver::Clock => clock(caps, ctx),
        Resolver::Set => set_of(caps, ctx),
        Resolver::Holiday => holiday(caps, ctx),
        Resolver::Anchored => anchored(caps, ctx),
        Resolver::AnchoredUnit => anchored_unit(caps, ctx),
        Resolver::Signalled => signalled(caps, ctx),
        Resolver::ThisTimeLastYear => this_time_last_year(ctx),
        Resolver::ClockDuration => clock_duration(caps),
        Resolver::YearRangeEnd => year_range_end(caps, ctx),
        Resolver::DayRangeEnd => day_range_end(caps, ctx),
        Resolver::YearWords => Some(Resolved::date(DateInterval::year(year(caps, ctx)? as i32)?, None)),
        Resolver::Weekend => weekend_of(ctx),
        Resolver::None => None,
    }
}

/// "Yesterday", "tomorrow": days from the reference date.
fn deictic(caps: &Captures, ctx: &Context, part_modifier: Option<String>) -> Option<Resolved> {
    let offset = ctx.lexicon.int("deictic", caps.name("deictic")?.as_str())?;
    Some(Resolved::date(
        DateInterval::day(ctx.reference + chrono::Duration::days(offset)),
        part_modifier,
    ))
}

/// "Later this year" is the rest of it, "earlier this month" the part gone by; the
/// TIMEX3 value stays the whole unit.
fn this_unit(caps: &Captures, ctx: &Context, part_modifier: Option<String>) -> Option<Resolved> {
    let mut interval = DateInterval::unit_containing(ctx.reference, unit(caps, ctx)?, 0)?;
    let first_word = caps[0].split_whitespace().next().unwrap_or("");
    match ctx.lexicon.int("direction", first_word).map(i64::signum) {
        Some(1) => interval.start = interval.start.max(ctx.reference),
        Some(-1) => interval.end = interval.end.min(ctx.reference),
        _ => {}
    }
    let modifier = part_modifier;
    Some(Resolved::date(interval, modifier))
}

/// "The coming days" is no particular day: only a singular unit is shifted.
fn shifted_unit(caps: &Captures, ctx: &Context, part_modifier: Option<String>) -> Option<Resolved> {
    if caps.name("unit")?.as_str().ends_with('s') {
        return None;
    }
    let shift = ctx.lexicon.int("shift", caps.name("shift")?.as_str())?;
    let unit = unit(caps, ctx)?;
    let modifier = part_modifier;
    Some(Resolved::date(
        DateInterval::unit_containing(ctx.reference, unit, shift)?,
        modifier,
    ))
}

/// "The '80s" and "the eighties" are the 1980s.
fn decade(caps: &Captures, ctx: &Context, part: &str) -> Option<Resolved> {
    let decade: i32 = match (caps.name("decade"), caps.name("decade_word")) {
        (Some(digits), _) => digits.as_str().parse().ok()?,
        (None, Some(word)) => 1900 + 10 * ctx.lexicon.int("decade_word", word.as_str())? as i32,
        (None, None) => 1900 + caps.name("decade_short")?.as_str().parse::<i32>().ok()?,
    };
    Some(Resolved::date(
        DateInterval::decade(decade)?,
        part_of_period(part, ctx),
    ))
}

/// "The 20th century" is the 1900s, TIMEX3 "19".
fn century(caps: &Captures, ctx: &Context, part: &str) -> Option<Resolved> {
    let ordinal: i32 = caps.name("century")?.as_str().parse().ok()?;
    let first_day = NaiveDate::from_ymd_opt((ordinal - 1) * 100, 1, 1)?;
    Some(Resolved::date(
        DateInterval::unit_containing(first_day, Unit::Century, 0)?,
        part_of_period(part, ctx),
    ))
}

/// "Daily", "every week", "each Thursday" (XXXX-WXX-4), "every July" (XXXX-07),
/// "every morning" (XXXX-XX-XXTMO), "each summer" (XXXX-SU).
fn set_of(caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let value = if let Some(word) = caps.name("frequency") {
        ctx.lexicon.str("frequency", word.as_str())?.to_owned()
    } else if let Some(weekday) = weekday_number(caps, ctx) {
        // "Tuesday nights": XXXX-WXX-2TNI.
        let part = match caps.name("part_of_day") {
            Some(part) => format!("T{}", ctx.lexicon.str("part_of_day", part.as_str())?),
            None => String::new(),
        };
        format!("XXXX-WXX-{weekday}{part}")
    } else if let Some(month) = caps.name("month") {
        format!("XXXX-{:02}", ctx.lexicon.int("month", month.as_str())?)
    } else if let Some(part) = caps.name("part_of_day") {
        // "Every morning": XXXX-XX-XXTMO.
        format!("XXXX-XX-XXT{}", ctx.lexicon.str("part_of_day", part.as_str())?)
    } else if let Some(season) = caps.name("season") {
        format!("XXXX-{}", ctx.lexicon.str("season", season.as_str())?)
    } else {
        format!("P1{}", ctx.lexicon.str("unit", caps.name("unit")?.as_str())?)
    };
    Some(Resolved::value(TimexType::Set, value))
}

/// "That same day", "the next week": a unit counted from the last date the text gave.
fn anchored_unit(caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let unit = unit(caps, ctx)?;
    let shift = if caps.name("direction").is_some() {
        direction(caps, ctx.lexicon)?
    } else {
        0
    };
    // "That same day" after "in October" is a day of that October, all the text
    // gives; "the next day" after it is no day to count from.
    if let Some(coarse) = ctx.coarse_anchor(unit) {
        if shift == 0 {
            return Some(Resolved::date(coarse.clone(), None));
        }
    }
    let from = ctx.fine_anchor(unit).map_or(ctx.reference, |a| a.start);
    Some(Resolved::date(
        DateInterval::unit_containing(from, unit, shift)?,
        None,
    ))
}

/// Unknown until what follows is read: TIMEX3's unspecified value of the unit.
fn signalled(caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let value = match unit(caps, ctx)? {
        Unit::Week | Unit::Weekend => "XXXX-WXX",
        Unit::Month => "XXXX-XX",
        Unit::Quarter => "XXXX-QX",
        Unit::Year => "XXXX",
        Unit::Decade | Unit::Century => "XXX",
        Unit::Day => "XXXX-XX-XX",
    };
    Some(Resolved::value(TimexType::Date, value.to_owned()))
}

/// "This time last year": the same day a year before the reference date (the month's last
/// day when that month is shorter).
fn this_time_last_year(ctx: &Context) -> Option<Resolved> {
    let (y, m) = (ctx.reference.year() - 1, ctx.reference.month());
    let day = ctx.reference.day().min(DateInterval::month(y, m)?.end.day());
    Some(Resolved::date(
        DateInterval::day(NaiveDate::from_ymd_opt(y, m, day)?),
        None,
    ))
}

/// "3:07:35" measuring a time: PT3H7M35S.
fn clock_duration(caps: &Captures) -> Option<Resolved> {
    let mut value = "PT".to_owned();
    for (group, letter) in [("hours", 'H'), ("minutes", 'M'), ("seconds", 'S')] {
        let n: u32 = caps.name(group)?.as_str().parse().ok()?;
        if n > 0 {
            value.push_str(&format!("{n}{letter}"));
        }
    }
    (value.len() > 2).then(|| Resolved::value(TimexType::Duration, value))
}

/// The second year of a range ("2009-10", "1957-58"); the first year was resolved just
/// before, so it is the anchor.
fn year_range_end(caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let first = ctx
        .anchor
        .filter(|a| a.precision == Precision::Year)?
        .start
        .year();
    let digits = caps.name("year_end")?.as_str();
    let n: i32 = digits.parse().ok()?;
    let mut year = if digits.len() == 4 {
        n
    } else {
        first - first.rem_euclid(100) + n
    };
    if digits.len() == 2 && year < first {
        year += 100;
    }
    // "2010-2005" is no range.
    if year <= first {
        return None;
    }
    Some(Resolved::date(DateInterval::year(year)?, None))
}

/// The last day of a range of days whose first is the date just told ("October 25–30"): a
/// later day of its month.
fn day_range_end(caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let first = ctx.anchor.filter(|a| a.precision == Precision::Day)?.start;
    let day: u32 = caps.name("day_end")?.as_str().parse().ok()?;
    if day <= first.day() {
        return None;
    }
    Some(Resolved::date(DateInterval::day(first.with_day(day)?), None))
}

/// "The weekend": this week's, or last week's when told in the past before it came.
fn weekend_of(ctx: &Context) -> Option<Resolved> {
    let this_week = DateInterval::weekend_of(ctx.reference);
    let interval = if ctx.tense == Tense::Past && this_week.start > ctx.reference {
        DateInterval::weekend_of(ctx.reference - chrono::Duration::weeks(1))
    } else {
        this_week
    };
    Some(Resolved::date(interval, None))
}

/// A holiday by its rule in the lexicon, in the year the tense points to.
fn holiday(caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let rule = ctx.lexicon.str("holiday", caps.name("holiday")?.as_str())?;
    let shift = caps
        .name("shift")
        .and_then(|s| ctx.lexicon.int("shift", s.as_str()));
    let tense = match shift {
        Some(s) if s < 0 => Tense::Past,
        Some(s) if s > 0 => Tense::Future,
        _ => ctx.tense,
    };
    let candidates = (-1..=1).filter_map(|s| holiday_in_year(rule, ctx.reference.year() + s));
    let candidates = candidates.filter(|c| shift.is_none_or(|s| s == 0) || c.start != ctx.reference);
    Some(Resolved::date(pick(candidates, ctx.reference, tense)?, None))
}

/// A holiday of `year` by its lexicon rule: "12-25"; "11-4-4", the fourth Thursday of
/// November; "05-last-1", the last Monday of May; "11-1-1+1", the day after the first Monday
/// of November; "E-2", two days before Easter Sunday; "EW", the week Easter Sunday ends.
fn holiday_in_year(rule: &str, year: i32) -> Option<DateInterval> {
    if let Some(offset) = rule.strip_prefix('E') {
        let sunday = easter_sunday(year)?;
        return Some(match offset {
            "W" => DateInterval::week_of(sunday),
            "" => DateInterval::day(sunday),
            days => DateInterval::day(sunday + chrono::Duration::days(days.parse().ok()?)),
        });
    }
    let parts: Vec<&str> = rule.split('-').collect();
    let month: u32 = parts.first()?.parse().ok()?;
    let day = match parts[1..] {
        [day] => NaiveDate::from_ymd_opt(year, month, day.parse().ok()?)?,
        [nth, weekday] => {
            let (weekday, days_after) = match weekday.split_once('+') {
                Some((weekday, days)) => (weekday, days.parse::<i64>().ok()?),
                None => (weekday, 0),
            };
            let weekday = Weekday::try_from(weekday.parse::<u8>().ok()?.checked_sub(1)?).ok()?;
            let day = if nth == "last" {
                let month_end = DateInterval::month(year, month)?.end;
                weekday_from(month_end, weekday, false, true)
            } else {
                NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth.parse().ok()?)?
            };
            day + chrono::Duration::days(days_after)
        }
        _ => return None,
    };
    Some(DateInterval::day(day))
}

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian computus).
fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// The words of an expression (the lexicon's lists ignore case).
fn words_of(expr: &str) -> impl Iterator<Item = &str> {
    expr.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// TIMEX3 `mod` for "early March", "mid-2024", "late last year".
/// The TIMEX3 `mod` of the part of a period that `expr` begins with ("early March", "the
/// end of 1990", "mid-2024"), from the lexicon's `period_part`.
fn part_of_period(expr: &str, ctx: &Context) -> Option<String> {
    let mut words = expr.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty());
    let first = words.next()?;
    let word = if ctx.lexicon.value("period_part_determiner", first).is_some() {
        words.next()?
    } else {
        first
    };
    ctx.lexicon.str("period_part", word).map(str::to_owned)
}

fn number(caps: &Captures, name: &str, list: &str, ctx: &Context) -> Option<i64> {
    let text = caps.name(name)?.as_str();
    text.parse().ok().or_else(|| ctx.lexicon.int(list, text))
}

/// The year a rule captured: digits ("1994"), or words ("nineteen ninety-four", "two
/// thousand and one").
fn year(caps: &Captures, ctx: &Context) -> Option<i64> {
    if caps.name("year").is_some() {
        return number(caps, "year", "year", ctx);
    }
    let units = caps
        .name("units_word")
        .map_or(Some(0), |u| ctx.lexicon.int("units_word", u.as_str()))?;
    match caps.name("century_word") {
        Some(century) => Some(
            ctx.lexicon.int("century_word", century.as_str())? * 100
                + ctx.lexicon.int("tens_word", caps.name("tens_word")?.as_str())?
                + units,
        ),
        None if caps.name("thousand").is_some() => Some(2000 + units),
        None => None,
    }
}

/// How many: digits, a number word, or `None` for a vague count ("a few", "several").
enum Count {
    Exact(f64),
    Vague,
}

fn count(caps: &Captures, ctx: &Context) -> Option<Count> {
    if caps.name("count").is_none() && caps.name("number").is_none() {
        // A named unit is one of it ("the year ended June 30"); a bare plural is vague
        // ("for years").
        return Some(if caps.name("unit").is_some() {
            Count::Exact(1.0)
        } else {
            Count::Vague
        });
    }
    if let Some(digits) = caps.name("count") {
        // "2,000 years": thousands separators are not part of the number.
        let text = digits.as_str().replace(',', "");
        return match text.split_once(char::is_whitespace) {
            Some((whole, "1/2")) => whole.parse::<f64>().ok().map(|w| Count::Exact(w + 0.5)),
            _ => text.parse().ok().map(Count::Exact),
        };
    }
    let words = caps.name("number")?.as_str();
    if ctx.lexicon.str("number", words) == Some("X") {
        return Some(Count::Vague);
    }
    let whole = ctx.lexicon.int("number", words)? as f64;
    let half = caps[0].to_lowercase().contains("and a half");
    Some(Count::Exact(if half { whole + 0.5 } else { whole }))
}

fn unit(caps: &Captures, ctx: &Context) -> Option<Unit> {
    unit_in(caps, ctx.lexicon)
}

fn unit_in(caps: &Captures, lexicon: &Lexicon) -> Option<Unit> {
    Unit::from_timex(lexicon.str("unit", caps.name("unit")?.as_str())?)
}

fn calendar(caps: &Captures, ctx: &Context, modifier: Option<String>) -> Option<Resolved> {
    let year = year(caps, ctx).map(|y| y as i32);
    let month = number(caps, "month", "month", ctx).map(|m| m as u32);
    let day = number(caps, "day", "day", ctx).map(|d| d as u32);
    let shift = caps
        .name("shift")
        .and_then(|s| ctx.lexicon.int("shift", s.as_str()));
    let interval = match (year, month, day) {
        (Some(y), Some(m), Some(d)) => DateInterval::day(NaiveDate::from_ymd_opt(y, m, d)?),
        (None, Some(m), Some(d)) => {
            let candidates = (-1..=1).filter_map(|shift| {
                NaiveDate::from_ymd_opt(ctx.reference.year() + shift, m, d).map(DateInterval::day)
            });
            pick_by_shift(candidates, ctx, shift)?
        }
        (Some(y), Some(m), None) => DateInterval::month(y, m)?,
        (None, Some(m), None) if caps.name("year_shift").is_some() => {
            let shift = ctx.lexicon.int("shift", caps.name("year_shift")?.as_str())?;
            DateInterval::month(ctx.reference.year() + shift as i32, m)?
        }
        // "This September" is September of the reference year, whichever way it lies.
        (None, Some(m), None) if shift == Some(0) => DateInterval::month(ctx.reference.year(), m)?,
        (None, Some(m), None) => {
            let candidates =
                (-1..=1).filter_map(|shift| DateInterval::month(ctx.reference.year() + shift, m));
            pick_by_shift(candidates, ctx, shift)?
        }
        (Some(y), None, None) => DateInterval::year(y)?,
        _ => return None,
    };
    // "The week of March 6" is that day's ISO week.
    let interval = if caps.name("week_of").is_some() {
        DateInterval::week_of(interval.start)
    } else {
        interval
    };
    Some(Resolved::date(interval, modifier))
}

/// A day or month without a year: "last March", "next Oct. 23" lie strictly before or after
/// the reference date, never in the one it is in; otherwise the tense decides, within reach.
fn pick_by_shift(
    candidates: impl Iterator<Item = DateInterval>,
    ctx: &Context,
    shift: Option<i64>,
) -> Option<DateInterval> {
    match shift {
        Some(s) if s != 0 => {
            let tense = if s < 0 { Tense::Past } else { Tense::Future };
            pick(
                candidates.filter(|c| !c.contains(ctx.reference)),
                ctx.reference,
                tense,
            )
        }
        _ => pick_within_reach(candidates, ctx.reference, ctx.tense),
    }
}

/// How far from the reference date a day or month without a year may be put by tense alone.
const FAR_DAYS: i64 = 300;

/// The period the tense points to, unless that puts it most of a year away while the same
/// period the other way is near: "payable Jan. 14", "gave it until mid-November" (in late
/// October) are weeks ahead, not a year back.
fn pick_within_reach(
    candidates: impl Iterator<Item = DateInterval>,
    reference: NaiveDate,
    tense: Tense,
) -> Option<DateInterval> {
    let candidates: Vec<DateInterval> = candidates.collect();
    match pick(candidates.iter().cloned(), reference, tense) {
        Some(period) if distance(&period, reference) <= FAR_DAYS => Some(period),
        _ => pick(candidates.into_iter(), reference, Tense::Unknown),
    }
}

/// Of the same calendar period in neighbouring years, the one the tense points to: the
/// latest that has begun for the past, the earliest that has not ended for the future, else
/// the one nearest the reference date.
fn pick(
    candidates: impl Iterator<Item = DateInterval>,
    reference: NaiveDate,
    tense: Tense,
) -> Option<DateInterval> {
    let candidates: Vec<DateInterval> = candidates.collect();
    match tense {
        Tense::Past => candidates.into_iter().rfind(|c| c.start <= reference),
        Tense::Future => candidates.into_iter().find(|c| c.end >= reference),
        Tense::Unknown => candidates.into_iter().min_by_key(|c| distance(c, reference)),
    }
}

/// Days from `reference` to the nearest day of `period`.
fn distance(period: &DateInterval, reference: NaiveDate) -> i64 {
    if period.contains(reference) {
        0
    } else {
        (period.start - reference)
            .num_days()
            .abs()
            .min((period.end - reference).num_days().abs())
    }
}

/// The number (1 Monday to 7 Sunday) of the weekday a pattern captured, written out or
/// abbreviated.
fn weekday_number(caps: &Captures, ctx: &Context) -> Option<i64> {
    ["weekday", "weekday_abbreviation"]
        .into_iter()
        .find_map(|list| ctx.lexicon.int(list, caps.name(list)?.as_str()))
}

fn weekday(caps: &Captures, ctx: &Context) -> Option<NaiveDate> {
    let number = weekday_number(caps, ctx)?;
    let target = Weekday::try_from(u8::try_from(number - 1).ok()?).ok()?;
    let shift_word = caps.name("shift").map(|s| s.as_str().to_lowercase());
    let shift = shift_word.as_deref().and_then(|s| ctx.lexicon.int("shift", s));
    // "Last Friday" counts from the reference date; "the previous Friday" from the day the
    // text was just telling about.
    let from = match shift_word.as_deref() {
        Some(word) if ctx.lexicon.value("shift_from_told_day", word).is_some() => ctx.anchor_day(),
        _ => ctx.reference,
    };
    Some(match shift {
        Some(0) => {
            let week = DateInterval::week_of(ctx.reference);
            week.start + chrono::Duration::days(target.num_days_from_monday() as i64)
        }
        Some(s) if s < 0 => weekday_from(from, target, false, false),
        Some(_) => weekday_from(from, target, true, false),
        // "Wednesday's ruling" is a thing done: possessive weekdays look back.
        None if caps.name("possessive").is_some() => weekday_from(ctx.reference, target, false, true),
        None => weekday_from(ctx.reference, target, ctx.tense == Tense::Future, true),
    })
}

fn ago(caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let unit = unit(caps, ctx)?;
    let Count::Exact(count) = count(caps, ctx)? else {
        return Some(Resolved::value(TimexType::Date, "PAST_REF".to_owned()));
    };
    if count.fract() != 0.0 {
        return None;
    }
    let sign = -1;
    // "A year ago" after "the third quarter" is that quarter a year before.
    if unit == Unit::Year {
        if let Some(anchor) = ctx.quarter_anchor() {
            return Some(Resolved::date(
                shift_quarter(anchor, (sign * count as i64).checked_mul(4)?)?,
                None,
            ));
        }
    }
    Some(Resolved::date(
        DateInterval::unit_containing(ctx.reference, unit, sign * count as i64)?,
        None,
    ))
}

/// "A year earlier", "two days later": the last mentioned date moved by the count, kept at
/// its own grain; the reference date's unit when nothing was mentioned.
fn anchored(caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let unit = unit(caps, ctx)?;
    let Count::Exact(count) = count(caps, ctx)? else {
        return Some(Resolved::value(TimexType::Date, "PAST_REF".to_owned()));
    };
    if count.fract() != 0.0 {
        return None;
    }
    let n = direction(caps, ctx.lexicon)?.signum() * count as i64;
    let Some(anchor) = ctx.fine_anchor(unit) else {
        return Some(Resolved::date(
            DateInterval::unit_containing(ctx.reference, unit, n)?,
            None,
        ));
    };
    let moved = match (anchor.precision, unit) {
        (Precision::Quarter, Unit::Year) => shift_quarter(anchor, n.checked_mul(4)?)?,
        (Precision::Quarter, Unit::Quarter) => shift_quarter(anchor, n)?,
        (Precision::Day, Unit::Day) => DateInterval::day(add_days(anchor.start, n)?),
        (Precision::Day, Unit::Week) => DateInterval::day(add_days(anchor.start, n.checked_mul(7)?)?),
        (Precision::Day, Unit::Month | Unit::Year) => {
            let months = if unit == Unit::Year { n.checked_mul(12)? } else { n };
            let (y, m) = add_months(anchor.start.year(), anchor.start.month(), months)?;
            let day = anchor.start.day().min(DateInterval::month(y, m)?.end.day());
            DateInterval::day(NaiveDate::from_ymd_opt(y, m, day)?)
        }
        _ => DateInterval::unit_containing(anchor.start, unit, n)?,
    };
    Some(Resolved::date(moved, None))
}

/// The way a `direction` word counts: +1 ("after", "later", "next"), -1 ("before").
fn direction(caps: &Captures, lexicon: &Lexicon) -> Option<i64> {
    lexicon.int("direction", caps.name("direction")?.as_str())
}

/// The unit and direction of a [`Resolver::Signalled`] expression ("the week after": a
/// week, +1), to count from the date that follows its signal word.
pub fn signal(caps: &Captures, lexicon: &Lexicon) -> Option<(Unit, i64)> {
    Some((unit_in(caps, lexicon)?, direction(caps, lexicon)?))
}

fn shift_quarter(quarter: &DateInterval, quarters: i64) -> Option<DateInterval> {
    let (year, month) = add_months(
        quarter.start.year(),
        quarter.start.month(),
        quarters.checked_mul(3)?,
    )?;
    DateInterval::quarter(year, quarter_of_month(month))
}

/// "The third quarter": of the reference year, or the year before when that quarter has
/// not begun and the text speaks of the past. "The quarter": the last quarter mentioned,
/// else the one before the reference date (the quarter a report is about).
fn quarter(caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let interval = match number(caps, "ordinal", "ordinal", ctx) {
        Some(n) => part_of_year(caps, ctx, |year| DateInterval::quarter(year, n as u32))?,
        None if caps.name("year").is_some() => {
            // "The 1988 period" after "the third quarter": that quarter of 1988.
            let year = year(caps, ctx)? as i32;
            match ctx.quarter_anchor() {
                Some(anchor) => DateInterval::quarter(year, anchor.start.month0() / 3 + 1)?,
                None => DateInterval::year(year)?,
            }
        }
        None => {
            // "The current quarter" is the one the reference date is in, "the latest quarter"
            // the one before it, whatever quarter the story was telling of.
            let named = words_of(&caps[0]).find_map(|w| ctx.lexicon.int("quarter_from_reference", w));
            match (named, ctx.quarter_anchor()) {
                (Some(shift), _) => DateInterval::unit_containing(ctx.reference, Unit::Quarter, shift)?,
                (None, Some(anchor)) => anchor.clone(),
                (None, None) => DateInterval::unit_containing(ctx.reference, Unit::Quarter, -1)?,
            }
        }
    };
    Some(Resolved::date(interval, None))
}

/// "The first half of 1990", "the second half of last year", "the first half".
fn half(caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let half = ctx.lexicon.int("half", caps.name("half")?.as_str())? as u32;
    let interval = part_of_year(caps, ctx, |year| DateInterval::half(year, half))?;
    Some(Resolved::date(interval, None))
}

/// A quarter or half of a year: of the year the text gives ("of 1990"), or shifts to ("last
/// year's"), else of the reference year, or the year before if that part is still to come
/// and the text does not look ahead ("the third quarter" in March is last year's).
fn part_of_year(
    caps: &Captures,
    ctx: &Context,
    part: impl Fn(i32) -> Option<DateInterval>,
) -> Option<DateInterval> {
    let year_shift = caps
        .name("shift")
        .and_then(|s| ctx.lexicon.int("shift", s.as_str()));
    match (year(caps, ctx), year_shift) {
        (Some(year), _) => part(year as i32),
        (None, Some(shift)) => part(ctx.reference.year() + shift as i32),
        (None, None) => {
            let this_year = part(ctx.reference.year())?;
            if this_year.start > ctx.reference && ctx.tense != Tense::Future {
                part(ctx.reference.year() - 1)
            } else {
                Some(this_year)
            }
        }
    }
}

/// "Year-earlier", "the year-ago quarter": the anchor's quarter a year before, else the
/// year before the reference date.
fn year_ago(caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let interval = match (number(caps, "ordinal", "ordinal", ctx), ctx.quarter_anchor()) {
        (Some(n), _) => DateInterval::quarter(ctx.reference.year() - 1, n as u32)?,
        (None, Some(anchor)) => shift_quarter(anchor, -4)?,
        _ => DateInterval::year(ctx.reference.year() - 1)?,
    };
    Some(Resolved::date(interval, None))
}

fn season(caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let code = ctx.lexicon.str("season", caps.name("season")?.as_str())?;
    let interval = match year(caps, ctx) {
        Some(year) => DateInterval::season(year as i32, code)?,
        None => {
            let shift = caps.name("shift").map(|s| ctx.lexicon.int("shift", s.as_str()));
            let tense = match shift {
                Some(Some(s)) if s < 0 => Tense::Past,
                Some(Some(s)) if s > 0 => Tense::Future,
                Some(_) => Tense::Unknown,
                None => ctx.tense,
            };
            let year = ctx.reference.year();
            let candidates = (-1..=1).filter_map(|s| DateInterval::season(year + s, code));
            let strict = shift.is_some() && tense != Tense::Unknown;
            let candidates: Vec<DateInterval> = candidates
                .filter(|c| !(strict && c.contains(ctx.reference)))
                .collect();
            pick(candidates.into_iter(), ctx.reference, tense)?
        }
    };
    Some(Resolved::date(interval, None))
}

fn part_of_day(caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let code = ctx
        .lexicon
        .str("part_of_day", caps.name("part_of_day")?.as_str())?;
    let word = caps.name("deictic").map(|d| d.as_str().to_lowercase());
    if weekday_number(caps, ctx).is_some() {
        // "Sunday night" is dated by its day: TimeML's annotators mostly did so.
        return Some(Resolved::date(DateInterval::day(weekday(caps, ctx)?), None));
    }
    let day = match word.as_deref() {
        // "Yesterday morning"; "last night" is the night before (a backward shift word).
        Some(word) => {
            let days = ctx.lexicon.int("deictic", word).or_else(|| {
                let back = ctx.lexicon.int("shift", word).is_some_and(|s| s < 0);
                (back && code == "NI").then_some(-1)
            });
            add_days(ctx.reference, days.unwrap_or(0))?
        }
        // "In the morning": of the last day the text named.
        None => ctx.anchor_day(),
    };
    Some(Resolved::time(day, code))
}

fn clock(caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let (hour, minute) = match caps.name("hour") {
        Some(hour) => {
            let mut hour: u32 = hour.as_str().parse().ok()?;
            let minute: u32 = caps.name("minute").map_or(Some(0), |m| m.as_str().parse().ok())?;
            if minute > 59 {
                return None;
            }
            match caps.name("meridiem") {
                // "15:00 GMT": a 24-hour clock.
                None if hour > 23 => return None,
                None => {}
                Some(_) if hour > 12 => return None,
                Some(meridiem) => {
                    let pm = meridiem.as_str().to_lowercase().starts_with('p');
                    if pm && hour < 12 {
                        hour += 12;
                    } else if !pm && hour == 12 {
                        hour = 0;
                    }
                }
            }
            (hour, minute)
        }
        // "Midnight", "noon": the hour the word names.
        None => (
            words_of(&caps[0])
                .find_map(|w| ctx.lexicon.int("clock_word", w))
                .unwrap_or(12) as u32,
            0,
        ),
    };
    // A time with no day of its own is on the last day the text named ("On Friday … at
    // 10 p.m."), else on the reference date.
    let day = if caps.name("month").is_some() {
        calendar(caps, ctx, None)?.interval?.start
    } else if weekday_number(caps, ctx).is_some() {
        weekday(caps, ctx)?
    } else {
        ctx.anchor_day()
    };
    // "15:07:35 GMT": seconds when the clock gives them.
    let clock = match caps.name("second") {
        Some(second) => format!("{hour:02}:{minute:02}:{}", second.as_str()),
        None => format!("{hour:02}:{minute:02}"),
    };
    Some(Resolved::time(day, &clock))
}

fn duration(caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let amount = match count(caps, ctx)? {
        Count::Vague => "X".to_owned(),
        Count::Exact(count) if count.fract() == 0.0 => format!("{}", count as i64),
        // Only halves have a smaller unit to go to; "2.25 hours" keeps its decimal.
        Count::Exact(count) if count.fract() != 0.5 => format!("{count}"),
        Count::Exact(count) => {
            // "2 1/2 years" is P2Y6M: TIMEX3 values write halves in the next smaller unit.
            let whole = count.trunc() as i64;
            let letter = caps
                .name("clock_unit")
                .and_then(|u| ctx.lexicon.str("clock_unit", u.as_str()))
                .or_else(|| {
                    caps.name("unit")
                        .and_then(|u| ctx.lexicon.str("unit", u.as_str()))
                })?;
            let clock = caps.name("clock_unit").is_some();
            let half = match (clock, letter) {
                (false, "Y") => "6M",
                (false, "D") => "T12H",
                (true, "H") => "30M",
                (true, "M") => "30S",
                _ => return None,
            };
            return Some(Resolved::value(
                TimexType::Duration,
                format!("P{}{whole}{letter}{half}", if clock { "T" } else { "" }),
            ));
        }
    };
    let plural = caps
        .name("plural")
        .or_else(|| caps.name("expr"))
        .map(|e| e.as_str().to_lowercase());
    let value = if let Some(clock) = caps.name("clock_unit") {
        format!("PT{amount}{}", ctx.lexicon.str("clock_unit", clock.as_str())?)
    } else if let (None, Some(plural)) = (caps.name("unit"), plural) {
        // "For years": a bare plural unit.
        let singular = plural.trim_end_matches('s');
        match ctx.lexicon.str("bare_clock_unit", &plural) {
            Some(letter) => format!("PT{amount}{letter}"),
            // The unit lexicon holds the plurals too ("centuries" is no "centurie").
            None => format!(
                "P{amount}{}",
                ctx.lexicon
                    .str("unit", &plural)
                    .or_else(|| ctx.lexicon.str("unit", singular))?
            ),
        }
    } else {
        let letter = ctx.lexicon.str("unit", caps.name("unit")?.as_str())?;
        let scaled = |factor: i64| {
            amount
                .parse::<f64>()
                .map_or("X".to_owned(), |n| format!("{}", n * factor as f64))
        };
        match letter {
            // "Two thousand years" is two millennia, TIMEX3 P2L.
            "Y" if amount.parse::<u64>().is_ok_and(|n| n >= 1000 && n % 1000 == 0) => {
                format!("P{}L", amount.parse::<u64>().ok()? / 1000)
            }
            "DE" => format!("P{}Y", scaled(10)),
            "CE" => format!("P{}Y", scaled(100)),
            // TIMEX3 durations have no quarter unit: three months each.
            "Q" => format!("P{}M", scaled(3)),
            _ => format!("P{amount}{letter}"),
        }
    };
    let modifier = caps
        .name("duration_mod")
        .and_then(|m| ctx.lexicon.str("duration_mod", m.as_str()))
        .map(str::to_owned);
    Some(Resolved {
        kind: TimexType::Duration,
        value,
        modifier,
        interval: None,
    })
}

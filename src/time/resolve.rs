//! Normalisation functions: turn a rule's captures into a TIMEX3 value and an interval.
//! Rules name these in their `resolve` field.

use chrono::{Datelike, NaiveDate, Weekday};
use regex::Captures;

use super::interval::{weekday_from, DateInterval, Unit};
use super::tense::Tense;
use super::TimexType;
use crate::rules::Lexicon;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolver {
    Calendar,
    Weekday,
    Deictic,
    ThisUnit,
    ShiftedUnit,
    Ago,
    FromNow,
    Duration,
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
            "from_now" => Resolver::FromNow,
            "duration" => Resolver::Duration,
            _ => return None,
        })
    }

    /// Whether the result depends on the tense around the expression.
    pub fn needs_tense(self) -> bool {
        matches!(self, Resolver::Calendar | Resolver::Weekday)
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
}

/// Everything a resolver may read.
pub struct Context<'a> {
    pub lexicon: &'a Lexicon,
    pub reference: NaiveDate,
    pub tense: Tense,
}

pub fn resolve(resolver: Resolver, caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let expr = caps.name("expr").map_or(&caps[0], |m| m.as_str());
    match resolver {
        Resolver::Calendar => calendar(caps, ctx, part_of_period(expr)),
        Resolver::Weekday => weekday(caps, ctx),
        Resolver::Deictic => {
            let offset = ctx.lexicon.int("deictic", caps.name("deictic")?.as_str())?;
            Some(Resolved::date(
                DateInterval::day(ctx.reference + chrono::Duration::days(offset)),
                None,
            ))
        }
        Resolver::ThisUnit => Some(Resolved::date(
            DateInterval::unit_containing(ctx.reference, unit(caps, ctx)?, 0)?,
            None,
        )),
        Resolver::ShiftedUnit => {
            let shift = ctx.lexicon.int("shift", caps.name("shift")?.as_str())?;
            Some(Resolved::date(
                DateInterval::unit_containing(ctx.reference, unit(caps, ctx)?, shift)?,
                None,
            ))
        }
        Resolver::Ago | Resolver::FromNow => {
            let count = count(caps, ctx)?;
            if count.fract() != 0.0 {
                return None;
            }
            let sign = if resolver == Resolver::Ago { -1 } else { 1 };
            Some(Resolved::date(
                DateInterval::unit_containing(ctx.reference, unit(caps, ctx)?, sign * count as i64)?,
                None,
            ))
        }
        Resolver::Duration => duration(caps, ctx),
    }
}

/// TIMEX3 `mod` for "early March", "mid-2024", "late last year".
fn part_of_period(expr: &str) -> Option<String> {
    let lower = expr.to_lowercase();
    let modifier = if lower.starts_with("early") {
        "START"
    } else if lower.starts_with("mid") {
        "MID"
    } else if lower.starts_with("late") {
        "END"
    } else {
        return None;
    };
    Some(modifier.to_owned())
}

fn number(caps: &Captures, name: &str, list: &str, ctx: &Context) -> Option<i64> {
    let text = caps.name(name)?.as_str();
    text.parse().ok().or_else(|| ctx.lexicon.int(list, text))
}

fn count(caps: &Captures, ctx: &Context) -> Option<f64> {
    if let Some(digits) = caps.name("count") {
        return digits.as_str().parse().ok();
    }
    let words = caps.name("number")?.as_str();
    let whole = ctx.lexicon.int("number", words)? as f64;
    let half = caps[0].to_lowercase().contains("and a half");
    Some(if half { whole + 0.5 } else { whole })
}

fn unit(caps: &Captures, ctx: &Context) -> Option<Unit> {
    Unit::from_timex(ctx.lexicon.str("unit", caps.name("unit")?.as_str())?)
}

fn calendar(caps: &Captures, ctx: &Context, modifier: Option<String>) -> Option<Resolved> {
    let year = number(caps, "year", "year", ctx).map(|y| y as i32);
    let month = number(caps, "month", "month", ctx).map(|m| m as u32);
    let day = number(caps, "day", "day", ctx).map(|d| d as u32);
    let interval = match (year, month, day) {
        (Some(y), Some(m), Some(d)) => DateInterval::day(NaiveDate::from_ymd_opt(y, m, d)?),
        (None, Some(m), Some(d)) => {
            let candidates = (-1..=1).filter_map(|shift| {
                NaiveDate::from_ymd_opt(ctx.reference.year() + shift, m, d).map(DateInterval::day)
            });
            pick_by_tense(candidates, ctx)?
        }
        (Some(y), Some(m), None) => DateInterval::month(y, m)?,
        (None, Some(m), None) => {
            let candidates =
                (-1..=1).filter_map(|shift| DateInterval::month(ctx.reference.year() + shift, m));
            pick_by_tense(candidates, ctx)?
        }
        (Some(y), None, None) => DateInterval::year(y)?,
        _ => return None,
    };
    Some(Resolved::date(interval, modifier))
}

/// Of the same calendar date in neighbouring years, the one the tense points to: the latest
/// that has begun for the past, the earliest that has not ended for the future, else the
/// one nearest the reference date.
fn pick_by_tense(candidates: impl Iterator<Item = DateInterval>, ctx: &Context) -> Option<DateInterval> {
    let reference = ctx.reference;
    let candidates: Vec<DateInterval> = candidates.collect();
    match ctx.tense {
        Tense::Past => candidates.into_iter().rfind(|c| c.start <= reference),
        Tense::Future => candidates.into_iter().find(|c| c.end >= reference),
        Tense::Unknown => candidates.into_iter().min_by_key(|c| {
            if c.start <= reference && reference <= c.end {
                0
            } else {
                (c.start - reference)
                    .num_days()
                    .abs()
                    .min((c.end - reference).num_days().abs())
            }
        }),
    }
}

fn weekday(caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let number = ctx.lexicon.int("weekday", caps.name("weekday")?.as_str())?;
    let target = Weekday::try_from(u8::try_from(number - 1).ok()?).ok()?;
    let shift = caps
        .name("shift")
        .and_then(|s| ctx.lexicon.int("shift", s.as_str()));
    let date = match shift {
        Some(0) => {
            let week = DateInterval::week_of(ctx.reference);
            week.start + chrono::Duration::days(target.num_days_from_monday() as i64)
        }
        Some(s) if s < 0 => weekday_from(ctx.reference, target, false, false),
        Some(_) => weekday_from(ctx.reference, target, true, false),
        None => weekday_from(ctx.reference, target, ctx.tense == Tense::Future, true),
    };
    Some(Resolved::date(DateInterval::day(date), None))
}

fn duration(caps: &Captures, ctx: &Context) -> Option<Resolved> {
    let count = count(caps, ctx)?;
    let amount = if count.fract() == 0.0 {
        format!("{}", count as i64)
    } else {
        format!("{count}")
    };
    let value = if let Some(clock) = caps.name("clock_unit") {
        format!("PT{amount}{}", ctx.lexicon.str("clock_unit", clock.as_str())?)
    } else {
        let letter = ctx.lexicon.str("unit", caps.name("unit")?.as_str())?;
        match letter {
            "DE" => format!("P{}Y", count * 10.0),
            "CE" => format!("P{}Y", count * 100.0),
            "WE" => format!("P{amount}WE"),
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

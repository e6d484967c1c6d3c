//! One self-contained HTML page that draws the timeline: a date axis, one lane per
//! storyline, each event a mark as wide as its date's precision (a day is a tick, a week a
//! bar). Hovering or focusing a mark shows its summary and sources with links and quotes.
//! One file, no network: CSS opens the cards and fits the page to a phone; a few lines of
//! inline script filter the events by text and type and close a card on Escape (without
//! script the page still shows everything). Every text from the articles is escaped.

use std::fmt::Write as _;

use chrono::{Datelike, Duration, NaiveDate};

use super::headline;
use super::markup::{escape, source_link};
use crate::ordered::first_seen;
use crate::store::Event;
use crate::storyline::Storyline;
use crate::time::parse_day as day;

/// The days an event is drawn over: its interval, or its report day when undated.
fn extent(event: &Event) -> Option<(NaiveDate, NaiveDate)> {
    let end = day(&event.date.end)?;
    let start = event.date.start.as_deref().map_or(Some(end), day)?;
    Some((start, end))
}

const STYLE: &str = r#"
:root { --ink: #1f2933; --muted: #616e7c; --lane: #f5f7fa; --line: #cbd2d9; }
* { box-sizing: border-box; }
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 24px; }
h1 { font-size: 20px; margin: 0 0 4px; }
.meta { color: var(--muted); margin-bottom: 16px; }
.chart { position: relative; }
.axis { position: relative; height: 28px; margin-left: 220px; border-bottom: 1px solid var(--line); }
.tick { position: absolute; bottom: 0; height: 8px; border-left: 1px solid var(--line); }
.tick span { position: absolute; bottom: 10px; left: 3px; white-space: nowrap; color: var(--muted); font-size: 12px; }
.lane { display: flex; align-items: stretch; min-height: 44px; border-bottom: 1px solid #fff; }
.lane-label { width: 220px; flex: none; padding: 8px 12px 8px 0; font-weight: 600; font-size: 13px; }
.track { position: relative; flex: 1; background: var(--lane); }
.mark { position: absolute; height: 22px; min-width: 8px; border-radius: 4px; cursor: pointer;
        outline: none; border: 1px solid rgba(0,0,0,.25); container-type: inline-size; }
.mark .label { display: block; padding: 0 5px; font-size: 11px; line-height: 20px; color: #fff;
        white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.mark.light .label { color: var(--ink); }
@container (max-width: 44px) { .mark .label { display: none; } }
.mark:focus { box-shadow: 0 0 0 3px #9fb3c8; }
.mark.undated { background: repeating-linear-gradient(45deg, #e4e7eb, #e4e7eb 4px, #fff 4px, #fff 8px) !important; }
.mark.uncertain { opacity: .75; }
.card { display: none; position: absolute; z-index: 10; top: 26px; left: 0; width: min(380px, calc(100vw - 32px)); padding: 10px 12px;
        background: #fff; border: 1px solid var(--line); border-radius: 6px; box-shadow: 0 6px 18px rgba(0,0,0,.15);
        cursor: auto; font-size: 13px; }
.mark:hover .card, .mark:focus .card, .mark:focus-within .card { display: block; }
.mark.flip .card { left: auto; right: 0; }
.mark[hidden], tr[hidden] { display: none; }
.card h3 { margin: 0 0 4px; font-size: 14px; }
.card .date { color: var(--muted); margin-bottom: 6px; }
.card ul { margin: 6px 0 0; padding-left: 18px; }
.card q { color: var(--muted); }
.controls { margin: 0 0 14px; display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; font-size: 13px; }
.controls input[type=search] { font: inherit; padding: 4px 8px; min-width: 220px; flex: 0 1 320px; }
.controls label { white-space: nowrap; cursor: pointer; }
.swatch { display: inline-block; width: 14px; height: 10px; margin: 0 4px; border-radius: 2px; vertical-align: middle; }
.swatch.undated { background: repeating-linear-gradient(45deg, #e4e7eb, #e4e7eb 4px, #fff 4px, #fff 8px); border: 1px solid var(--line); }
table { border-collapse: collapse; margin-top: 28px; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
@media (max-width: 640px) {
  body { margin: 12px; }
  .axis { margin-left: 0; }
  .lane { flex-direction: column; }
  .lane-label { width: auto; padding: 6px 0 2px; }
  .track { min-height: 36px; }
  .tick:nth-child(even) span { display: none; }
  .card { position: fixed; left: 8px; right: 8px; top: auto; bottom: 8px; width: auto; max-height: 55vh; overflow: auto; }
  .mark.flip .card { left: 8px; right: 8px; }
  table { display: block; overflow-x: auto; }
}
"#;

/// Filtering by text (any word of a mark's card: actors, place, summary, sources) and by type,
/// for the marks and the table rows alike; Escape closes an open card.
const SCRIPT: &str = r##"
(function () {
  var query = document.getElementById('filter');
  var boxes = [].slice.call(document.querySelectorAll('.type-toggle'));
  function apply() {
    var words = query.value.toLowerCase().trim();
    var shown = {};
    boxes.forEach(function (b) { shown[b.value] = b.checked; });
    [].forEach.call(document.querySelectorAll('[data-type]'), function (el) {
      var text = el.textContent.toLowerCase();
      el.hidden = shown[el.getAttribute('data-type')] === false || (words !== '' && text.indexOf(words) < 0);
    });
  }
  // "#q=words" in the address opens the page filtered: a filtered view can be linked to.
  var hash = /^#q=(.*)$/.exec(location.hash);
  if (hash) { query.value = decodeURIComponent(hash[1]); apply(); }
  query.addEventListener('input', function () {
    apply();
    history.replaceState(null, '', query.value ? '#q=' + encodeURIComponent(query.value) : location.pathname);
  });
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && document.activeElement && document.activeElement.blur) {
      document.activeElement.blur();
    }
  });
})();
"##;

/// Marks that start past this share of the axis open their card to the left, so that it
/// stays on screen.
const FLIP_AT_PERCENT: f64 = 55.0;

/// The height of one row of marks in a lane, in pixels.
const ROW_HEIGHT: usize = 28;

/// The colour of a type without one in types.toml.
const NO_TYPE_COLOUR: &str = "#9aa5b1";

/// The page. `colour` gives each event type its colour (types.toml), so a reader sees
/// calls, meetings and agreements at a glance.
pub fn page(storylines: &[Storyline], title: &str, colour: &dyn Fn(&str) -> Option<String>) -> String {
    let extents: Vec<(NaiveDate, NaiveDate)> = storylines
        .iter()
        .flat_map(|s| s.steps.iter())
        .filter_map(|step| extent(&step.event))
        .collect();
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(title),
        escape(title)
    );
    let events: usize = storylines.iter().map(|s| s.steps.len()).sum();
    let (Some(first), Some(last)) = (
        extents.iter().map(|e| e.0).min(),
        extents.iter().map(|e| e.1).max(),
    ) else {
        html.push_str("<p class=\"meta\">No events.</p>\n</body>\n</html>\n");
        return html;
    };
    // A margin of a few days on each side so the first and last marks are not cut.
    let pad = Duration::days(((last - first).num_days() / 20).max(2));
    let (from, to) = (first - pad, last + pad);
    let span = (to - from).num_days().max(1) as f64 + 1.0;
    let x = |date: NaiveDate| ((date - from).num_days() as f64 / span * 100.0).clamp(0.0, 100.0);
    let _ = writeln!(
        html,
        "<p class=\"meta\">{events} events in {} storylines, {} to {}. Hover or focus a mark for its sources.</p>",
        storylines.len(),
        first,
        last
    );
    html.push_str(&controls(storylines, colour));
    html.push_str("<div class=\"chart\">\n<div class=\"axis\">");
    for (date, label) in ticks(from, to) {
        let _ = write!(
            html,
            "<div class=\"tick\" style=\"left:{:.3}%\"><span>{}</span></div>",
            x(date),
            escape(&label)
        );
    }
    html.push_str("</div>\n");
    for storyline in storylines {
        // Marks whose days overlap go on rows of their own within the lane.
        let mut row_ends: Vec<NaiveDate> = Vec::new();
        let mut marks = String::new();
        for step in &storyline.steps {
            let e = &step.event;
            let Some((start, end)) = extent(e) else { continue };
            let row = match row_ends.iter().position(|&last| last < start) {
                Some(row) => row,
                None => {
                    row_ends.push(end);
                    row_ends.len() - 1
                }
            };
            row_ends[row] = end;
            let left = x(start);
            let width = (x(end + Duration::days(1)) - left).max(0.4);
            let mut classes = vec!["mark"];
            if e.date.start.is_none() {
                classes.push("undated");
            }
            if step.order_uncertain {
                classes.push("uncertain");
            }
            if left > FLIP_AT_PERCENT {
                classes.push("flip");
            }
            let background = colour(&e.event_type).unwrap_or_else(|| NO_TYPE_COLOUR.to_owned());
            if is_light(&background) {
                classes.push("light");
            }
            let headline = escape(&headline(e));
            let _ = write!(
                marks,
                "<div class=\"{}\" tabindex=\"0\" data-type=\"{}\" style=\"left:{left:.3}%;width:{width:.3}%;top:{}px;background:{}\" aria-label=\"{} — {headline}\"><span class=\"label\">{headline}</span>{}</div>",
                classes.join(" "),
                escape(&e.event_type),
                8 + row * ROW_HEIGHT,
                background,
                escape(&e.date.label),
                card(e)
            );
        }
        let _ = writeln!(
            html,
            "<div class=\"lane\" style=\"min-height:{}px\"><div class=\"lane-label\">{}</div><div class=\"track\">{marks}</div></div>",
            16 + row_ends.len().max(1) * ROW_HEIGHT,
            escape(&storyline.title)
        );
    }
    html.push_str("</div>\n");
    html.push_str(&list(storylines));
    let _ = write!(html, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    html
}

/// Whether a `#rrggbb` colour is light enough that a label on it reads best in dark ink
/// (relative luminance, as WCAG computes it, above that of mid grey).
fn is_light(colour: &str) -> bool {
    let hex = colour.trim_start_matches('#');
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0)) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    hex.len() == 6 && luminance > 0.35
}

/// The filter box and one checkbox per event type, each with its colour: the legend.
fn controls(storylines: &[Storyline], colour: &dyn Fn(&str) -> Option<String>) -> String {
    let mut html = String::from(
        "<div class=\"controls\"><input type=\"search\" id=\"filter\" placeholder=\"Filter: actor, place, words\" aria-label=\"Filter events\">",
    );
    let types = first_seen(
        storylines
            .iter()
            .flat_map(|s| &s.steps)
            .map(|step| step.event.event_type.as_str()),
    );
    for t in types {
        let _ = write!(
            html,
            "<label><input type=\"checkbox\" class=\"type-toggle\" value=\"{}\" checked><span class=\"swatch\" style=\"background:{}\"></span>{}</label>",
            escape(t),
            colour(t).unwrap_or_else(|| NO_TYPE_COLOUR.to_owned()),
            escape(t)
        );
    }
    html.push_str("<span><span class=\"swatch undated\"></span>undated (reported by)</span></div>\n");
    html
}

/// The card a mark opens: what, when, and every source with its quote.
fn card(e: &Event) -> String {
    let mut html = format!(
        "<div class=\"card\"><h3>{}</h3><div class=\"date\">{} · {}{}</div><div>{}</div><ul>",
        escape(&headline(e)),
        escape(&e.date.label),
        escape(e.modality.as_str()),
        e.place
            .as_deref()
            .map(|p| format!(" · {}", escape(p)))
            .unwrap_or_default(),
        escape(&e.summary)
    );
    for m in &e.mentions {
        let link = source_link(m);
        let who = m
            .attributed_to
            .as_deref()
            .map(|a| format!(", according to {}", escape(a)))
            .unwrap_or_default();
        let _ = write!(
            html,
            "<li>{link} ({}){who}: <q>{}</q></li>",
            escape(&m.published),
            escape(&m.sentence)
        );
    }
    for c in &e.conflicts {
        let _ = write!(html, "<li>⚠ {}</li>", escape(&c.note));
    }
    html.push_str("</ul></div>");
    html
}

/// Axis labels: months for a long span, weeks for a few months, days for a short one.
fn ticks(from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, String)> {
    let days = (to - from).num_days();
    let mut out = Vec::new();
    if days > 120 {
        let mut date = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
        while date <= to {
            if date >= from {
                out.push((date, date.format("%b %Y").to_string()));
            }
            date = crate::time::add_months(date.year(), date.month(), 1)
                .and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1))
                .unwrap_or(to + Duration::days(1));
        }
    } else {
        let step = if days > 21 { 7 } else { 1 };
        let mut date = from;
        while date <= to {
            out.push((date, date.format("%b %-d").to_string()));
            date += Duration::days(step);
        }
    }
    out
}

/// The same events as a table, for reading, printing and screen readers.
fn list(storylines: &[Storyline]) -> String {
    let mut html = String::from("<table>\n<tr><th>Storyline</th><th>Date</th><th>Type</th><th>Actors</th><th>Summary</th><th>Sources</th></tr>\n");
    for storyline in storylines {
        for step in &storyline.steps {
            let e = &step.event;
            let _ = writeln!(
                html,
                "<tr data-type=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&e.event_type),
                escape(&storyline.title),
                escape(&e.date.label),
                escape(&e.event_type),
                escape(&e.actors.join(", ")),
                escape(&e.summary),
                e.sources
            );
        }
    }
    html.push_str("</table>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_attribute_quotes() {
        assert_eq!(
            escape("<script>alert('x' & \"y\")</script>"),
            "&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;"
        );
    }

    #[test]
    fn labels_on_light_colours_are_dark() {
        assert!(is_light("#f7dc9c"));
        assert!(is_light("#ffffff"));
        assert!(!is_light("#3b82c4"));
        assert!(!is_light("#1f2933"));
        assert!(!is_light("not a colour"));
    }

    #[test]
    fn long_spans_tick_by_month() {
        let from = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
        let to = NaiveDate::from_ymd_opt(2025, 10, 10).unwrap();
        let labels: Vec<String> = ticks(from, to).into_iter().map(|t| t.1).collect();
        assert_eq!(labels.first().map(String::as_str), Some("Feb 2025"));
        assert_eq!(labels.last().map(String::as_str), Some("Oct 2025"));
    }
}

//! Events and their reports as Apache Parquet, the columnar file that pandas, Polars, DuckDB
//! and Spark read without a schema of ours: one row per event (`export --format parquet`)
//! or one row per report with its event's ID (`--format parquet-mentions`). Dates are
//! Parquet DATEs, counts 64-bit integers, lists (actors, topics, roles) Parquet LISTs of
//! strings; a role is three parallel lists (kind, actor, relation), as a conflict is two.

use std::io::Write;
use std::sync::Arc;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use parquet::data_type::{ByteArray, ByteArrayType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::store::{Event, Mention};
use crate::time::parse_day;

/// The values of one column, a row each.
enum Values {
    Int(Vec<i64>),
    Text(Vec<String>),
    OptionalText(Vec<Option<String>>),
    /// Days since 1970-01-01, as a Parquet DATE counts them; None is null.
    Date(Vec<Option<i32>>),
    TextList(Vec<Vec<String>>),
}

/// A table being built: named columns of equal length.
#[derive(Default)]
struct Table {
    columns: Vec<(&'static str, Values)>,
}

impl Table {
    fn column(mut self, name: &'static str, values: Values) -> Table {
        self.columns.push((name, values));
        self
    }

    /// The message type Parquet writes in the file's footer.
    fn schema(&self) -> String {
        let fields: Vec<String> = self
            .columns
            .iter()
            .map(|(name, values)| match values {
                Values::Int(_) => format!("REQUIRED INT64 {name};"),
                Values::Text(_) => format!("REQUIRED BYTE_ARRAY {name} (UTF8);"),
                Values::OptionalText(_) => format!("OPTIONAL BYTE_ARRAY {name} (UTF8);"),
                Values::Date(_) => format!("OPTIONAL INT32 {name} (DATE);"),
                Values::TextList(_) => format!(
                    "REQUIRED group {name} (LIST) {{ REPEATED group list {{ REQUIRED BYTE_ARRAY element (UTF8); }} }}"
                ),
            })
            .collect();
        format!("message timeline {{ {} }}", fields.join(" "))
    }

    /// Writes the table as one row group.
    fn write(self, out: impl Write + Send) -> Result<()> {
        let schema = Arc::new(parse_message_type(&self.schema()).context("parquet schema")?);
        let properties = Arc::new(WriterProperties::builder().build());
        let mut writer = SerializedFileWriter::new(out, schema, properties)?;
        let mut group = writer.next_row_group()?;
        for (name, values) in self.columns {
            let mut column = group
                .next_column()?
                .with_context(|| format!("parquet: no column {name} in the schema"))?;
            match values {
                Values::Int(values) => {
                    column.typed::<Int64Type>().write_batch(&values, None, None)?;
                }
                Values::Text(values) => {
                    let values: Vec<ByteArray> = values.into_iter().map(byte_array).collect();
                    column.typed::<ByteArrayType>().write_batch(&values, None, None)?;
                }
                Values::OptionalText(values) => {
                    let defined: Vec<i16> = values.iter().map(|v| i16::from(v.is_some())).collect();
                    let values: Vec<ByteArray> = values.into_iter().flatten().map(byte_array).collect();
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(&values, Some(&defined), None)?;
                }
                Values::Date(days) => {
                    let defined: Vec<i16> = days.iter().map(|d| i16::from(d.is_some())).collect();
                    let days: Vec<i32> = days.into_iter().flatten().collect();
                    column
                        .typed::<Int32Type>()
                        .write_batch(&days, Some(&defined), None)?;
                }
                Values::TextList(lists) => {
                    // An empty list is one level with no value (definition 0); an element
                    // is defined (1), and every element after a list's first repeats (1).
                    let (mut defined, mut repeated, mut values) = (Vec::new(), Vec::new(), Vec::new());
                    for list in lists {
                        if list.is_empty() {
                            defined.push(0);
                            repeated.push(0);
                        }
                        for (i, value) in list.into_iter().enumerate() {
                            defined.push(1);
                            repeated.push(i16::from(i > 0));
                            values.push(byte_array(value));
                        }
                    }
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(&values, Some(&defined), Some(&repeated))?;
                }
            }
            column.close()?;
        }
        group.close()?;
        writer.close()?;
        Ok(())
    }
}

fn byte_array(text: String) -> ByteArray {
    ByteArray::from(text.into_bytes())
}

/// Days since 1970-01-01, as a Parquet DATE counts them.
fn epoch_day(day: &str) -> Option<i32> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    i32::try_from((parse_day(day)? - epoch).num_days()).ok()
}

fn ints<T>(rows: &[T], value: impl Fn(&T) -> i64) -> Values {
    Values::Int(rows.iter().map(value).collect())
}

fn texts<T>(rows: &[T], value: impl Fn(&T) -> String) -> Values {
    Values::Text(rows.iter().map(value).collect())
}

fn optional<T>(rows: &[T], value: impl Fn(&T) -> Option<String>) -> Values {
    Values::OptionalText(rows.iter().map(value).collect())
}

/// Days as stored (`YYYY-MM-DD`); None, or a value that is not a day, is null.
fn dates<'r, T>(rows: &'r [T], value: impl Fn(&'r T) -> Option<&'r str>) -> Values {
    Values::Date(rows.iter().map(|row| value(row).and_then(epoch_day)).collect())
}

fn lists<T>(rows: &[T], value: impl Fn(&T) -> Vec<String>) -> Values {
    Values::TextList(rows.iter().map(value).collect())
}

/// One row per event, with the columns of `list --format json` but its reports.
pub fn events(events: &[Event], out: impl Write + Send) -> Result<()> {
    Table::default()
        .column("id", ints(events, |e| e.id))
        .column("key", texts(events, |e| e.key.clone()))
        .column("type", texts(events, |e| e.event_type.clone()))
        .column("cameo", optional(events, |e| e.cameo.clone()))
        .column("start", dates(events, |e| e.date.start.as_deref()))
        .column("end", dates(events, |e| Some(e.date.end.as_str())))
        .column("precision", texts(events, |e| e.date.precision_name().to_owned()))
        .column("value", optional(events, |e| e.date.value.clone()))
        .column("label", texts(events, |e| e.date.label.clone()))
        .column("actors", lists(events, |e| e.actors.clone()))
        .column("parties", lists(events, |e| e.parties.clone()))
        .column("source", lists(events, |e| e.source.clone()))
        .column("target", lists(events, |e| e.target.clone()))
        .column("place", optional(events, |e| e.place.clone()))
        .column("modality", texts(events, |e| e.modality.as_str().to_owned()))
        .column("topics", lists(events, |e| e.topics.clone()))
        .column("summary", texts(events, |e| e.summary.clone()))
        .column("sources", ints(events, |e| e.sources as i64))
        .column("articles", ints(events, |e| e.articles as i64))
        .column(
            "conflict_kinds",
            lists(events, |e| e.conflicts.iter().map(|c| c.kind.clone()).collect()),
        )
        .column(
            "conflict_notes",
            lists(events, |e| e.conflicts.iter().map(|c| c.note.clone()).collect()),
        )
        .write(out)
}

/// One row per report, each with its event's `event_id`: the evidence, as `show` gives it.
pub fn mentions(events: &[Event], out: impl Write + Send) -> Result<()> {
    let rows: Vec<(i64, &Mention)> = events
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |m| (e.id, m)))
        .collect();
    Table::default()
        .column("event_id", ints(&rows, |(id, _)| *id))
        .column("report", ints(&rows, |(_, m)| m.report))
        .column("article", texts(&rows, |(_, m)| m.article.clone()))
        .column("article_key", texts(&rows, |(_, m)| m.article_key.clone()))
        .column("title", optional(&rows, |(_, m)| m.title.clone()))
        .column("outlet", optional(&rows, |(_, m)| m.source.clone()))
        .column("url", optional(&rows, |(_, m)| m.url.clone()))
        .column("published", dates(&rows, |(_, m)| Some(m.published.as_str())))
        .column(
            "published_from",
            optional(&rows, |(_, m)| m.published_from.clone()),
        )
        .column("sentence", texts(&rows, |(_, m)| m.sentence.clone()))
        .column("sentence_start", ints(&rows, |(_, m)| m.start as i64))
        .column("sentence_end", ints(&rows, |(_, m)| m.end as i64))
        .column("trigger", texts(&rows, |(_, m)| m.trigger.clone()))
        .column("trigger_start", ints(&rows, |(_, m)| m.trigger_start as i64))
        .column("trigger_end", ints(&rows, |(_, m)| m.trigger_end as i64))
        .column("rule", texts(&rows, |(_, m)| m.rule.clone()))
        .column("lemma", optional(&rows, |(_, m)| m.lemma.clone()))
        .column("type", texts(&rows, |(_, m)| m.event_type.clone()))
        .column("modality", texts(&rows, |(_, m)| m.modality.as_str().to_owned()))
        .column("attributed_to", optional(&rows, |(_, m)| m.attributed_to.clone()))
        .column("actors", lists(&rows, |(_, m)| m.actors.clone()))
        .column("parties", lists(&rows, |(_, m)| m.parties.clone()))
        .column("actor_text", lists(&rows, |(_, m)| m.actor_text.clone()))
        .column("topics", lists(&rows, |(_, m)| m.topics.clone()))
        .column(
            "role_kinds",
            lists(&rows, |(_, m)| {
                m.roles.iter().map(|r| r.role.as_str().to_owned()).collect()
            }),
        )
        .column(
            "role_actors",
            lists(&rows, |(_, m)| m.roles.iter().map(|r| r.actor.clone()).collect()),
        )
        .column(
            "role_relations",
            lists(&rows, |(_, m)| {
                m.roles.iter().map(|r| r.relation.clone()).collect()
            }),
        )
        .column("date_start", dates(&rows, |(_, m)| m.date.start.as_deref()))
        .column("date_end", dates(&rows, |(_, m)| m.date.end.as_deref()))
        .column(
            "date_precision",
            optional(&rows, |(_, m)| m.date.precision.map(|p| p.as_str().to_owned())),
        )
        .column("date_value", optional(&rows, |(_, m)| m.date.value.clone()))
        .column("date_text", optional(&rows, |(_, m)| m.date.text.clone()))
        .column("date_rule", optional(&rows, |(_, m)| m.date.rule.clone()))
        .column(
            "date_basis",
            texts(&rows, |(_, m)| m.date.basis.as_str().to_owned()),
        )
        .column("date_clause", optional(&rows, |(_, m)| m.date.clause.clone()))
        .write(out)
}

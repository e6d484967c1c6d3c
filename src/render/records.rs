//! Tables of what the store holds besides events: its articles, and the conflicts between
//! reports.

use comfy_table::Table;

use super::{new_table, safe, shortened, TableOptions};
use crate::store::{ArticleRecord, Event};

/// The stored articles: key, publication date (marked when inferred from the text), name,
/// outlet, title and how many reports each gave.
pub fn articles_table(articles: &[ArticleRecord], options: TableOptions) -> Table {
    let mut table = new_table(
        &["Key", "Published", "Article", "Source", "Title", "Mentions"],
        options,
    );
    for a in articles {
        table.add_row(
            [
                a.key.clone(),
                match &a.published_from {
                    Some(_) => format!("{} (inferred)", a.published),
                    None => a.published.clone(),
                },
                a.name.clone(),
                a.source.clone().unwrap_or_default(),
                a.title.clone().unwrap_or_default(),
                a.mentions.to_string(),
            ]
            .map(|cell| safe::display(&cell).into_owned()),
        );
    }
    table
}

/// One row per conflict of each event: where its reports disagree.
pub fn conflicts_table(events: &[Event], options: TableOptions) -> Table {
    let mut table = new_table(&["ID", "Date", "Type", "Summary", "Conflict"], options);
    for event in events {
        for conflict in &event.conflicts {
            table.add_row(
                [
                    event.id.to_string(),
                    event.date.label.clone(),
                    event.event_type.clone(),
                    shortened(&event.summary),
                    format!("{}: {}", conflict.kind, conflict.note),
                ]
                .map(|cell| safe::display(&cell).into_owned()),
            );
        }
    }
    table
}

//! One event and all its evidence: "why does the timeline say this?"

use std::io::Write;

use anyhow::Result;

use crate::store::Event;

/// The evidence view, with article text made safe to show ([`super::safe::display`]).
pub fn show(event: &Event, out: &mut dyn Write) -> Result<()> {
    let mut text = Vec::new();
    evidence(event, &mut text)?;
    out.write_all(super::safe::display(&String::from_utf8_lossy(&text)).as_bytes())?;
    Ok(())
}

fn evidence(event: &Event, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "Event {}: {}", event.id, event.summary)?;
    let cameo = event
        .cameo
        .as_deref()
        .map(|c| format!(" (CAMEO {c})"))
        .unwrap_or_default();
    writeln!(out, "  type      {}{cameo}", event.event_type)?;
    writeln!(
        out,
        "  date      {} [{}]",
        event.date.label,
        event.date.precision_name()
    )?;
    writeln!(out, "  actors    {}", event.actors.join(", "))?;
    if !event.source.is_empty() {
        writeln!(out, "  source    {}", event.source.join(", "))?;
    }
    if !event.target.is_empty() {
        writeln!(out, "  target    {}", event.target.join(", "))?;
    }
    writeln!(out, "  place     {}", event.place.as_deref().unwrap_or("-"))?;
    writeln!(out, "  modality  {}", event.modality)?;
    writeln!(
        out,
        "  reported  by {} source(s) in {} article(s)",
        event.sources, event.articles
    )?;
    if !event.topics.is_empty() {
        writeln!(out, "  topics    {}", event.topics.join(", "))?;
    }
    for conflict in &event.conflicts {
        writeln!(out, "  conflict  {}: {}", conflict.kind, conflict.note)?;
    }
    for (n, m) in event.mentions.iter().enumerate() {
        writeln!(out)?;
        let source = m.source.as_deref().unwrap_or("unknown source");
        let inferred = m
            .published_from
            .as_ref()
            .map(|line| format!(" (inferred from the text: “{line}”)"))
            .unwrap_or_default();
        writeln!(
            out,
            "  [{}] {} — {}, published {}{inferred}",
            n + 1,
            m.article,
            source,
            m.published
        )?;
        if let Some(title) = &m.title {
            writeln!(out, "      title:     {title}")?;
        }
        if let Some(url) = &m.url {
            writeln!(out, "      url:       {url}")?;
        }
        writeln!(out, "      sentence:  {}", m.sentence)?;
        writeln!(
            out,
            "      offsets:   characters {}–{}; trigger “{}” at {}–{}",
            m.start, m.end, m.trigger, m.trigger_start, m.trigger_end
        )?;
        let lemma = m
            .lemma
            .as_ref()
            .map(|l| format!(" (trigger lemma “{l}”)"))
            .unwrap_or_default();
        writeln!(out, "      rule:      {}{lemma}", m.rule)?;
        if !m.roles.is_empty() {
            let roles: Vec<String> = m
                .roles
                .iter()
                .map(|r| format!("{} {} ({})", r.role.as_str(), r.actor, r.relation))
                .collect();
            writeln!(out, "      roles:     {}", roles.join("; "))?;
        }
        let clause = m
            .date
            .clause
            .as_ref()
            .map(|c| format!(", {c}"))
            .unwrap_or_default();
        let reading = match (&m.date.value, &m.date.text) {
            (Some(value), Some(text)) => format!("{value} from “{text}” ({}{clause})", m.date.basis),
            (Some(value), None) => format!("{value} ({})", m.date.basis),
            _ => format!("none: reported by {}", m.published),
        };
        writeln!(out, "      date:      {reading}")?;
        writeln!(
            out,
            "      reads as:  {} by {} ({})",
            m.event_type,
            m.actor_text.join(", "),
            m.modality
        )?;
        if let Some(who) = &m.attributed_to {
            writeln!(out, "      according to: {who}")?;
        }
    }
    Ok(())
}

//! The countries and territories of the world (`data/rules/events/countries.tsv`, from
//! mledoze/countries): parties that no curated list has to name before an event of theirs
//! can be found.

use std::collections::HashMap;

use anyhow::{bail, Result};

use super::gazetteer::{Actor, Place};
use crate::model::ActorKind;
use crate::rules;

const PATH: &str = "events/countries.tsv";

/// One row of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub code: String,
    pub name: String,
    pub official: String,
    /// Empty when the table gives none, or when two countries share it ("Congolese").
    pub demonym: String,
    pub capitals: Vec<String>,
}

/// The rows of the table, with demonyms shared by two countries left out.
pub fn load() -> Result<Vec<Country>> {
    let text = rules::source(PATH)?;
    let mut rows = parse(&text)?;
    let mut uses: HashMap<String, usize> = HashMap::new();
    for row in &rows {
        *uses.entry(row.demonym.clone()).or_default() += 1;
    }
    for row in &mut rows {
        if uses[&row.demonym] > 1 {
            row.demonym.clear();
        }
    }
    Ok(rows)
}

fn parse(text: &str) -> Result<Vec<Country>> {
    let mut rows = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [code, _alpha2, name, official, demonym, capitals, _un_member] = fields[..] else {
            bail!(
                "rule file {PATH}: line {} has {} fields, not 7",
                number + 1,
                fields.len()
            );
        };
        rows.push(Country {
            code: code.to_owned(),
            name: name.to_owned(),
            official: official.to_owned(),
            demonym: demonym.to_owned(),
            capitals: capitals
                .split('|')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
        });
    }
    Ok(rows)
}

impl Country {
    /// Adds the country to the curated lists: its code to the curated actor that names it,
    /// or a new actor (names, demonym) whose capitals go to `capitals`; its capitals as
    /// places where the curated places lack them.
    pub fn merge_into(
        &self,
        actors: &mut Vec<Actor>,
        places: &mut Vec<Place>,
        capitals: &mut Vec<(usize, String)>,
    ) {
        let names_it = |a: &Actor| {
            a.kind == ActorKind::Country
                && [&self.name, &self.official]
                    .iter()
                    .any(|n| a.name == **n || a.aliases.contains(n))
        };
        let spelled = |actors: &[Actor], word: &str| {
            actors
                .iter()
                .any(|a| a.aliases.iter().chain(&a.demonyms).any(|s| s == word))
        };
        // A curated actor named as the country takes it before one that only has its name
        // among its aliases (the DR Congo is also "Congo"; the Republic of the Congo is the
        // row whose short name that is).
        let named =
            |a: &Actor| a.kind == ActorKind::Country && (a.name == self.name || a.name == self.official);
        let curated = actors
            .iter()
            .position(named)
            .or_else(|| actors.iter().position(names_it));
        let canonical = if let Some(curated) = curated.map(|i| &mut actors[i]) {
            curated.code.get_or_insert_with(|| self.code.clone());
            curated.name.clone()
        } else {
            let aliases: Vec<String> = crate::ordered::first_seen([self.name.clone(), self.official.clone()])
                .into_iter()
                .filter(|n| !spelled(actors, n))
                .collect();
            if aliases.is_empty() {
                return;
            }
            let demonyms = if self.demonym.is_empty() || spelled(actors, &self.demonym) {
                Vec::new()
            } else {
                vec![self.demonym.clone()]
            };
            let index = actors.len();
            for capital in &self.capitals {
                if !spelled(actors, capital) && !places.iter().any(|p| p.aliases.contains(capital)) {
                    capitals.push((index, capital.clone()));
                }
            }
            actors.push(Actor {
                name: self.name.clone(),
                kind: ActorKind::Country,
                country: None,
                aliases,
                demonyms,
                code: Some(self.code.clone()),
                untitled: false,
            });
            self.name.clone()
        };
        // Capitals are where talks are held ("met in Muscat"). A country after "in" is as
        // often what an event is about ("a ceasefire in Ukraine") as where it happens, so
        // countries are places only where places.toml says so.
        let placed = |places: &[Place], word: &str| {
            places
                .iter()
                .any(|p| p.name == word || p.aliases.iter().any(|a| a == word))
        };
        for capital in &self.capitals {
            if !placed(places, capital) {
                places.push(Place {
                    name: capital.clone(),
                    country: Some(canonical.clone()),
                    aliases: vec![capital.clone()],
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_a_code_and_a_name() {
        let rows = load().unwrap();
        assert!(rows.len() >= 240, "{} rows", rows.len());
        assert!(rows.iter().all(|r| r.code.len() == 3 && !r.name.is_empty()));
        let oman = rows.iter().find(|r| r.code == "OMN").unwrap();
        assert_eq!((oman.name.as_str(), oman.demonym.as_str()), ("Oman", "Omani"));
        assert_eq!(oman.capitals, vec!["Muscat"]);
    }

    #[test]
    fn shared_demonyms_are_left_out() {
        let rows = load().unwrap();
        let congo: Vec<&Country> = rows.iter().filter(|r| r.name.contains("Congo")).collect();
        assert_eq!(congo.len(), 2);
        assert!(congo.iter().all(|r| r.demonym.is_empty()));
    }

    #[test]
    fn malformed_rows_name_the_file_and_line() {
        let err = parse("# header\nOMN\tOM\tOman\n").unwrap_err().to_string();
        assert!(err.contains("countries.tsv") && err.contains("line 2"), "{err}");
    }
}

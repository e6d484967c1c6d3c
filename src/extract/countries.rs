//! The countries and territories of the world (`data/rules/events/countries.tsv`, from
//! mledoze/countries): parties that no curated list has to name before an event of theirs
//! can be found.

use std::collections::HashMap;

use anyhow::{bail, Result};

use super::gazetteer::{Actor, Place};
use crate::model::ActorKind;
use crate::rules;

const PATH: &str = "events/countries.tsv";
/// Adjectives and names the table lacks, kept by hand.
const SPELLINGS_PATH: &str = "events/country_spellings.tsv";

/// One row of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub code: String,
    pub name: String,
    pub official: String,
    /// Names besides these two ("Burma"), from country_spellings.tsv.
    pub other_names: Vec<String>,
    /// The table's demonyms ("Bosnian, Herzegovinian" is two) and the adjectives of
    /// country_spellings.tsv, without those two countries share ("Congolese").
    pub demonyms: Vec<String>,
    pub capitals: Vec<String>,
}

/// The rows of the table with the spellings of country_spellings.tsv, demonyms shared by
/// two countries left out.
pub fn load() -> Result<Vec<Country>> {
    let mut rows = parse(&rules::source(PATH)?)?;
    for (code, kind, spelling) in parse_spellings(&rules::source(SPELLINGS_PATH)?)? {
        let Some(row) = rows.iter_mut().find(|r| r.code == code) else {
            bail!("rule file {SPELLINGS_PATH}: no country has the code {code}");
        };
        match kind {
            SpellingKind::Adjective => row.demonyms.push(spelling),
            SpellingKind::Name => row.other_names.push(spelling),
        }
    }
    let mut uses: HashMap<String, usize> = HashMap::new();
    for demonym in rows.iter().flat_map(|r| &r.demonyms) {
        *uses.entry(demonym.clone()).or_default() += 1;
    }
    for row in &mut rows {
        row.demonyms.retain(|d| uses[d] == 1);
    }
    Ok(rows)
}

enum SpellingKind {
    Adjective,
    Name,
}

fn parse_spellings(text: &str) -> Result<Vec<(String, SpellingKind, String)>> {
    let mut rows = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let kind = match fields.get(1) {
            Some(&"adjective") => SpellingKind::Adjective,
            Some(&"name") => SpellingKind::Name,
            _ => bail!(
                "rule file {SPELLINGS_PATH}: line {} is not code, adjective or name, spelling",
                number + 1
            ),
        };
        let [code, _, spelling] = fields[..] else {
            bail!(
                "rule file {SPELLINGS_PATH}: line {} has {} fields, not 3",
                number + 1,
                fields.len()
            );
        };
        rows.push((code.to_owned(), kind, spelling.to_owned()));
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
            other_names: Vec::new(),
            // "Bosnian, Herzegovinian", "Kittitian or Nevisian".
            demonyms: demonym
                .split(", ")
                .flat_map(|d| d.split(" or "))
                .filter(|d| !d.is_empty())
                .map(str::to_owned)
                .collect(),
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
        let not_spelled = |actors: &[Actor], words: &[String]| -> Vec<String> {
            words.iter().filter(|w| !spelled(actors, w)).cloned().collect()
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
        let canonical = if let Some(i) = curated {
            // The curated actor keeps its spellings; the table adds those no one has.
            let (names, demonyms) = (
                not_spelled(actors, &self.other_names),
                not_spelled(actors, &self.demonyms),
            );
            let curated = &mut actors[i];
            curated.code.get_or_insert_with(|| self.code.clone());
            curated.aliases.extend(names);
            curated.demonyms.extend(demonyms);
            curated.name.clone()
        } else {
            let names = [self.name.clone(), self.official.clone()]
                .into_iter()
                .chain(self.other_names.iter().cloned());
            let aliases = not_spelled(actors, &crate::ordered::first_seen(names));
            if aliases.is_empty() {
                return;
            }
            let demonyms = not_spelled(actors, &self.demonyms);
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
        assert_eq!(
            (oman.name.as_str(), &oman.demonyms[..]),
            ("Oman", &["Omani".to_string()][..])
        );
        assert_eq!(oman.capitals, vec!["Muscat"]);
    }

    #[test]
    fn shared_demonyms_are_left_out() {
        let rows = load().unwrap();
        let congo: Vec<&Country> = rows.iter().filter(|r| r.name.contains("Congo")).collect();
        assert_eq!(congo.len(), 2);
        assert!(congo.iter().all(|r| r.demonyms.is_empty()));
    }

    #[test]
    fn the_hand_kept_spellings_join_their_rows() {
        let rows = load().unwrap();
        let row = |code: &str| rows.iter().find(|r| r.code == code).unwrap();
        assert_eq!(row("PHL").demonyms, ["Filipino", "Philippine"]);
        assert_eq!(row("MMR").other_names, ["Burma"]);
        assert_eq!(row("BIH").demonyms, ["Bosnian", "Herzegovinian"]);
        let err = parse_spellings("XYZ\tnoun\tFoo\n").err().unwrap().to_string();
        assert!(
            err.contains("country_spellings.tsv") && err.contains("line 1"),
            "{err}"
        );
    }

    #[test]
    fn malformed_rows_name_the_file_and_line() {
        let err = parse("# header\nOMN\tOM\tOman\n").unwrap_err().to_string();
        assert!(err.contains("countries.tsv") && err.contains("line 2"), "{err}");
    }
}

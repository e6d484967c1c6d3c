//! Writes `data/rules/events/countries.tsv` from the `countries.json` of mledoze/countries
//! (ODbL 1.0), the country table behind restcountries: every country and territory with
//! its ISO 3166 codes, English short and official names, demonym and capitals.
//!
//! ```text
//! cargo run --example import_countries -- path/to/countries.json data/rules/events/countries.tsv
//! ```
//!
//! Run it again when the dataset changes; the output is sorted and byte-reproducible.

use std::fmt::Write as _;

use anyhow::{bail, Context, Result};
use serde::Deserialize;

#[derive(Deserialize)]
struct Country {
    name: Names,
    cca2: String,
    cca3: String,
    #[serde(default)]
    capital: Vec<String>,
    #[serde(default)]
    demonyms: Option<Demonyms>,
    #[serde(default, rename = "unMember")]
    un_member: bool,
}

#[derive(Deserialize)]
struct Names {
    common: String,
    official: String,
}

#[derive(Deserialize)]
struct Demonyms {
    eng: Option<Demonym>,
}

#[derive(Deserialize)]
struct Demonym {
    m: String,
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        bail!("usage: import_countries COUNTRIES_JSON OUTPUT_TSV");
    };
    let json = std::fs::read_to_string(input).with_context(|| format!("{input}: cannot read"))?;
    let mut countries: Vec<Country> =
        serde_json::from_str(&json).with_context(|| format!("{input}: not the mledoze/countries JSON"))?;
    countries.sort_by(|a, b| a.cca3.cmp(&b.cca3));
    let mut out = String::from(
        "# Every country and territory: ISO 3166-1 alpha-3 and alpha-2 codes, English short and\n\
         # official names, demonym, capitals (|-separated), UN member (1/0).\n\
         # Derived from mledoze/countries (https://github.com/mledoze/countries), made available\n\
         # under the Open Database License (ODbL 1.0); this derived table is under the same licence.\n\
         # Written by `cargo run --example import_countries`; do not edit by hand: curated names,\n\
         # aliases and metonyms go in actors.toml, which wins over this table.\n",
    );
    for c in &countries {
        let demonym = c
            .demonyms
            .as_ref()
            .and_then(|d| d.eng.as_ref())
            .map_or("", |d| d.m.as_str());
        let fields = [
            c.cca3.as_str(),
            c.cca2.as_str(),
            c.name.common.as_str(),
            c.name.official.as_str(),
            demonym,
            &c.capital.join("|"),
            if c.un_member { "1" } else { "0" },
        ];
        if fields.iter().any(|f| f.contains(['\t', '\n'])) {
            bail!("{}: a field holds a tab or a newline", c.cca3);
        }
        writeln!(out, "{}", fields.join("\t"))?;
    }
    std::fs::write(output, out).with_context(|| format!("{output}: cannot write"))?;
    eprintln!("{} countries written to {output}", countries.len());
    Ok(())
}

//! Trains the tagger, lemmatiser, parser and labeller from Universal Dependencies treebanks
//! and writes the model files that the binary embeds.
//!
//! ```sh
//! cargo run --release --example train_syntax -- ../shared/data/ud data/models
//! ```
//!
//! Trains on every `*-train.conllu` of the folder (UD English EWT and the GUM genres there)
//! with a fixed seed, and scores the result on every `*-dev.conllu`. Options:
//! `--epochs-tagger N`, `--epochs-parser N`, `--epochs-labeller N`, `--jackknife K`,
//! `--seed N`, `--prune T,P,L` (smallest averaged weight kept per model), `--test` (also score the `*-test.conllu` files: do it once, at the end).

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use timeline::syntax::train::{evaluate, read_treebanks, train, treebank_files, Options};

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut options = Options {
        train: Vec::new(),
        dev: Vec::new(),
        out: PathBuf::new(),
        seed: 20251201,
        tagger_epochs: 10,
        parser_epochs: 15,
        labeller_epochs: 10,
        jackknife: 5,
        prune: [0.5, 1.0, 1.0],
    };
    let mut test = false;
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<usize> {
            args.next()
                .with_context(|| format!("{name} needs a number"))?
                .parse()
                .context(name.to_owned())
        };
        match arg.as_str() {
            "--epochs-tagger" => options.tagger_epochs = number("--epochs-tagger")?,
            "--epochs-parser" => options.parser_epochs = number("--epochs-parser")?,
            "--epochs-labeller" => options.labeller_epochs = number("--epochs-labeller")?,
            "--jackknife" => options.jackknife = number("--jackknife")?,
            "--seed" => options.seed = number("--seed")? as u64,
            "--prune" => {
                let text = args.next().context("--prune needs TAGGER,PARSER,LABELLER")?;
                let values: Vec<f32> = text
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()
                    .context("--prune")?;
                options.prune = values.try_into().ok().context("--prune needs three numbers")?;
            }
            "--test" => test = true,
            _ => positional.push(PathBuf::from(arg)),
        }
    }
    let [ud, out] = &positional[..] else {
        bail!("usage: train_syntax UD_DIR OUT_DIR [options]");
    };
    options.train = treebank_files(ud, "train");
    options.dev = treebank_files(ud, "dev");
    options.out = out.clone();
    if options.train.is_empty() {
        bail!("{}: no *-train.conllu files", ud.display());
    }
    let started = std::time::Instant::now();
    let models = train(&options, &mut |line| eprintln!("{line}"))?;
    if test {
        for path in treebank_files(ud, "test") {
            let gold = read_treebanks(std::slice::from_ref(&path))?;
            eprintln!("{}: {}", path.display(), evaluate(&models, &gold));
        }
    }
    eprintln!("done in {:.0?}", started.elapsed());
    Ok(())
}

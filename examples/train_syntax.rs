//! Trains the syntax network and the lemmatiser from Universal Dependencies treebanks and
//! writes the model files that the binary embeds.
//!
//! ```sh
//! cargo run --release --example train_syntax -- ../shared/data/ud data/models
//! ```
//!
//! Trains on every `*-train.conllu` of the folder (UD English EWT and the GUM genres there)
//! with a fixed seed, keeps the epoch that scores best on every `*-dev.conllu`, and scores
//! the result there. Options: `--epochs N`, `--batch WORDS`, `--rate R`, `--decay D`,
//! `--dropout P`, `--word-dropout A`, `--average R`, `--threads N`, `--seed N`, `--size
//! WORD,AFFIX,HIDDEN,LAYERS,ARC,LABEL`, `--test` (also score the `*-test.conllu` files: do
//! it once, at the end).

use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use timeline::syntax::train::{evaluate, read_treebanks, train, treebank_files, Options};
use timeline::syntax::{Dims, Schedule};

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut options = Options {
        train: Vec::new(),
        dev: Vec::new(),
        out: PathBuf::new(),
        dims: Dims {
            word: 100,
            affix: 64,
            hidden: 128,
            layers: 2,
            arc: 128,
            label: 64,
            tags: 0,
            labels: 0,
        },
        // The settings data/models was trained with: the same command gives the same files.
        schedule: Schedule {
            epochs: 40,
            batch_words: 1000,
            rate: 2e-3,
            decay: 0.96,
            dropout: 0.33,
            word_dropout: 0.25,
            seed: 20251204,
            threads: 2,
            average: 0.002,
        },
    };
    let mut test = false;
    while let Some(arg) = args.next() {
        let mut value =
            |name: &str| -> Result<String> { args.next().with_context(|| format!("{name} needs a value")) };
        fn number<T: std::str::FromStr>(name: &str, text: String) -> Result<T>
        where
            T::Err: std::error::Error + Send + Sync + 'static,
        {
            text.parse().with_context(|| format!("{name} {text}"))
        }
        let s = &mut options.schedule;
        match arg.as_str() {
            "--epochs" => s.epochs = number(&arg, value(&arg)?)?,
            "--batch" => s.batch_words = number(&arg, value(&arg)?)?,
            "--rate" => s.rate = number(&arg, value(&arg)?)?,
            "--decay" => s.decay = number(&arg, value(&arg)?)?,
            "--dropout" => s.dropout = number(&arg, value(&arg)?)?,
            "--word-dropout" => s.word_dropout = number(&arg, value(&arg)?)?,
            "--threads" => s.threads = number(&arg, value(&arg)?)?,
            "--seed" => s.seed = number(&arg, value(&arg)?)?,
            "--average" => s.average = number(&arg, value(&arg)?)?,
            "--size" => {
                let text = value(&arg)?;
                let sizes: Vec<usize> = text
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()
                    .context("--size")?;
                let [word, affix, hidden, layers, arc, label] = sizes[..] else {
                    bail!("--size needs WORD,AFFIX,HIDDEN,LAYERS,ARC,LABEL");
                };
                options.dims = Dims {
                    word,
                    affix,
                    hidden,
                    layers,
                    arc,
                    label,
                    ..options.dims
                };
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

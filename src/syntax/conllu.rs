//! CoNLL-U, the Universal Dependencies file format: read (with the line of any error) and
//! write (keeping comments, multiword-token lines and empty nodes where they were).

use std::fmt::Write as _;

/// One word line (ID is its position + 1).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 is the root; `None` where the column is `_` (an unparsed file).
    pub head: Option<usize>,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

/// A sentence: its comment lines, words and the lines that are not words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// Comment lines without the leading "#" and one space ("sent_id = 1").
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    /// Multiword-token ("3-4") and empty-node ("5.1") lines, verbatim, each with the index of
    /// the word it stands before (`words.len()` for the end).
    pub other_lines: Vec<(usize, String)>,
}

impl Sentence {
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }
}

/// A malformed line: its number (from 1) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ConlluError {
    pub line: usize,
    pub message: String,
}

/// Reads every sentence of a CoNLL-U text.
pub fn parse(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    let mut started_at = 0;
    for (n, line) in text.lines().enumerate() {
        let number = n + 1;
        let fail = |message: String| ConlluError {
            line: number,
            message,
        };
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if !current.words.is_empty() || !current.comments.is_empty() {
                finish(&current, started_at)?;
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        if current.words.is_empty() && current.comments.is_empty() && current.other_lines.is_empty() {
            started_at = number;
        }
        if let Some(comment) = line.strip_prefix('#') {
            if !current.words.is_empty() {
                return Err(fail(
                    "a comment inside a sentence (a blank line must end a sentence)".into(),
                ));
            }
            current
                .comments
                .push(comment.strip_prefix(' ').unwrap_or(comment).to_owned());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(fail(format!(
                "expected 10 tab-separated columns, found {}",
                cols.len()
            )));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            current.other_lines.push((current.words.len(), line.to_owned()));
            continue;
        }
        let expected = current.words.len() + 1;
        match id.parse::<usize>() {
            Ok(i) if i == expected => {}
            _ => return Err(fail(format!("word ID {id:?} where {expected} was expected"))),
        }
        if cols[1].is_empty() {
            return Err(fail("an empty FORM".into()));
        }
        let head = match cols[6] {
            "_" => None,
            h => Some(
                h.parse::<usize>()
                    .map_err(|_| fail(format!("HEAD {h:?} is not a number")))?,
            ),
        };
        current.words.push(Word {
            form: cols[1].to_owned(),
            lemma: cols[2].to_owned(),
            upos: cols[3].to_owned(),
            xpos: cols[4].to_owned(),
            feats: cols[5].to_owned(),
            head,
            deprel: cols[7].to_owned(),
            deps: cols[8].to_owned(),
            misc: cols[9].to_owned(),
        });
    }
    if !current.words.is_empty() || !current.comments.is_empty() {
        finish(&current, started_at)?;
        sentences.push(current);
    }
    Ok(sentences)
}

/// Checks a whole sentence: it has words and every head points inside it.
fn finish(sentence: &Sentence, line: usize) -> Result<(), ConlluError> {
    let fail = |message: String| Err(ConlluError { line, message });
    if sentence.words.is_empty() {
        return fail("a sentence without words".into());
    }
    for (i, w) in sentence.words.iter().enumerate() {
        if let Some(h) = w.head {
            if h > sentence.words.len() || h == i + 1 {
                return fail(format!(
                    "word {} has head {h}, outside the sentence or itself",
                    i + 1
                ));
            }
        }
    }
    Ok(())
}

/// The CoNLL-U text of `sentences` (each followed by a blank line).
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        write_sentence(s, &mut out);
    }
    out
}

fn write_sentence(s: &Sentence, out: &mut String) {
    for c in &s.comments {
        let _ = writeln!(out, "# {c}");
    }
    let mut other = s.other_lines.iter().peekable();
    for (i, w) in s.words.iter().enumerate() {
        while let Some((_, line)) = other.next_if(|(at, _)| *at <= i) {
            let _ = writeln!(out, "{line}");
        }
        let head = w.head.map_or("_".to_owned(), |h| h.to_string());
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            i + 1,
            w.form,
            or_blank(&w.lemma),
            or_blank(&w.upos),
            or_blank(&w.xpos),
            or_blank(&w.feats),
            head,
            or_blank(&w.deprel),
            or_blank(&w.deps),
            or_blank(&w.misc)
        );
    }
    for (_, line) in other {
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');
}

fn or_blank(s: &str) -> &str {
    if s.is_empty() {
        "_"
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = 1\n# text = They don't meet.\n1\tThey\tthey\tPRON\tPRP\t_\t3\tnsubj\t3:nsubj\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\tSpaceAfter=No\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\tmeet\tmeet\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n4.1\tmet\t_\t_\t_\t_\t_\t_\t4:conj\t_\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn reading_and_writing_round_trip() {
        let sentences = parse(SAMPLE).unwrap();
        assert_eq!(sentences.len(), 1);
        let s = &sentences[0];
        assert_eq!(s.words.len(), 5);
        assert_eq!(s.comment("text"), Some("They don't meet."));
        assert_eq!(s.words[0].head, Some(3));
        assert_eq!(s.other_lines.len(), 2);
        assert_eq!(write(&sentences), SAMPLE);
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse("1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n2\tcat\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("10 tab-separated columns"));
        let err = parse("1\tA\t_\t_\t_\t_\t0\troot\t_\t_\n3\tB\t_\t_\t_\t_\t0\troot\t_\t_\n").unwrap_err();
        assert_eq!(err.line, 2);
        let err = parse("# x\n1\tA\t_\t_\t_\t_\t7\troot\t_\t_\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("head 7"));
        let err = parse("1\tA\t_\t_\t_\t_\tx\troot\t_\t_\n").unwrap_err();
        assert!(err.message.contains("HEAD \"x\""));
    }

    #[test]
    fn unparsed_heads_are_none() {
        let s = parse("1\tHi\t_\t_\t_\t_\t_\t_\t_\t_\n").unwrap();
        assert_eq!(s[0].words[0].head, None);
        assert!(write(&s).starts_with("1\tHi\t_\t_\t_\t_\t_\t_\t_\t_\n"));
    }
}

//! The byte layout of model files: little-endian numbers and length-prefixed strings after a
//! header that names the model and its format version, so that a stale or foreign file is
//! refused with a reason instead of being misread.

use anyhow::{bail, ensure, Context, Result};

/// Every model file starts with these bytes.
const MAGIC: &[u8; 8] = b"TLSYNTAX";
/// Bumped whenever a model's layout or features change: old files are then refused.
pub(crate) const FORMAT_VERSION: u32 = 2;

pub(crate) struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    pub(crate) fn new() -> Writer {
        Writer { bytes: Vec::new() }
    }

    /// A writer that starts with the header of a `kind` model.
    pub(crate) fn with_header(kind: &str) -> Writer {
        let mut w = Writer::new();
        w.bytes(MAGIC);
        w.u32(FORMAT_VERSION);
        w.str(kind);
        w
    }

    pub(crate) fn u8(&mut self, n: u8) {
        self.bytes.push(n);
    }
    pub(crate) fn u32(&mut self, n: u32) {
        self.bytes.extend_from_slice(&n.to_le_bytes());
    }
    pub(crate) fn u16s(&mut self, ns: &[u16]) {
        for n in ns {
            self.bytes.extend_from_slice(&n.to_le_bytes());
        }
    }
    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.bytes.extend_from_slice(b);
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.bytes(s.as_bytes());
    }
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    /// A reader past the header, which must name a `kind` model of this format version.
    pub(crate) fn with_header(bytes: &'a [u8], kind: &str) -> Result<Reader<'a>> {
        let mut r = Reader::new(bytes);
        let magic = r.take(MAGIC.len()).context("not a timeline model file")?;
        ensure!(magic == MAGIC, "not a timeline model file");
        let version = r.u32()?;
        ensure!(
            version == FORMAT_VERSION,
            "model format {version}, this build reads format {FORMAT_VERSION}: retrain the models"
        );
        let found = r.str()?;
        ensure!(found == kind, "a {found} model where a {kind} model was expected");
        Ok(r)
    }

    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.bytes.len() - self.at < n {
            bail!("model file ends early (at byte {})", self.at);
        }
        let out = &self.bytes[self.at..self.at + n];
        self.at += n;
        Ok(out)
    }
    pub(crate) fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    pub(crate) fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes")))
    }
    /// `n` little-endian u16s, copied as one block (an element loop is what made loading
    /// the models slow in debug builds, which every test run of the binary pays).
    pub(crate) fn u16s(&mut self, n: usize) -> Result<Vec<u16>> {
        self.block(n, u16::from_le)
    }
    /// `n` numbers of type `T` copied as one block, each then read as little-endian (a no-op
    /// on little-endian machines).
    fn block<T: bytemuck::Pod>(&mut self, n: usize, from_le: fn(T) -> T) -> Result<Vec<T>> {
        let mut out = vec![T::zeroed(); n];
        let size = n
            .checked_mul(std::mem::size_of::<T>())
            .context("model too large")?;
        bytemuck::cast_slice_mut::<T, u8>(&mut out).copy_from_slice(self.take(size)?);
        if cfg!(target_endian = "big") {
            out.iter_mut().for_each(|x| *x = from_le(*x));
        }
        Ok(out)
    }
    pub(crate) fn str(&mut self) -> Result<String> {
        let n = self.u32()? as usize;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec()).context("a name in the model file is not UTF-8")
    }
    /// Fails unless every byte was read.
    pub(crate) fn finish(&self) -> Result<()> {
        ensure!(
            self.at == self.bytes.len(),
            "{} stray bytes after the model",
            self.bytes.len() - self.at
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_guard_against_the_wrong_file() {
        let bytes = Writer::with_header("tagger").into_bytes();
        assert!(Reader::with_header(&bytes, "tagger").is_ok());
        let wrong = Reader::with_header(&bytes, "parser").err().unwrap();
        assert!(wrong.to_string().contains("a tagger model where a parser model"));
        assert!(Reader::with_header(b"short", "tagger").is_err());
        assert!(Reader::with_header(&bytes[..bytes.len() - 1], "tagger").is_err());
    }
}

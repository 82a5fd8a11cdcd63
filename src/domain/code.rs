//! Public procedure codes: short, upper-case Crockford base32.

use std::fmt;
use std::str::FromStr;

/// Crockford's alphabet: digits and letters without I, L, O, U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
pub const MIN_LEN: usize = 4;
pub const MAX_LEN: usize = 6;

/// A procedure's public code. Always 4–6 characters of Crockford base32,
/// stored and shown upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("a code has {MIN_LEN} to {MAX_LEN} characters")]
    Length,
    #[error("a code uses only the letters and digits 0-9 A-Z without I, L, O, U")]
    Character,
}

impl Code {
    /// Parses a code exactly as stored: upper case, no separators.
    pub fn parse(s: &str) -> Result<Self, CodeError> {
        if !(MIN_LEN..=MAX_LEN).contains(&s.len()) {
            return Err(CodeError::Length);
        }
        if !s.bytes().all(|b| ALPHABET.contains(&b)) {
            return Err(CodeError::Character);
        }
        Ok(Code(s.to_owned()))
    }

    /// Parses what a person typed or a URL carried: any case, full-width
    /// forms (a Japanese keyboard's default), hyphens and spaces ignored, and
    /// Crockford's look-alikes read as digits (O → 0, I and L → 1), so
    /// `k7q2`, `K7-Q2`, `Ｋ７Ｑ２` and `HO1L` all work.
    pub fn parse_lenient(s: &str) -> Result<Self, CodeError> {
        // Anything longer than this cannot be a code even with separators.
        if s.len() > MAX_LEN * 6 {
            return Err(CodeError::Length);
        }
        let normalised: String = s
            .chars()
            .map(|c| match c {
                // Full-width ASCII block → ASCII.
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' => ' ',
                _ => c,
            })
            .filter(|c| !matches!(c, '-' | ' '))
            .map(|c| match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            })
            .collect();
        Code::parse(&normalised)
    }

    /// A fresh random code of `len` characters.
    pub fn random(len: usize) -> Self {
        use rand::RngExt;
        let len = len.clamp(MIN_LEN, MAX_LEN);
        let mut rng = rand::rng();
        let s = (0..len)
            .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
            .collect();
        Code(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Code {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Code::parse(s)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_parse_accepts_only_canonical_codes() {
        assert_eq!(Code::parse("K7Q2").unwrap().as_str(), "K7Q2");
        assert_eq!(Code::parse("ZZZZZZ").unwrap().as_str(), "ZZZZZZ");
        assert_eq!(Code::parse("k7q2"), Err(CodeError::Character));
        assert_eq!(Code::parse("K7QI"), Err(CodeError::Character));
        assert_eq!(Code::parse("K7QU"), Err(CodeError::Character));
        assert_eq!(Code::parse("K7Q"), Err(CodeError::Length));
        assert_eq!(Code::parse("K7Q2K7Q"), Err(CodeError::Length));
        assert_eq!(Code::parse(""), Err(CodeError::Length));
    }

    #[test]
    fn lenient_parse_reads_what_people_type() {
        let k = Code::parse("K7Q2").unwrap();
        assert_eq!(Code::parse_lenient("k7q2"), Ok(k.clone()));
        assert_eq!(Code::parse_lenient(" K7-Q2 "), Ok(k));
        assert_eq!(Code::parse_lenient("HOIL").unwrap().as_str(), "H011");
        assert_eq!(Code::parse_lenient("K7U2"), Err(CodeError::Character));
        assert_eq!(Code::parse_lenient("../etc"), Err(CodeError::Character));
        assert_eq!(Code::parse_lenient("ｋ７ｑ２").unwrap().as_str(), "K7Q2");
        assert_eq!(Code::parse_lenient("Ｋ７－Ｑ２").unwrap().as_str(), "K7Q2");
        assert_eq!(Code::parse_lenient("転入"), Err(CodeError::Character));
        assert_eq!(Code::parse_lenient(&"-".repeat(10_000)), Err(CodeError::Length));
    }

    #[test]
    fn random_codes_are_valid() {
        for len in [4, 5, 6] {
            let c = Code::random(len);
            assert_eq!(c.as_str().len(), len);
            assert_eq!(Code::parse(c.as_str()), Ok(c));
        }
    }
}

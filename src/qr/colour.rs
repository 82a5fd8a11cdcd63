//! The dark colour of a printed QR code, refused when phones may not read it.

use std::fmt;

/// The WCAG 2 contrast ratio a dark colour must reach against white.
///
/// 7:1 (the AAA text level) means a relative luminance of at most 0.1.
/// Phone decoders turn the camera picture into grey and split it at a
/// threshold; glare, shadow and cheap sensors squeeze the contrast a print
/// has, so a code needs a wide margin, not the 4.5:1 that is enough for
/// text read by people. Light modules and the quiet zone stay white: many
/// decoders refuse inverted or tinted backgrounds.
pub const MIN_CONTRAST: f64 = 7.0;

/// An sRGB colour for the dark modules, dark enough to scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dark([u8; 3]);

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DarkError {
    #[error("a colour is six hexadecimal digits, like 1a3d6b: {0}")]
    Syntax(String),
    #[error(
        "#{hex} has a contrast of {ratio:.1}:1 against white; a printed QR code needs at least {MIN_CONTRAST}:1 for phones to read it"
    )]
    TooLight { hex: String, ratio: f64 },
}

impl Dark {
    pub const BLACK: Dark = Dark([0, 0, 0]);

    /// `1a3d6b` or `#1a3d6b`.
    pub fn parse(s: &str) -> Result<Dark, DarkError> {
        let hex = s.trim().trim_start_matches('#');
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(DarkError::Syntax(s.chars().take(20).collect()));
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).expect("checked hex");
        let dark = Dark([byte(0), byte(2), byte(4)]);
        let ratio = dark.contrast_with_white();
        if ratio < MIN_CONTRAST {
            return Err(DarkError::TooLight {
                hex: hex.to_ascii_lowercase(),
                ratio,
            });
        }
        Ok(dark)
    }

    pub fn rgb(self) -> [u8; 3] {
        self.0
    }

    pub fn is_black(self) -> bool {
        self.0 == [0, 0, 0]
    }

    /// WCAG 2 relative luminance (0 black … 1 white).
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    /// WCAG 2 contrast ratio against white (1 … 21).
    pub fn contrast_with_white(self) -> f64 {
        1.05 / (self.luminance() + 0.05)
    }
}

impl Default for Dark {
    fn default() -> Self {
        Dark::BLACK
    }
}

/// `#rrggbb`, as SVG fills take it.
impl fmt::Display for Dark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dark_colours_pass_and_light_ones_are_refused() {
        assert_eq!(Dark::parse("000000").unwrap(), Dark::BLACK);
        assert_eq!(Dark::parse("#1A3D6B").unwrap().to_string(), "#1a3d6b");
        // Navy, dark green, dark red: fine.
        for ok in ["000080", "004d00", "7a0000", "0000ff"] {
            assert!(Dark::parse(ok).is_ok(), "{ok}");
        }
        // Mid grey, pure red, orange, yellow, white: refused with the ratio.
        for bad in ["777777", "ff0000", "ff8800", "ffff00", "ffffff"] {
            match Dark::parse(bad) {
                Err(DarkError::TooLight { ratio, .. }) => assert!(ratio < MIN_CONTRAST),
                other => panic!("{bad}: {other:?}"),
            }
        }
        for bad in ["", "black", "12345", "1234567", "gg0000", "#12345z"] {
            assert!(matches!(Dark::parse(bad), Err(DarkError::Syntax(_))), "{bad}");
        }
        assert!((Dark::BLACK.contrast_with_white() - 21.0).abs() < 1e-9);
    }
}

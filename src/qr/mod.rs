//! QR codes for procedure addresses, as PNG and SVG.

use std::io::Cursor;

use image::{ImageFormat, Luma};
use qrcode::{EcLevel, QrCode};

/// Error correction Q (25 % of the code can be lost): posters get
/// scratched, folded and stuck behind glare, and the short alphanumeric
/// payload keeps a Q code small anyway.
pub const EC_LEVEL: EcLevel = EcLevel::Q;

/// PNG edge lengths in pixels. The default gives an 80 mm poster code
/// about 300 dpi (80 mm ≈ 945 px).
pub const DEFAULT_PNG_SIZE: u32 = 1024;
pub const MIN_PNG_SIZE: u32 = 64;
pub const MAX_PNG_SIZE: u32 = 4096;

/// Pixels per module in SVG user units; the drawing scales freely.
const SVG_MODULE: u32 = 8;

pub fn clamp_png_size(requested: Option<u32>) -> u32 {
    requested
        .unwrap_or(DEFAULT_PNG_SIZE)
        .clamp(MIN_PNG_SIZE, MAX_PNG_SIZE)
}

fn encode(payload: &str) -> anyhow::Result<QrCode> {
    Ok(QrCode::with_error_correction_level(payload.as_bytes(), EC_LEVEL)?)
}

/// A square PNG, at most `size` pixels wide, with whole-pixel modules and
/// the standard 4-module quiet zone.
pub fn png(payload: &str, size: u32) -> anyhow::Result<Vec<u8>> {
    let code = encode(payload)?;
    let side_modules = code.width() as u32 + 8;
    // Whole pixels per module keep edges sharp; never below one.
    let module = (size / side_modules).max(1);
    let image = code
        .render::<Luma<u8>>()
        .quiet_zone(true)
        .module_dimensions(module, module)
        .build();
    let mut out = Vec::new();
    image.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)?;
    Ok(out)
}

/// An SVG with the standard 4-module quiet zone, for print shops.
pub fn svg(payload: &str) -> anyhow::Result<String> {
    let code = encode(payload)?;
    Ok(code
        .render::<qrcode::render::svg::Color>()
        .quiet_zone(true)
        .module_dimensions(SVG_MODULE, SVG_MODULE)
        .build())
}

/// The QR version (1–40) and modules per side that `payload` needs.
pub fn version_and_width(payload: &str) -> anyhow::Result<(i16, usize)> {
    let code = encode(payload)?;
    let version = match code.version() {
        qrcode::Version::Normal(v) | qrcode::Version::Micro(v) => v,
    };
    Ok((version, code.width()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_case_payloads_make_smaller_codes() {
        let (upper, _) = version_and_width("HTTPS://MADOGUCHI.CITY.EXAMPLE.JP/Q/K7Q2").unwrap();
        let (lower, _) = version_and_width("https://madoguchi.city.example.jp/q/K7Q2").unwrap();
        assert!(
            upper < lower,
            "alphanumeric {upper} should beat byte mode {lower}"
        );
    }

    #[test]
    fn png_size_is_clamped_and_respected() {
        assert_eq!(clamp_png_size(None), DEFAULT_PNG_SIZE);
        assert_eq!(clamp_png_size(Some(1)), MIN_PNG_SIZE);
        assert_eq!(clamp_png_size(Some(1_000_000)), MAX_PNG_SIZE);
        let bytes = png("HTTP://127.0.0.1:8080/Q/K7Q2", 300).unwrap();
        let img = image::load_from_memory(&bytes).unwrap();
        assert!(img.width() <= 300 && img.width() > 200, "{}", img.width());
        assert_eq!(img.width(), img.height());
    }
}

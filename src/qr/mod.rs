//! QR codes for procedure addresses, as PNG and SVG.

pub mod cache;
mod colour;

use std::io::Cursor;

use image::{ImageFormat, Luma, Rgb};
use qrcode::{EcLevel, QrCode};

pub use cache::Cache;
pub use colour::{Dark, DarkError, MIN_CONTRAST};

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
    encode_at(payload, Ec::Q)
}

fn encode_at(payload: &str, ec: Ec) -> anyhow::Result<QrCode> {
    Ok(QrCode::with_error_correction_level(
        payload.as_bytes(),
        ec.level(),
    )?)
}

/// The error-correction levels offered for print: M (15 % recoverable)
/// for small labels that stay clean, Q (25 %, the default) for posters,
/// H (30 %) for places where codes get badly damaged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Ec {
    M,
    #[default]
    Q,
    H,
}

impl Ec {
    pub fn parse(s: &str) -> Option<Ec> {
        match s.trim().to_ascii_uppercase().as_str() {
            "M" => Some(Ec::M),
            "Q" => Some(Ec::Q),
            "H" => Some(Ec::H),
            _ => None,
        }
    }

    fn level(self) -> EcLevel {
        match self {
            Ec::M => EcLevel::M,
            Ec::Q => EcLevel::Q,
            Ec::H => EcLevel::H,
        }
    }
}

/// How a code is drawn, apart from its size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Style {
    pub ec: Ec,
    pub dark: Dark,
}

/// A PNG's size: at most so many pixels, or a physical size at a
/// resolution (recorded in the PNG's pHYs chunk so print software
/// places it at that size).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PngSize {
    Pixels(u32),
    /// Symbol edge (quiet zone included) in tenths of a millimetre, at `dpi`.
    Physical {
        tenth_mm: u32,
        dpi: u32,
    },
}

pub const DEFAULT_DPI: u32 = 300;
pub const MIN_DPI: u32 = 72;
pub const MAX_DPI: u32 = 1200;
/// 10–300 mm covers a stamp-sized label up to a wall poster.
pub const MIN_MM: u32 = 10;
pub const MAX_MM: u32 = 300;

impl PngSize {
    /// A physical size from requested millimetres and dpi, clamped to the
    /// ranges above. The dpi is lowered where needed so the edge stays within
    /// `MAX_PNG_SIZE` pixels: 300 mm at 1200 dpi would be a 600 MB bitmap from
    /// one public request. The pHYs chunk records the dpi actually used, so
    /// the print size is still right.
    pub fn physical(mm: u32, dpi: u32) -> Self {
        // Modules are rounded up to whole pixels, which adds at most one
        // pixel per module: leave room for the largest symbol (version 40,
        // 177 modules, and the quiet zone).
        const LARGEST_SIDE_MODULES: u32 = 177 + 8;
        let tenth_mm = mm.clamp(MIN_MM, MAX_MM) * 10;
        let fits = (MAX_PNG_SIZE - LARGEST_SIDE_MODULES) * 254 / tenth_mm;
        let dpi = dpi.clamp(MIN_DPI, MAX_DPI).min(fits);
        PngSize::Physical { tenth_mm, dpi }
    }
}

/// A drawn PNG with its physical size, when it has one.
pub fn png_with(payload: &str, style: Style, size: PngSize) -> anyhow::Result<Vec<u8>> {
    let code = encode_at(payload, style.ec)?;
    let side_modules = code.width() as u32 + 8;
    let (module, dpi) = match size {
        PngSize::Pixels(px) => ((px / side_modules).max(1), None),
        PngSize::Physical { tenth_mm, dpi } => {
            let px = f64::from(tenth_mm) / 254.0 * f64::from(dpi);
            // Round modules up so the printed code is never below the size asked for.
            ((px / f64::from(side_modules)).ceil().max(1.0) as u32, Some(dpi))
        }
    };
    let mut renderer = code.render::<Rgb<u8>>();
    renderer
        .quiet_zone(true)
        .module_dimensions(module, module)
        .dark_color(Rgb(style.dark.rgb()))
        .light_color(Rgb([255, 255, 255]));
    let image = renderer.build();
    let (w, h) = image.dimensions();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    let data = if style.dark.is_black() {
        encoder.set_color(png::ColorType::Grayscale);
        image.pixels().map(|p| p.0[0]).collect()
    } else {
        encoder.set_color(png::ColorType::Rgb);
        image.into_raw()
    };
    encoder.set_depth(png::BitDepth::Eight);
    if let Some(dpi) = dpi {
        // pHYs counts pixels per metre.
        let ppm = (f64::from(dpi) / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: ppm,
            yppu: ppm,
            unit: png::Unit::Meter,
        }));
    }
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&data)?;
    writer.finish()?;
    Ok(out)
}

/// An SVG for print shops, in the given style.
pub fn svg_with(payload: &str, style: Style) -> anyhow::Result<String> {
    let code = encode_at(payload, style.ec)?;
    let dark = style.dark.to_string();
    Ok(code
        .render::<qrcode::render::svg::Color>()
        .quiet_zone(true)
        .module_dimensions(SVG_MODULE, SVG_MODULE)
        .dark_color(qrcode::render::svg::Color(&dark))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build())
}

/// The modules of a code as one SVG path, for drawing it inline in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// Modules per side of the symbol alone.
    pub symbol: usize,
    /// Modules per side with the 4-module quiet zone on each edge.
    pub side: usize,
    /// Path data in module units, quiet zone included: only `M`, `h`, `v`,
    /// `z`, digits, spaces and minus signs.
    pub path: String,
}

pub fn matrix(payload: &str, ec: Ec) -> anyhow::Result<Matrix> {
    use std::fmt::Write;
    let code = encode_at(payload, ec)?;
    let w = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    for y in 0..w {
        let mut x = 0;
        while x < w {
            if colors[y * w + x] == qrcode::Color::Dark {
                let start = x;
                while x < w && colors[y * w + x] == qrcode::Color::Dark {
                    x += 1;
                }
                let run = x - start;
                write!(path, "M{} {}h{run}v1h-{run}z", start + 4, y + 4).expect("string");
            } else {
                x += 1;
            }
        }
    }
    Ok(Matrix {
        symbol: w,
        side: w + 8,
        path,
    })
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
    fn physical_sizes_stay_within_the_pixel_limit() {
        assert_eq!(
            PngSize::physical(80, 600),
            PngSize::Physical {
                tenth_mm: 800,
                dpi: 600
            }
        );
        assert_eq!(
            PngSize::physical(1, 1),
            PngSize::Physical {
                tenth_mm: MIN_MM * 10,
                dpi: MIN_DPI
            }
        );
        for mm in [MIN_MM, 90, 150, MAX_MM, 10_000] {
            let PngSize::Physical { tenth_mm, dpi } = PngSize::physical(mm, 100_000) else {
                unreachable!()
            };
            let px = f64::from(tenth_mm) / 254.0 * f64::from(dpi);
            assert!(px + 185.0 <= f64::from(MAX_PNG_SIZE), "{mm} mm: {px} px");
            assert!(
                px > f64::from(MAX_PNG_SIZE) * 0.9 || dpi == MAX_DPI,
                "{mm} mm at {dpi}"
            );
        }
    }

    #[test]
    fn physical_png_records_its_resolution_and_is_never_too_small() {
        let payload = "HTTP://127.0.0.1:8080/Q/K7Q2";
        let bytes = png_with(
            payload,
            Style::default(),
            PngSize::Physical {
                tenth_mm: 800,
                dpi: 300,
            },
        )
        .unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
        let reader = decoder.read_info().unwrap();
        let info = reader.info();
        let dims = info.pixel_dims.expect("a pHYs chunk");
        assert_eq!(dims.unit, png::Unit::Meter);
        assert_eq!(dims.xppu, 11811); // 300 dpi
        let mm = f64::from(info.width) / f64::from(dims.xppu) * 1000.0;
        assert!((80.0..84.0).contains(&mm), "{mm} mm");
        // Coloured codes are RGB and still decode.
        let navy = Style {
            ec: Ec::H,
            dark: Dark::parse("1a2a6b").unwrap(),
        };
        let bytes = png_with(payload, navy, PngSize::Pixels(400)).unwrap();
        let img = image::load_from_memory(&bytes).unwrap().to_luma8();
        let mut prepared = rqrr::PreparedImage::prepare(img);
        let grids = prepared.detect_grids();
        assert_eq!(grids[0].decode().unwrap().1, payload);
    }

    #[test]
    fn matrix_path_covers_the_dark_modules() {
        let m = matrix("HTTP://127.0.0.1:8080/Q/K7Q2", Ec::Q).unwrap();
        assert_eq!(m.side, m.symbol + 8);
        assert!(
            m.path.starts_with("M4 4h7v1h-7z"),
            "finder pattern first: {}",
            &m.path[..20]
        );
        assert!(m.path.chars().all(|c| c.is_ascii_digit() || " Mhvz-".contains(c)));
        let (_, width) = version_and_width("HTTP://127.0.0.1:8080/Q/K7Q2").unwrap();
        assert_eq!(m.symbol, width);
        assert!(matrix("x", Ec::H).unwrap().symbol < matrix(&"x".repeat(60), Ec::H).unwrap().symbol);
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

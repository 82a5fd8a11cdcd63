//! QR codes are decoded back with a real decoder and compared.

mod common;

use common::{BASE, get, sample_app};

fn decode(img: image::GrayImage) -> String {
    let mut prepared = rqrr::PreparedImage::prepare(img);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "exactly one QR code");
    let (meta, content) = grids[0].decode().expect("decodes");
    // Error correction Q, as stated in the README.
    assert_eq!(meta.ecc_level, 3, "ecc level Q");
    content
}

fn decode_png(bytes: &[u8]) -> (String, u32) {
    let img = image::load_from_memory(bytes).expect("a PNG").to_luma8();
    let width = img.width();
    (decode(img), width)
}

fn decode_svg(svg: &str) -> String {
    use resvg::{tiny_skia, usvg};
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).expect("an SVG");
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let gray = image::GrayImage::from_fn(size.width(), size.height(), |x, y| {
        let p = pixmap.pixel(x, y).unwrap();
        image::Luma([p.red()])
    });
    decode(gray)
}

#[tokio::test]
async fn served_png_decodes_to_the_upper_case_url() {
    let app = sample_app().await;
    let r = get(&app, "/qr/K7Q2.png", &[]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), "image/png");
    let (url, width) = decode_png(&r.body);
    assert_eq!(url, "HTTP://MADOGUCHI.TEST/Q/K7Q2");
    assert!(
        (900..=1024).contains(&width),
        "default size fits A4 print: {width}"
    );
    // The decoded address works, in that case, on this server.
    let path = url.strip_prefix(&BASE.to_uppercase()).unwrap();
    assert_eq!(get(&app, path, &[]).await.status, 200);
}

#[tokio::test]
async fn png_size_is_honoured_and_clamped() {
    let app = sample_app().await;
    let (url, width) = decode_png(&get(&app, "/qr/k7q2.png?size=300", &[]).await.body);
    assert_eq!(url, "HTTP://MADOGUCHI.TEST/Q/K7Q2");
    assert!((250..=300).contains(&width), "{width}");
    let (_, width) = decode_png(&get(&app, "/qr/K7Q2.png?size=999999", &[]).await.body);
    assert!(width <= 4096, "{width}");
    let (_, width) = decode_png(&get(&app, "/qr/K7Q2.png?size=abc", &[]).await.body);
    assert!((900..=1024).contains(&width), "garbage means default: {width}");
    let (url, _) = decode_png(&get(&app, "/qr/K7Q2.png?size=1", &[]).await.body);
    assert_eq!(url, "HTTP://MADOGUCHI.TEST/Q/K7Q2", "tiny sizes still decode");
    // The largest physical request (300 mm at 1200 dpi would be a 14,173 px
    // square, 600 MB to draw) gets the same size at a lower resolution.
    let big = get(&app, "/qr/K7Q2.png?mm=300&dpi=1200", &[]).await;
    assert_eq!(big.status, 200);
    let reader = png::Decoder::new(std::io::Cursor::new(&big.body[..]))
        .read_info()
        .unwrap();
    let info = reader.info();
    assert!(info.width <= 4096, "{} px", info.width);
    let per_metre = info.pixel_dims.expect("pHYs").xppu;
    let mm = f64::from(info.width) / f64::from(per_metre) * 1000.0;
    assert!((300.0..310.0).contains(&mm), "still printed at {mm} mm");
    let (url, _) = decode_png(&big.body);
    assert_eq!(url, "HTTP://MADOGUCHI.TEST/Q/K7Q2");
}

#[tokio::test]
async fn served_svg_decodes_to_the_same_url() {
    let app = sample_app().await;
    let r = get(&app, "/qr/H3N8.svg", &[]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), "image/svg+xml");
    assert_eq!(decode_svg(&r.text()), "HTTP://MADOGUCHI.TEST/Q/H3N8");
}

#[tokio::test]
async fn unknown_codes_have_no_qr() {
    let app = sample_app().await;
    assert_eq!(get(&app, "/qr/ZZZZ.png", &[]).await.status, 404);
    assert_eq!(get(&app, "/qr/K7Q2.jpg", &[]).await.status, 404);
}

/// A draft's page is a 404, so its QR code must not tell a stranger the
/// code exists; staff preparing its posters get it, kept from shared caches.
#[tokio::test]
async fn a_drafts_qr_is_for_staff_only() {
    let draft = common::import_file(&[common::procedure("D5RF", "draft", &[("ja", "準備中")])]);
    let (app, store) = common::app_with(Some(&draft)).await;
    assert_eq!(get(&app, "/q/D5RF", &[]).await.status, 404);
    for path in ["/qr/D5RF.png", "/qr/D5RF.svg"] {
        assert_eq!(get(&app, path, &[]).await.status, 404, "{path}");
    }
    common::staff::add_user(&store, "editor", madoguchi::domain::Role::Editor, &[], false).await;
    let mut staff = common::staff::Client::new(&app);
    staff.sign_in("editor", common::staff::PASSWORD).await;
    let r = staff.get("/qr/D5RF.svg").await;
    assert_eq!(r.status, 200);
    assert_eq!(decode_svg(&r.text()), "HTTP://MADOGUCHI.TEST/Q/D5RF");
    assert!(r.header("cache-control").starts_with("private"));
    // Published codes stay public and shareable.
    let r = get(&app, "/qr/K7Q2.svg", &[]).await;
    assert!(r.header("cache-control").starts_with("public"));
}

//! Print pages printed by headless Chromium to PDF, rasterised at 150 dpi
//! with pdftoppm, and every QR code decoded with zbar (`zbarimg`) and
//! measured (rqrr finds the symbol's corners). Needs Debian's chromium,
//! poppler-utils, zbar-tools and fonts-noto-cjk/core, which `.ci/run`
//! installs; ignored by a bare `cargo test`.
//!
//! The public poster is printed from the running server. Staff pages need
//! a session, which a fresh Chromium profile does not have: the test signs
//! in over HTTP, saves the page (QR codes are inline SVG, the stylesheet
//! inline, so the file is complete) and prints that file.

mod common;

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::binary::Server;

const DPI: f64 = 150.0;
const PASSWORD: &str = "a long print test password";
const CODES: [&str; 7] = ["K7Q2", "H3N8", "J5RW", "M9CD", "C4KA", "G2SB", "T6ZX"];

fn madoguchi(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_madoguchi"));
    c.env("MADOGUCHI_DB", db).env_remove("MADOGUCHI_BASE_URL");
    c
}

fn start(db: &Path) -> Server {
    common::binary::start(db, &[])
}

fn add_user(db: &Path, name: &str) {
    let mut child = madoguchi(db)
        .args(["user", "add", name, "--role", "editor"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    assert!(child.wait().unwrap().success(), "user add");
}

/// Runs `cmd`, killing it after `limit`.
fn run(cmd: &mut Command, limit: Duration) -> std::process::Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the tool is installed");
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("{cmd:?} took longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.wait_with_output().unwrap()
}

fn print_to_pdf(target: &str, out: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let output = run(
        Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--print-to-pdf={}", out.display()))
            .arg(target),
        Duration::from_secs(90),
    );
    assert!(
        out.exists(),
        "chromium printed nothing: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// (width, height) of the PDF's first page in millimetres.
fn page_mm(pdf: &Path) -> (f64, f64, usize) {
    let out = run(Command::new("pdfinfo").arg(pdf), Duration::from_secs(30));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let size = text
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .expect("a page size");
    let nums: Vec<f64> = size.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    let pages: usize = text
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    (nums[0] / 72.0 * 25.4, nums[1] / 72.0 * 25.4, pages)
}

fn pdf_text(pdf: &Path) -> String {
    let out = run(
        Command::new("pdftotext").arg(pdf).arg("-"),
        Duration::from_secs(30),
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The first page at 150 dpi.
/// `pdffonts`' list of the fonts a PDF embeds.
fn pdf_fonts(pdf: &Path) -> String {
    let out = run(Command::new("pdffonts").arg(pdf), Duration::from_secs(30));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn rasterise(pdf: &Path) -> PathBuf {
    let prefix = pdf.with_extension("");
    run(
        Command::new("pdftoppm")
            .args(["-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile"])
            .arg(pdf)
            .arg(&prefix),
        Duration::from_secs(60),
    );
    let png = prefix.with_extension("png");
    assert!(png.exists(), "pdftoppm wrote {}", png.display());
    png
}

/// One rectangle of the first page (millimetres from the top left) at 150 dpi.
fn rasterise_area(pdf: &Path, name: &str, x: f64, y: f64, w: f64, h: f64) -> PathBuf {
    let px = |mm: f64| ((mm / 25.4 * DPI).round() as i64).to_string();
    let prefix = pdf.with_file_name(name);
    run(
        Command::new("pdftoppm")
            .args(["-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile"])
            .args(["-x", &px(x), "-y", &px(y), "-W", &px(w), "-H", &px(h)])
            .arg(pdf)
            .arg(&prefix),
        Duration::from_secs(60),
    );
    prefix.with_extension("png")
}

/// Every QR code zbar finds on the image.
fn zbar(png: &Path) -> Vec<String> {
    let out = run(
        Command::new("zbarimg").args(["-q", "--raw"]).arg(png),
        Duration::from_secs(60),
    );
    let mut found: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    found.sort();
    found
}

/// The edge of every QR symbol on the image in millimetres (quiet zone
/// not included), with what it decodes to. rqrr locates each symbol; the
/// edge is then the box of dark pixels around it (the white quiet zone
/// keeps text out), counted in whole pixels at 150 dpi.
fn measure(png: &Path) -> Vec<(String, f64)> {
    let img = image::open(png).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(img.clone());
    prepared
        .detect_grids()
        .into_iter()
        .filter_map(|g| {
            let content = g.decode().ok()?.1;
            let xs = g.bounds.iter().map(|p| p.x);
            let ys = g.bounds.iter().map(|p| p.y);
            // A little beyond rqrr's corners, well inside the quiet zone.
            let margin = 6;
            let (x0, x1) = (xs.clone().min()? - margin, xs.max()? + margin);
            let (y0, y1) = (ys.clone().min()? - margin, ys.max()? + margin);
            let (mut left, mut right) = (i32::MAX, i32::MIN);
            for y in y0.max(0)..y1.min(img.height() as i32) {
                for x in x0.max(0)..x1.min(img.width() as i32) {
                    if img.get_pixel(x as u32, y as u32).0[0] < 128 {
                        left = left.min(x);
                        right = right.max(x);
                    }
                }
            }
            let px = f64::from(right - left + 1);
            Some((content, px / DPI * 25.4))
        })
        .collect()
}

/// A signed-in client: cookies kept by hand, redirects not followed so
/// the sign-in's Set-Cookie is seen.
struct Staff {
    http: reqwest::Client,
    base: String,
    cookies: HashMap<String, String>,
}

impl Staff {
    async fn sign_in(base: &str, name: &str) -> Staff {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let mut s = Staff {
            http,
            base: base.to_owned(),
            cookies: HashMap::new(),
        };
        let page = s.get("/admin/login").await;
        let at = page.find(r#"name="csrf" value=""#).expect("a CSRF token");
        let csrf = page[at + 19..].split('"').next().unwrap().to_owned();
        let enc = |v: &str| url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>();
        let body = format!(
            "csrf={}&name={}&password={}&next=%2Fadmin",
            enc(&csrf),
            enc(name),
            enc(PASSWORD)
        );
        let r = s
            .http
            .post(format!("{}/admin/login", s.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", s.cookie_header())
            .body(body)
            .send()
            .await
            .unwrap();
        s.keep(&r);
        assert!(
            s.cookies.contains_key("madoguchi_session"),
            "signed in: {}",
            r.status()
        );
        s
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep(&mut self, r: &reqwest::Response) {
        for v in r.headers().get_all("set-cookie") {
            let c = cookie::Cookie::parse(v.to_str().unwrap().to_owned()).unwrap();
            self.cookies.insert(c.name().to_owned(), c.value().to_owned());
        }
    }

    async fn get(&mut self, path: &str) -> String {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .header("cookie", self.cookie_header())
            .send()
            .await
            .unwrap();
        self.keep(&r);
        assert_eq!(r.status(), 200, "{path}");
        r.text().await.unwrap()
    }
}

fn payload(base: &str, code: &str, source: &str) -> String {
    format!("{}/Q/{code}?source={source}", base.to_uppercase())
}

#[tokio::test]
#[ignore = "needs chromium, poppler-utils and zbar-tools (.ci/run installs them)"]
async fn printed_pages_decode_and_measure_right() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    // The first start creates the database with the samples (`user add`
    // refuses a database that does not exist yet).
    drop(start(&db));
    add_user(&db, "printer");
    let server = start(&db);
    let base = server.url.clone();

    // The public A4 poster, printed straight from the server.
    let pdf = dir.path().join("poster.pdf");
    print_to_pdf(&format!("{base}/poster/K7Q2"), &pdf);
    let (w, h, pages) = page_mm(&pdf);
    assert!(
        (w - 210.0).abs() < 1.0 && (h - 297.0).abs() < 1.0,
        "A4: {w} × {h} mm"
    );
    assert_eq!(pages, 1, "one sheet");
    let text = pdf_text(&pdf);
    assert!(text.contains("転入届"), "the Japanese title is text: {text}");
    // The server's address is loopback: the warning is on screen, not on paper.
    let screen = reqwest::get(format!("{base}/poster/K7Q2"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(screen.contains("まだ印刷しないでください"), "warned on screen");
    assert!(!text.contains("まだ印刷しないでください"), "not printed: {text}");
    for caption in [
        "スキャンすると",
        "스캔하면",
        "掃描即可",
        "สแกน",
        "Quét mã",
        "স্ক্যান",
        "ស្កេន",
        "ස්කෑන්",
        // Urdu's Nastaliq joins letters past what pdftotext maps back to
        // text; its font is checked below.
    ] {
        assert!(text.contains(caption), "{caption} is text in the PDF");
    }
    // No tofu: every script of the shipped captions is drawn with a font
    // that has it (Debian's fonts-noto-core, installed by .ci/run).
    let fonts = pdf_fonts(&pdf);
    for script in [
        "Bengali",
        "Devanagari",
        "Khmer",
        "Myanmar",
        "Sinhala",
        "Thai",
        "NastaliqUrdu",
    ] {
        assert!(
            fonts.contains(script),
            "no {script} font in the poster PDF:\n{fonts}"
        );
    }
    let png = rasterise(&pdf);
    assert_eq!(zbar(&png), vec![payload(&base, "K7Q2", "poster")]);
    let sizes = measure(&png);
    assert_eq!(sizes.len(), 1, "{sizes:?}");
    eprintln!("poster QR symbol on the A4 PDF: {:.1} mm", sizes[0].1);
    assert!(sizes[0].1 >= 80.0, "poster QR {:.1} mm", sizes[0].1);

    let mut staff = Staff::sign_in(&base, "printer").await;

    // The A5 counter stand.
    let html = staff.get("/admin/print/stand/H3N8").await;
    let file = dir.path().join("stand.html");
    std::fs::write(&file, html).unwrap();
    let pdf = dir.path().join("stand.pdf");
    print_to_pdf(&format!("file://{}", file.display()), &pdf);
    let (w, h, pages) = page_mm(&pdf);
    assert!(
        (w - 148.0).abs() < 1.0 && (h - 210.0).abs() < 1.0,
        "A5: {w} × {h} mm"
    );
    assert_eq!(pages, 1);
    assert!(pdf_text(&pdf).contains("国民健康保険"));
    let png = rasterise(&pdf);
    assert_eq!(zbar(&png), vec![payload(&base, "H3N8", "counter")]);
    let sizes = measure(&png);
    eprintln!("stand QR symbol on the A5 PDF: {:.1} mm", sizes[0].1);
    assert!(sizes[0].1 >= 35.0, "stand QR {:.1} mm", sizes[0].1);

    // Full label sheets in both layouts: every label decodes.
    let query: String = CODES.iter().map(|c| format!("code={c}&")).collect();
    // (layout, columns, rows, label width, label height, top margin) in mm.
    for (layout, cols, rows, w, h, top) in [("3x7", 3, 7, 70.0, 42.3, 0.4), ("2x5", 2, 5, 105.0, 57.0, 6.0)] {
        let per_sheet = cols * rows;
        let html = staff
            .get(&format!("/admin/print/labels?{query}layout={layout}&fill=1"))
            .await;
        let file = dir.path().join(format!("labels-{layout}.html"));
        std::fs::write(&file, html).unwrap();
        let pdf = dir.path().join(format!("labels-{layout}.pdf"));
        print_to_pdf(&format!("file://{}", file.display()), &pdf);
        let (pw, ph, pages) = page_mm(&pdf);
        assert!(
            (pw - 210.0).abs() < 1.0 && (ph - 297.0).abs() < 1.0,
            "A4: {pw} × {ph} mm"
        );
        assert_eq!(pages, 1, "{layout}: one sheet");
        assert!(pdf_text(&pdf).contains("住民票の写し"), "titles are text");
        // Each label, cut out where the stated layout puts it, decodes to
        // its code: every label is readable and in its place.
        for i in 0..per_sheet {
            let (col, row) = ((i % cols) as f64, (i / cols) as f64);
            let cell = rasterise_area(&pdf, &format!("{layout}-{i}"), col * w, top + row * h, w, h);
            let expect = payload(&base, CODES[i % CODES.len()], "letter");
            assert_eq!(zbar(&cell), vec![expect], "{layout}: label {i}");
        }
        // The whole sheet at once: zbar's full-page scan may skip a code
        // among many (each decodes alone, as above); whatever it finds is right.
        let png = rasterise(&pdf);
        let found = zbar(&png);
        eprintln!(
            "{layout}: zbar finds {} of {per_sheet} codes on the whole page",
            found.len()
        );
        assert!(found.len() >= per_sheet - 2, "{layout}: {found:?}");
        for f in &found {
            assert!(
                f.ends_with("?source=letter") && f.starts_with(&base.to_uppercase()),
                "{f}"
            );
        }
        let sizes = measure(&png);
        let smallest = sizes.iter().map(|s| s.1).fold(f64::MAX, f64::min);
        eprintln!(
            "{layout} label QR symbols: {} measured, smallest {smallest:.1} mm",
            sizes.len()
        );
        assert!(smallest >= 25.0, "{layout}: {smallest:.1} mm");
    }
}

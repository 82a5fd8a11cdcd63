//! The QR version (modules per side) of real payloads, upper- and
//! lower-case, with and without the `?source=` marker: the figures the
//! README quotes. `cargo test --test qr_versions -- --nocapture` prints them.

use madoguchi::domain::{BaseUrl, Code, Source};
use madoguchi::qr::version_and_width;

#[test]
fn versions_for_the_default_and_a_long_https_base_url() {
    let code = Code::parse("K7Q2").unwrap();
    let long = "https://qr.madoguchi.kumamoto.example.jp";
    assert_eq!(long.len(), 40);
    for (base, upper_version, lower_version) in [("http://127.0.0.1:8080", 2, 3), (long, 3, 5)] {
        let base = BaseUrl::parse(base).unwrap();
        let upper = base.qr_payload(&code);
        let lower = base.procedure_url(&code);
        assert_eq!(upper, upper.to_uppercase());
        let (uv, uw) = version_and_width(&upper).unwrap();
        let (lv, lw) = version_and_width(&lower).unwrap();
        let marked = base.qr_payload_from(&code, Some(Source::Counter));
        let (mv, mw) = version_and_width(&marked).unwrap();
        let lower_marked = format!("{lower}?source=counter");
        let (lmv, lmw) = version_and_width(&lower_marked).unwrap();
        println!("{upper}: version {uv} ({uw} modules); {lower}: version {lv} ({lw} modules)");
        println!("  {marked}: version {mv} ({mw}); {lower_marked}: version {lmv} ({lmw})");
        assert_eq!((uv, lv), (upper_version, lower_version), "{base}");
        assert!(mv <= lmv, "the marker never makes upper case worse");
    }
}

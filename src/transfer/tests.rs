use super::*;

const NOW: &str = "2026-01-01T00:00:00Z";

fn one(texts: &str) -> String {
    format!(
        r#"{{"format":"{FORMAT}","version":1,"procedures":[{{"code":"K7Q2","status":"published","category":"residence","revision":2,"texts":{texts}}}]}}"#
    )
}

fn text(rev: i64, title: &str) -> String {
    format!(
        r#"{{"revision":{rev},"title":"{title}","summary":"","bring":["a"],"steps":[],"office":"","floor":"","counter":"","hours":"","fee":"","contact":"","notes":""}}"#
    )
}

fn error_of(json: &str) -> String {
    parse(json, NOW).unwrap_err().to_string()
}

#[test]
fn a_valid_file_parses() {
    let json = one(&format!(
        r#"{{"ja":{},"tl":{}}}"#,
        text(2, "転入届"),
        text(1, "Lipat")
    ));
    let ps = parse(&json, NOW).unwrap().procedures;
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0].texts.len(), 2);
    // tl is read as fil, and a missing time becomes now.
    assert!(
        ps[0]
            .texts
            .iter()
            .any(|t| t.lang.to_string() == "fil" && t.updated == NOW)
    );
}

#[test]
fn errors_name_record_and_field() {
    let no_ja = one(&format!(r#"{{"en":{}}}"#, text(2, "Moving in")));
    assert_eq!(
        error_of(&no_ja),
        r#"procedure #1 (code "K7Q2"): texts.ja: the Japanese source text is required"#
    );
    let empty_title = one(&format!(
        r#"{{"ja":{},"vi":{}}}"#,
        text(2, "転入届"),
        text(1, " ")
    ));
    assert!(error_of(&empty_title).contains("texts.vi.title: must not be empty"));
    let future = one(&format!(
        r#"{{"ja":{},"en":{}}}"#,
        text(2, "転入届"),
        text(3, "x")
    ));
    assert!(error_of(&future).contains("texts.en.revision"));
    let bad_lang = one(&format!(
        r#"{{"ja":{},"<b>":{}}}"#,
        text(2, "転入届"),
        text(1, "x")
    ));
    assert!(error_of(&bad_lang).contains("texts.<b>:"));
    let ctrl = one(&format!(r#"{{"ja":{}}}"#, text(2, "a\\u0007b")));
    assert!(error_of(&ctrl).contains("texts.ja.title: contains control characters"));
}

#[test]
fn unknown_fields_are_refused() {
    let json = one(&format!(
        r#"{{"ja":{}}}"#,
        text(2, "x").replace("\"notes\"", "\"nots\"")
    ));
    assert!(
        error_of(&json).contains("unknown field `nots`"),
        "{}",
        error_of(&json)
    );
}

#[test]
fn duplicate_codes_are_refused() {
    let p = format!(
        r#"{{"code":"K7Q2","status":"draft","category":"x","revision":1,"texts":{{"ja":{}}}}}"#,
        text(1, "x")
    );
    let json = format!(r#"{{"format":"{FORMAT}","version":1,"procedures":[{p},{p}]}}"#);
    assert!(error_of(&json).starts_with("procedure #2 (code \"K7Q2\"): code:"));
}

#[test]
fn duplicate_keys_are_refused_with_record_and_key_named() {
    let json = one(&format!(
        r#"{{"ja":{},"vi":{},"vi":{}}}"#,
        text(2, "転入届"),
        text(1, "Chuyển đến"),
        text(1, "Khác")
    ));
    let e = error_of(&json);
    assert!(
        e.contains("procedure #1") && e.contains("K7Q2") && e.contains("texts.vi"),
        "{e}"
    );
    assert!(e.contains("more than once"), "{e}");
    // Inside a record, a repeated field is refused by the parser, with its place.
    let json = one(&format!(
        r#"{{"ja":{}}}"#,
        text(2, "転入届").replacen("\"title\"", "\"title\":\"x\",\"title\"", 1)
    ));
    let e = error_of(&json);
    assert!(e.contains("duplicate field `title`"), "{e}");
    // Offices too.
    let office = r#"{"name":"区役所","address":"","floor":"","counter":"","hours":""}"#;
    let json = format!(
        r#"{{"format":"{FORMAT}","version":1,"offices":[{{"id":1,"texts":{{"ja":{office},"ja":{office}}}}}],"procedures":[]}}"#
    );
    let e = error_of(&json);
    assert!(
        e.contains("office #1") && e.contains("texts.ja") && e.contains("more than once"),
        "{e}"
    );
}

//! The two stores behave alike: one script of store operations runs on
//! SQLite and on PostgreSQL (when a server is at hand: `MADOGUCHI_TEST_PG`,
//! or the local default) and every answer is compared, times aside.
//! PostgreSQL's own faults (a held write lock, a read-only database) are
//! checked here too; SQLite's are in `faults.rs`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use madoguchi::domain::{Actor, CategorySlug, Code, LangTag, OfficeFields, Role, Status, TextFields};
use madoguchi::stats::ScanKey;
use madoguchi::store::{Database, Fault, OpenOptions, Store, scratch};

fn code(s: &str) -> Code {
    Code::parse(s).unwrap()
}

fn tag(s: &str) -> LangTag {
    LangTag::parse(s).unwrap()
}

/// Every RFC 3339 time (`2026-12-04T19:19:30Z`) as `<time>`: the two runs
/// happen seconds apart.
fn timeless(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let is_time = b.len() - i >= 20
            && b[i..i + 20].iter().enumerate().all(|(k, c)| match k {
                4 | 7 => *c == b'-',
                10 => *c == b'T',
                13 | 16 => *c == b':',
                19 => *c == b'Z',
                _ => c.is_ascii_digit(),
            });
        if is_time {
            out.push_str("<time>");
            i += 20;
        } else {
            let ch = s[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

fn office(name: &str) -> OfficeFields {
    OfficeFields {
        name: name.into(),
        address: "熊本市中央区手取本町1-1".into(),
        floor: "1階".into(),
        counter: "3番".into(),
        hours: "8:30–17:15".into(),
    }
}

/// Runs the script on `store`; returns what it saw, one line per answer.
async fn script(store: &Store) -> String {
    let mut log = String::new();
    let actor = Actor::system("parity");
    let mut say = |what: &str, value: String| {
        writeln!(log, "{what}: {}", timeless(&value)).unwrap();
    };
    madoguchi::samples::load_if_empty(store).await.unwrap();
    let mut seen = store.changes_since(None).await.unwrap().seq;

    // An import that brings offices with ids of their own; the next office
    // made here gets the next id, in both.
    let file = r#"{"format":"madoguchi-procedures","version":1,
        "offices":[{"id":5,"texts":{"ja":{"name":"東区役所","address":"東区1"}}},
                   {"id":9,"texts":{"ja":{"name":"西区役所","address":"西区1"},"en":{"name":"Nishi Ward Office"}}}],
        "procedures":[{"code":"ZZ7Q","status":"published","category":"newcat","revision":1,"office":9,
          "texts":{"ja":{"revision":1,"title":"転入届","summary":"s","bring":["在留カード"],"steps":["窓口へ"],
                   "office":"","floor":"","counter":"","hours":"","fee":"無料","contact":"","notes":""}}}]}"#;
    let t = madoguchi::transfer::parse(file, "2026-01-01T00:00:00Z").unwrap();
    store.import(&t, &actor).await.unwrap();
    let made = store.create_office(&office("北区役所"), &actor).await.unwrap();
    say("office made after an import", made.to_string());
    store
        .save_office_text(9, &tag("vi"), &office("Văn phòng quận Nishi"), &actor)
        .await
        .unwrap();
    say("offices", format!("{:?}", store.offices().await.unwrap()));
    let changes = store.changes_since(Some(seen)).await.unwrap();
    say("changed by import and office", format!("{:?}", changes.changed));
    seen = changes.seq;

    // A procedure's life: create, edit, a conflict, a translation, archive.
    let ja = TextFields {
        title: "児童手当".into(),
        summary: "手当の申請".into(),
        bring: vec!["通帳".into(), "保険証".into()],
        steps: vec!["申請書を書く".into()],
        ..TextFields::default()
    };
    let new = store.create_procedure("children", &ja, &actor).await.unwrap();
    let p = store.procedure(&new).await.unwrap().unwrap();
    say("created", format!("{:?} {:?}", p.status, p.texts.len()));
    let edited = TextFields {
        fee: "無料".into(),
        ..ja.clone()
    };
    let saved = store
        .update_source(&new, "children", &edited, 1, &actor)
        .await
        .unwrap();
    say("source saved", format!("{saved:?}"));
    let stale = store
        .update_source(&new, "children", &ja, 1, &actor)
        .await
        .unwrap();
    say("from an old version", format!("{stale:?}"));
    let vi = TextFields {
        title: "Trợ cấp trẻ em".into(),
        ..TextFields::default()
    };
    for base in [None, None, Some(1)] {
        let r = store
            .save_translation(&new, &tag("vi"), &vi, 2, base, &actor)
            .await
            .unwrap();
        say("translation", format!("{r:?}"));
    }
    store
        .set_status(&new, Status::Published, &[], &actor)
        .await
        .unwrap();
    store
        .set_status(
            &code("K7Q2"),
            Status::Archived,
            &[(tag("ja"), "終了しました".into())],
            &actor,
        )
        .await
        .unwrap();
    store
        .set_stale_policy(&code("K7Q2"), madoguchi::domain::StalePolicy::Fallback, &actor)
        .await
        .unwrap();
    store
        .set_procedure_office(&new, Some(made), &actor)
        .await
        .unwrap();
    let changes = store.changes_since(Some(seen)).await.unwrap();
    let madoguchi::store::Changed::Codes(codes) = changes.changed else {
        panic!("codes, not {:?}", changes.changed)
    };
    let mut codes: Vec<String> = codes
        .iter()
        .map(|c| c.as_str().replace(new.as_str(), "NEW"))
        .collect();
    codes.sort();
    say("changed by edits", codes.join(" "));

    let mut all = store.all_procedures().await.unwrap();
    all.retain(|p| p.code != new);
    say("procedures", format!("{all:?}"));
    let p = store.procedure(&new).await.unwrap().unwrap();
    say("new procedure", format!("{p:?}").replace(new.as_str(), "NEW"));
    // The new procedure's code is random, so where it sorts is too: each
    // list is compared as its rows, with that code as NEW, in sorted order.
    let rows = |items: Vec<String>| {
        let mut items: Vec<String> = items.iter().map(|i| i.replace(new.as_str(), "NEW")).collect();
        items.sort();
        items.join("\n")
    };
    let titles = store.published_titles().await.unwrap();
    say(
        "published titles",
        rows(titles.iter().map(|t| format!("{t:?}")).collect()),
    );
    for (search, status) in [
        ("k7q2", None),
        ("手当", Some(Status::Published)),
        ("%", None),
        ("", Some(Status::Archived)),
    ] {
        let found = store.admin_list(search, status, None).await.unwrap();
        say(
            &format!("list {search:?} {status:?}"),
            rows(found.iter().map(|r| format!("{r:?}")).collect()),
        );
    }
    // Case is ignored for ASCII letters only, as SQLite's LIKE does.
    let dv = r#"{"format":"madoguchi-procedures","version":1,"procedures":[{"code":"DV2Z",
        "status":"draft","category":"living","revision":1,"texts":{"ja":{"revision":1,
        "title":"ＤＶ相談 (DV)","summary":"","bring":[],"steps":[],"office":"","floor":"",
        "counter":"","hours":"","fee":"","contact":"","notes":""}}}]}"#;
    let dv = madoguchi::transfer::parse(dv, "2026-01-01T00:00:00Z").unwrap();
    store.import(&dv, &actor).await.unwrap();
    for search in ["ｄｖ", "ＤＶ", "dv"] {
        let found = store.admin_list(search, None, None).await.unwrap();
        say(&format!("list {search:?}"), found.len().to_string());
    }
    let matrix = store.translation_matrix(&[tag("en"), tag("vi")]).await.unwrap();
    say("matrix", rows(matrix.iter().map(|r| format!("{r:?}")).collect()));

    // Categories: one named by staff, one made by a procedure's slug.
    let names = BTreeMap::from([
        ("ja".to_owned(), "ごみ".to_owned()),
        ("en".to_owned(), "Rubbish".to_owned()),
    ]);
    let slug = CategorySlug::parse("rubbish").unwrap();
    for _ in 0..2 {
        let r = store.create_category(&slug, &names, &actor).await.unwrap();
        say("category", format!("{r:?}"));
    }
    store.update_category("newcat", &names, &actor).await.unwrap();
    say("categories", format!("{:?}", store.categories().await.unwrap()));
    say(
        "exists",
        format!("{:?}", store.category_exists("newcat").await.unwrap()),
    );

    // Staff: names unique regardless of case, found regardless of case.
    let hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
    for name in ["Tanaka", "tanaka", "suzuki", "Abe"] {
        let id = store
            .create_user(name, hash, Role::Translator, &[tag("vi")], false, &actor)
            .await
            .unwrap();
        // Ids are opaque: PostgreSQL's sequence moves on a refused insert too.
        say(&format!("user {name}"), format!("{:?}", id.is_some()));
    }
    let (tanaka, _) = store.user_for_sign_in("TANAKA").await.unwrap().unwrap();
    let staff = |u: &madoguchi::domain::User| format!("{} {:?} {:?} {}", u.name, u.role, u.langs, u.disabled);
    say("signed in as", staff(&tanaka));
    let users: Vec<String> = store.users().await.unwrap().iter().map(staff).collect();
    say("users", users.join(", "));
    let (token, _) = store.create_session(tanaka.id).await.unwrap();
    say(
        "session",
        format!("{:?}", store.session(&token).await.unwrap().map(|s| s.user.name)),
    );
    store
        .age_sessions(madoguchi::store::SESSION_IDLE + 1)
        .await
        .unwrap();
    say(
        "idle session",
        format!("{:?}", store.session(&token).await.unwrap().is_some()),
    );
    store
        .update_user(&tanaka, Role::Editor, &[], true, &actor)
        .await
        .unwrap();
    let (secret_id, secret) = store
        .create_token("cms", Role::Editor, &[], tanaka.id, &actor)
        .await
        .unwrap();
    say(
        "token of a disabled user",
        format!("{:?}", store.token_for_secret(&secret).await.unwrap().is_some()),
    );
    say(
        "revoked",
        format!("{:?}", store.revoke_token(secret_id, &actor).await.unwrap()),
    );
    say(
        "revoked again",
        format!("{:?}", store.revoke_token(secret_id, &actor).await.unwrap()),
    );
    say("tokens", format!("{:?}", store.tokens().await.unwrap()));

    // Scans: added in batches, folded past the per-day bound.
    let key = |requested: &str, served: &str| ScanKey {
        day: "2026-12-04".into(),
        code: "K7Q2".into(),
        requested: requested.into(),
        served: served.into(),
        source: "poster".into(),
    };
    let mut batch: Vec<(ScanKey, i64)> = (0..madoguchi::store::MAX_REQUESTED_PER_DAY + 5)
        .map(|i| (key(&format!("x-{i}"), "en"), 1))
        .collect();
    batch.push((key("vi-VN", "vi"), 3));
    store.add_scans(&batch).await.unwrap();
    store.add_scans(&[(key("vi-VN", "vi"), 2)]).await.unwrap();
    say(
        "per day",
        format!("{:?}", store.scans_per_day("2000-01-01").await.unwrap()),
    );
    say(
        "per procedure",
        format!("{:?}", store.scans_per_procedure("2000-01-01").await.unwrap()),
    );
    say(
        "per requested",
        format!("{:?}", store.scans_per_requested("2000-01-01").await.unwrap()),
    );
    say(
        "per source",
        format!("{:?}", store.scans_per_source("2000-01-01").await.unwrap()),
    );
    say(
        "rows",
        store.scans_since("2000-01-01").await.unwrap().len().to_string(),
    );

    // The audit log, newest first, filtered both ways.
    let entries = store.audit(None, None, 1000).await.unwrap();
    let entries: Vec<String> = entries
        .iter()
        .map(|e| {
            format!(
                "{} {} {:?} {:?} {:?}",
                e.action, e.entity, e.procedure, e.before, e.after
            )
        })
        .collect();
    say("audit", entries.join("\n").replace(new.as_str(), "NEW"));
    say(
        "audit of K7Q2",
        store
            .audit(Some("K7Q2"), Some("system:parity"), 100)
            .await
            .unwrap()
            .len()
            .to_string(),
    );
    log
}

#[tokio::test]
async fn both_stores_answer_the_same_script_alike() {
    let stores = scratch::each().await;
    let mut transcripts = Vec::new();
    for store in &stores {
        transcripts.push(script(store).await);
    }
    if let [sqlite, postgres] = &transcripts[..] {
        for (line, (a, b)) in sqlite.lines().zip(postgres.lines()).enumerate() {
            if let Some(at) = a
                .char_indices()
                .zip(b.chars())
                .find(|((_, x), y)| x != y)
                .map(|((i, _), _)| i)
            {
                let from = a.floor_char_boundary(at.saturating_sub(150));
                panic!(
                    "line {} differs at {at}:\nSQLite:     …{}\nPostgreSQL: …{}",
                    line + 1,
                    &a[from..a.ceil_char_boundary((at + 150).min(a.len()))],
                    &b[b.floor_char_boundary(from.min(b.len()))
                        ..b.ceil_char_boundary((at + 150).min(b.len()))],
                );
            }
            assert_eq!(a.len(), b.len(), "line {}: one is longer", line + 1);
        }
        assert_eq!(sqlite.lines().count(), postgres.lines().count());
    }
    // The script means something: spot checks on SQLite's answers.
    let t = &transcripts[0];
    assert!(t.contains("office made after an import: 10"), "{t}");
    assert!(
        t.contains("user tanaka: false"),
        "names are unique regardless of case"
    );
    assert!(t.contains("signed in as: Tanaka Translator"), "{t}");
    assert!(t.contains("idle session: false"));
    assert!(t.contains("token of a disabled user: false"));
    assert!(
        t.contains("list \"k7q2\" None: AdminRow { code: \"K7Q2\""),
        "search ignores case"
    );
    assert!(t.contains("from an old version: Conflict"));
    assert!(
        t.contains("list \"ｄｖ\": 0") && t.contains("list \"ＤＶ\": 1") && t.contains("list \"dv\": 1"),
        "{t}"
    );
    assert!(t.contains("audit of K7Q2: 2"), "archived and its policy set: {t}");
    assert!(
        t.contains("per requested: [Tally { key: \"*\", count: 10 }"),
        "past {} requested languages a day, the rest are folded: {t}",
        madoguchi::store::MAX_REQUESTED_PER_DAY
    );
}

/// A PostgreSQL store for one test, or `None` (said) without a server.
async fn postgres() -> Option<(Store, String)> {
    let pg = scratch::postgres().await;
    if pg.is_none() {
        eprintln!("no PostgreSQL server: skipped");
    }
    pg
}

#[tokio::test]
async fn postgres_says_busy_when_another_writer_holds_the_lock_too_long() {
    let Some((store, url)) = postgres().await else {
        return;
    };
    madoguchi::samples::load_if_empty(&store).await.unwrap();
    let quick = OpenOptions {
        busy_timeout: Duration::from_millis(300),
        ..OpenOptions::default()
    };
    let other = Store::open_database(&Database::Postgres(url.clone()), &quick)
        .await
        .unwrap();
    // Someone else (another node, say) is in the middle of a long write.
    let pool = store.postgres().unwrap();
    let mut holder = pool.begin().await.unwrap();
    sqlx::query("SELECT pg_advisory_xact_lock(madoguchi_write_lock())")
        .execute(&mut *holder)
        .await
        .unwrap();
    let e = other
        .create_office(&office("南区役所"), &Actor::system("test"))
        .await
        .unwrap_err();
    assert_eq!(Fault::of(&e), Some(Fault::Busy), "{e:#}");
    holder.rollback().await.unwrap();
    other
        .create_office(&office("南区役所"), &Actor::system("test"))
        .await
        .expect("the write goes through once the lock is free");
}

#[tokio::test]
async fn a_read_only_postgres_serves_reads_and_refuses_writes_as_read_only() {
    let Some((store, url)) = postgres().await else {
        return;
    };
    madoguchi::samples::load_if_empty(&store).await.unwrap();
    let read_only = OpenOptions {
        read_only: true,
        ..OpenOptions::default()
    };
    let ro = Store::open_database(&Database::Postgres(url), &read_only)
        .await
        .unwrap();
    assert!(ro.is_read_only());
    assert!(ro.procedure(&code("K7Q2")).await.unwrap().is_some());
    let e = ro
        .create_office(&office("南区役所"), &Actor::system("test"))
        .await
        .unwrap_err();
    assert_eq!(Fault::of(&e), Some(Fault::ReadOnly), "{e:#}");
    let e = ro.check_writable().await.unwrap_err();
    assert_eq!(Fault::of(&e), Some(Fault::ReadOnly), "{e:#}");
    store.check_writable().await.expect("the other is writable");
}

#[tokio::test]
async fn a_tool_refuses_a_postgres_database_that_was_never_set_up() {
    // A schema of its own with nothing in it.
    let Some(empty) = scratch::schema_for_file() else {
        return;
    };
    let empty: Database = empty.parse().unwrap();
    let e = Store::open_existing(&empty).await.unwrap_err();
    assert!(e.to_string().contains("holds no madoguchi database"), "{e:#}");
    // And it stays empty: nothing was migrated into it.
    let e = Store::open_existing(&empty).await.unwrap_err();
    assert!(e.to_string().contains("holds no madoguchi database"), "{e:#}");
}

#[tokio::test]
async fn postgres_tells_listening_servers_of_each_committed_change() {
    let Some((store, _)) = postgres().await else {
        return;
    };
    madoguchi::samples::load_if_empty(&store).await.unwrap();
    let pool = store.postgres().unwrap();
    let schema: String = sqlx::query_scalar("SELECT current_schema()::text")
        .fetch_one(pool)
        .await
        .unwrap();
    let mut listener = sqlx::postgres::PgListener::connect_with(pool).await.unwrap();
    listener.listen("madoguchi_changes").await.unwrap();
    store
        .set_stale_policy(
            &code("K7Q2"),
            madoguchi::domain::StalePolicy::Fallback,
            &Actor::system("test"),
        )
        .await
        .unwrap();
    let told = tokio::time::timeout(Duration::from_secs(5), listener.recv())
        .await
        .expect("told within 5 s")
        .unwrap();
    assert_eq!(told.payload(), schema, "the schema that changed");
}

//! `archive export|import`: a municipality's whole data as one file, read
//! back into SQLite and into PostgreSQL alike (issue 16, item 3: export and
//! import per tenant, the tenant's data whole).

use madoguchi::domain::{Actor, LangTag, OfficeFields, Role};
use madoguchi::stats::ScanKey;
use madoguchi::store::Store;
use madoguchi::store::scratch;
use serde_json::Value;

fn actor() -> Actor {
    Actor::system("test")
}

/// A store with something in every table the archive carries.
async fn filled(store: &Store) {
    madoguchi::samples::load_if_empty(store).await.unwrap();
    let hash = madoguchi::auth::hash_password("a long test password").unwrap();
    let vi = LangTag::parse("vi").unwrap();
    let id = store
        .create_user(
            "Tanaka",
            &hash,
            Role::Translator,
            std::slice::from_ref(&vi),
            false,
            &actor(),
        )
        .await
        .unwrap()
        .unwrap();
    store
        .create_token("printer", Role::Editor, &[], id, &actor())
        .await
        .unwrap();
    let (revoked, _) = store
        .create_token("old", Role::Editor, &[], id, &actor())
        .await
        .unwrap();
    store.revoke_token(revoked, &actor()).await.unwrap();
    let office = OfficeFields {
        name: "中央区役所".into(),
        address: "中央区手取本町1-1\n2階".into(),
        floor: "1F".into(),
        counter: "3番".into(),
        hours: "8:30〜17:15".into(),
    };
    let office_id = store.create_office(&office, &actor()).await.unwrap();
    store
        .save_office_text(office_id, &vi, &office, &actor())
        .await
        .unwrap();
    store
        .add_scans(&[(
            ScanKey {
                day: "2026-12-01".into(),
                code: "K7Q2".into(),
                requested: "vi".into(),
                served: "vi".into(),
                source: "poster".into(),
            },
            3,
        )])
        .await
        .unwrap();
}

fn tables(archive: &str) -> serde_json::Map<String, Value> {
    let v: Value = serde_json::from_str(archive).unwrap();
    assert_eq!(v["format"], "madoguchi-archive");
    v["tables"].as_object().unwrap().clone()
}

/// The archive's tables but the audit log's entry for the import itself.
fn without_import_entry(archive: &str) -> serde_json::Map<String, Value> {
    let mut t = tables(archive);
    let audit = t["audit_log"].as_array_mut().unwrap();
    let last = audit.pop().unwrap();
    assert_eq!(last["action"], "archive.import");
    t
}

#[tokio::test]
async fn an_archive_reads_back_the_same_into_either_database() {
    let source = scratch::store().await;
    filled(&source).await;
    let archive = source.export_archive().await.unwrap();
    let t = tables(&archive);
    for (table, at_least) in [
        ("categories", 3),
        ("category_names", 3),
        ("offices", 1),
        ("office_texts", 2),
        ("procedures", 5),
        ("procedure_texts", 10),
        ("users", 1),
        ("api_tokens", 2),
        ("audit_log", 5),
        ("scan_counts", 1),
    ] {
        let n = t[table].as_array().unwrap().len();
        assert!(n >= at_least, "{table}: {n} rows");
    }
    assert!(!archive.contains("sessions") && !archive.contains("sign_in_failures"));

    for target in scratch::each().await {
        target.import_archive(&archive, &actor()).await.unwrap();
        let again = target.export_archive().await.unwrap();
        assert_eq!(without_import_entry(&again), t, "the same rows in {target:?}");
        // Numbering goes on after the imported ids.
        let office = target
            .create_office(
                &OfficeFields {
                    name: "北区役所".into(),
                    ..Default::default()
                },
                &actor(),
            )
            .await
            .unwrap();
        let max = t["offices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_i64().unwrap())
            .max()
            .unwrap();
        assert!(office > max);
        // The accounts came along, and sign in as before.
        let (user, hash) = target.user_for_sign_in("tanaka").await.unwrap().unwrap();
        assert_eq!(user.langs, [LangTag::parse("vi").unwrap()]);
        assert!(madoguchi::auth::verify_password("a long test password", &hash));
        assert_eq!(target.tokens().await.unwrap().len(), 2);
        // A second load is refused: the database is not empty any more.
        let err = target.import_archive(&archive, &actor()).await.unwrap_err();
        assert!(format!("{err:#}").contains("empty one"), "{err:#}");
    }
}

#[tokio::test]
async fn a_bad_archive_loads_nothing() {
    let source = scratch::store().await;
    filled(&source).await;
    let archive = source.export_archive().await.unwrap();
    let mut v: Value = serde_json::from_str(&archive).unwrap();
    v["schema"] = Value::from(3);
    let old = v.to_string();
    let mut v: Value = serde_json::from_str(&archive).unwrap();
    v["tables"]["users"][0]["shoe_size"] = Value::from(42);
    let unknown_column = v.to_string();
    let mut v: Value = serde_json::from_str(&archive).unwrap();
    // The last table is broken: everything before it must be undone.
    v["tables"]["scan_counts"][0]["count"] = Value::from(0);
    let broken_last = v.to_string();
    for target in scratch::each().await {
        for (bad, says) in [
            (old.as_str(), "database version 3"),
            (unknown_column.as_str(), "no column \"shoe_size\""),
            (broken_last.as_str(), "loading scan_counts"),
            ("{}", "not a madoguchi archive"),
        ] {
            let err = target.import_archive(bad, &actor()).await.unwrap_err();
            assert!(format!("{err:#}").contains(says), "{says}: {err:#}");
            assert!(target.all_procedures().await.unwrap().is_empty());
            assert_eq!(target.user_count().await.unwrap(), 0);
        }
        target.import_archive(&archive, &actor()).await.unwrap();
    }
}

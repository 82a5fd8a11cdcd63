//! `madoguchi user add NAME --role ROLE [--langs vi,ne]`, password on stdin.

use anyhow::Context;

use crate::auth;
use crate::domain::{Actor, Role, UserName, parse_lang_list};
use crate::store::{Database, Store};

pub async fn add(db: &Database, name: &str, role: &str, langs: &str, password: &str) -> anyhow::Result<()> {
    let name = UserName::parse(name)?;
    let role: Role = role.parse()?;
    let langs = parse_lang_list(langs)?;
    let password = password.trim_end_matches(['\r', '\n']);
    if let Some(problem) = auth::password_problem(password, name.as_str()) {
        anyhow::bail!(
            "password refused ({problem}): at least {} characters, not the user name",
            auth::MIN_PASSWORD_CHARS
        );
    }
    let hash = auth::hash_password(password)?;
    let store = Store::open_existing(db)
        .await
        .with_context(|| format!("opening {db}"))?;
    match store
        .create_user(name.as_str(), &hash, role, &langs, false, &Actor::system("cli"))
        .await?
    {
        Some(_) => {
            eprintln!("added {} ({role})", name.as_str());
            Ok(())
        }
        None => anyhow::bail!("a user named {} already exists", name.as_str()),
    }
}

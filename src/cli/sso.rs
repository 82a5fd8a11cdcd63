//! `madoguchi [--tenant SLUG] sso set|show|off`: a site's single sign-on.

use anyhow::Context;
use clap::Subcommand;

use crate::domain::{Actor, GroupRule, SsoConfig};
use crate::store::{Database, Store};

#[derive(Debug, Subcommand)]
pub enum SsoCommand {
    /// Sign staff in with an OpenID Provider (authorization code with
    /// PKCE). Its client's callback is BASE_URL/admin/oidc/callback and
    /// its sign-out return BASE_URL/admin/login.
    Set {
        /// The provider's issuer, exactly as it names itself, e.g.
        /// https://login.example.jp/realms/city
        #[arg(long)]
        issuer: String,
        #[arg(long)]
        client_id: String,
        /// A file holding the client secret (not on the command line, where
        /// other users could see it).
        #[arg(long, env = "MADOGUCHI_SSO_CLIENT_SECRET_FILE")]
        client_secret_file: std::path::PathBuf,
        /// GROUP=ROLE, or GROUP=translator:LANGS (repeatable): members of
        /// the provider's group get that role here; no group, no entry.
        #[arg(long = "group", required = true)]
        groups: Vec<String>,
        /// Local passwords no longer sign in (`sso off` turns them on again).
        #[arg(long)]
        no_passwords: bool,
        /// A scope to ask for besides openid (repeatable; default: profile
        /// and groups). Entra ID, for one, refuses a scope named groups.
        #[arg(long = "scope")]
        scopes: Vec<String>,
        /// The ID token claim that holds the groups (default: groups; e.g.
        /// roles for Entra ID's app roles).
        #[arg(long, default_value = "groups")]
        groups_claim: String,
    },
    /// Show the site's single sign-on (not the secret).
    Show,
    /// Stop single sign-on; local passwords sign in again.
    Off,
}

pub async fn run(db: &Database, command: SsoCommand) -> anyhow::Result<()> {
    let store = Store::open_existing(db).await?;
    let actor = Actor::system("cli");
    match command {
        SsoCommand::Set {
            issuer,
            client_id,
            client_secret_file,
            groups,
            no_passwords,
            scopes,
            groups_claim,
        } => {
            let secret = std::fs::read_to_string(&client_secret_file)
                .with_context(|| format!("reading {}", client_secret_file.display()))?;
            let secret = secret.trim().to_owned();
            anyhow::ensure!(!secret.is_empty(), "{} is empty", client_secret_file.display());
            let issuer_url = url::Url::parse(&issuer).with_context(|| format!("the issuer {issuer:?}"))?;
            // Tokens and secrets cross this connection: https, unless on this machine.
            anyhow::ensure!(
                issuer_url.scheme() == "https" || crate::sso::on_this_machine(&issuer),
                "the issuer must be an https:// address (http:// only on this machine)"
            );
            let rules = groups
                .iter()
                .map(|g| GroupRule::parse(g).with_context(|| format!("--group {g:?}")))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let cfg = SsoConfig {
                issuer,
                client_id,
                client_secret: secret,
                passwords: !no_passwords,
                rules,
                scopes: if scopes.is_empty() {
                    vec!["profile".into(), "groups".into()]
                } else {
                    scopes
                },
                groups_claim,
            };
            store.set_sso(&cfg, &actor).await?;
            eprintln!(
                "single sign-on set for {db}: {}{}",
                cfg.issuer,
                if cfg.passwords {
                    ""
                } else {
                    "; local passwords no longer sign in"
                }
            );
            Ok(())
        }
        SsoCommand::Show => {
            match store.sso_config().await? {
                Some(c) => {
                    println!(
                        "issuer\t{}\nclient_id\t{}\npasswords\t{}\nscopes\t{}\ngroups_claim\t{}",
                        c.issuer,
                        c.client_id,
                        c.passwords,
                        c.scopes.join(" "),
                        c.groups_claim
                    );
                    for r in c.rules {
                        println!("group\t{r}");
                    }
                }
                None => println!("off"),
            }
            Ok(())
        }
        SsoCommand::Off => {
            let was = store.clear_sso(&actor).await?;
            eprintln!(
                "{}",
                if was {
                    "single sign-on is off"
                } else {
                    "single sign-on was not on"
                }
            );
            Ok(())
        }
    }
}

//! The command line: parsing (clap) and one function per subcommand.

mod archive;
mod backup;
mod connections;
mod live;
mod locales;
mod platform;
mod serve;
mod sso;
mod tenant;
mod translations;
mod user;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use crate::domain::{BaseUrl, Code};
use crate::store::{Database, Store};
use crate::{qr, transfer};

#[derive(Debug, Parser)]
#[command(
    name = "madoguchi",
    version,
    about = "Multilingual guidance for city procedures, reached by QR code"
)]
pub struct Cli {
    /// SQLite database file (created and migrated when missing), or a
    /// PostgreSQL URL, postgres://user@host/dbname (migrated when behind).
    /// `--help` does not show the variable's value: it may hold a password.
    #[arg(
        long,
        env = "MADOGUCHI_DB",
        default_value = "madoguchi.db",
        hide_env_values = true,
        global = true
    )]
    pub db: Database,
    /// Public address printed in QR codes, e.g. https://madoguchi.example.jp
    /// (default for `serve`: http:// and the address it listens on).
    #[arg(long, env = "MADOGUCHI_BASE_URL", global = true)]
    pub base_url: Option<String>,
    /// For the tools (import, export, backup, user, translations, qr):
    /// work on this tenant's database instead of the home one.
    #[arg(long, env = "MADOGUCHI_TENANT", global = true)]
    pub tenant: Option<String>,
    /// Log lines as human-readable text or as JSON objects.
    #[arg(long, env = "MADOGUCHI_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web service.
    Serve {
        /// Address to listen on (port 0 picks a free port).
        #[arg(long, env = "MADOGUCHI_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Do not load the sample procedures into an empty database.
        #[arg(long, env = "MADOGUCHI_NO_SAMPLES")]
        no_samples: bool,
        /// Locale folders (default: ./locales when it exists, else the built-in set).
        #[arg(long, env = "MADOGUCHI_LOCALES")]
        locales: Option<PathBuf>,
        /// Serve Prometheus metrics at /metrics on this separate address
        /// (keep it private: loopback or an internal network).
        #[arg(long, env = "MADOGUCHI_METRICS_ADDR")]
        metrics_addr: Option<SocketAddr>,
        /// QR images one client address may fetch per minute (0: no limit).
        #[arg(long, env = "MADOGUCHI_QR_PER_MINUTE", default_value_t = crate::QR_RENDERS_PER_MINUTE)]
        qr_per_minute: u32,
        /// Open the database without write access (a read-only disk or a
        /// copy): public pages are served, staff changes refused.
        #[arg(long, env = "MADOGUCHI_READ_ONLY")]
        read_only: bool,
        /// The reverse proxy's address (repeatable, or comma-separated):
        /// for connections from it, the client is the last address in
        /// X-Forwarded-For, so sign-in and QR limits apply per visitor.
        #[arg(long, env = "MADOGUCHI_TRUSTED_PROXY", value_delimiter = ',')]
        trusted_proxy: Vec<std::net::IpAddr>,
        /// Whose service this is, printed on posters: `熊本市`, or per
        /// language `ja=熊本市; en=Kumamoto City`.
        #[arg(long, env = "MADOGUCHI_SITE_NAME", default_value = "")]
        site_name: String,
        /// The time zone staff pages show times in (IANA name).
        #[arg(long, env = "MADOGUCHI_TIME_ZONE", default_value = crate::i18n::dates::ZONE)]
        time_zone: String,
        /// Seconds a connection may take to send a complete request head,
        /// counted from connecting or from the previous response (so it is
        /// also the idle keep-alive timeout).
        #[arg(long, env = "MADOGUCHI_HEADER_TIMEOUT", default_value_t = connections::HEADER_READ_TIMEOUT.as_secs(),
              value_parser = clap::value_parser!(u64).range(1..=3600))]
        header_timeout: u64,
        /// Connections served at once; more wait in the listen queue. Keep
        /// it well below the open-file limit (`ulimit -n`).
        #[arg(long, env = "MADOGUCHI_MAX_CONNECTIONS", default_value_t = connections::MAX_CONNECTIONS)]
        max_connections: usize,
        /// Megabytes of rendered guidance pages kept in memory; the least
        /// used are rendered again when asked for.
        #[arg(long, env = "MADOGUCHI_PAGE_CACHE_MB", default_value_t = crate::web::DEFAULT_BUDGET_MB,
              value_parser = clap::value_parser!(u64).range(1..=65_536))]
        page_cache_mb: u64,
        /// Folder for the recordings of the guidance texts, made in the
        /// background (default: beside the database, `<name>-audio`).
        #[arg(long, env = "MADOGUCHI_AUDIO_DIR")]
        audio_dir: Option<PathBuf>,
        /// Make no recordings and offer no player.
        #[arg(long, env = "MADOGUCHI_NO_AUDIO")]
        no_audio: bool,
        /// Open JTalk's HTS voice (default: Debian's, from
        /// hts-voice-nitech-jp-atr503-m001).
        #[arg(long, env = "MADOGUCHI_JTALK_VOICE")]
        jtalk_voice: Option<PathBuf>,
        /// Open JTalk's dictionary folder (default: Debian's naist-jdic).
        #[arg(long, env = "MADOGUCHI_JTALK_DIC")]
        jtalk_dic: Option<PathBuf>,
    },
    /// Import procedures from a JSON file (all or nothing).
    Import {
        file: PathBuf,
        /// Create the database when there is none yet (otherwise refused).
        #[arg(long)]
        create: bool,
    },
    /// Export every procedure as JSON.
    Export {
        /// Write here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Write a consistent copy of the database (safe while the server runs).
    Backup { file: PathBuf },
    /// Manage staff accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Municipalities served beside the home one, each by host name.
    Tenant {
        #[command(subcommand)]
        command: tenant::TenantCommand,
    },
    /// A whole database as one JSON file, to move a municipality.
    Archive {
        #[command(subcommand)]
        command: archive::ArchiveCommand,
    },
    /// Single sign-on for staff (OpenID Connect), per site.
    Sso {
        #[command(subcommand)]
        command: sso::SsoCommand,
    },
    /// Draw the QR code for a procedure.
    Qr {
        code: String,
        #[arg(long, value_enum, default_value_t = QrFormat::Png)]
        format: QrFormat,
        /// PNG edge length in pixels.
        #[arg(long)]
        size: Option<u32>,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Procedure texts for translators (Fluent or XLIFF files).
    Translations {
        #[command(subcommand)]
        command: translations::TranslationsCommand,
    },
    /// Tools for translators of the page's own words.
    Locales {
        #[command(subcommand)]
        command: locales::LocalesCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user; the password is read from standard input (first line).
    Add {
        name: String,
        #[arg(long)]
        role: String,
        /// Languages a translator may edit, e.g. vi,ne
        #[arg(long, default_value = "")]
        langs: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum QrFormat {
    Png,
    Svg,
}

/// Runs one parsed command line.
pub async fn run(mut cli: Cli) -> anyhow::Result<()> {
    let mut base_url = cli.base_url.as_deref().map(BaseUrl::parse).transpose()?;
    if let Some(slug) = &cli.tenant {
        anyhow::ensure!(
            !matches!(
                cli.command,
                Command::Serve { .. } | Command::Tenant { .. } | Command::Locales { .. }
            ),
            "--tenant is for the tools that work on one database; `serve` serves every tenant"
        );
        let (db, tenant_url) = tenant::database_of(&cli.db, slug).await?;
        cli.db = db;
        // Its QR codes carry its own address, never the home one.
        if let Some(given) = &base_url {
            anyhow::ensure!(
                given.host() == tenant_url.host(),
                "--base-url {} is not tenant {slug}'s address ({})",
                given.as_str(),
                tenant_url.as_str()
            );
        }
        base_url = Some(tenant_url);
    }
    match cli.command {
        Command::Tenant { command } => tenant::run(&cli.db, base_url.as_ref(), command).await,
        Command::Archive { command } => archive::run(&cli.db, command).await,
        Command::Sso { command } => sso::run(&cli.db, command).await,
        Command::Serve {
            addr,
            no_samples,
            locales,
            metrics_addr,
            qr_per_minute,
            read_only,
            trusted_proxy,
            time_zone,
            site_name,
            header_timeout,
            max_connections,
            page_cache_mb,
            audio_dir,
            no_audio,
            jtalk_voice,
            jtalk_dic,
        } => {
            let samples = !no_samples;
            let audio = (!no_audio).then(|| serve::AudioOptions {
                dir: audio_dir.unwrap_or_else(|| serve::audio_dir_beside(&cli.db)),
                engines: crate::audio::EngineConfig {
                    jtalk_voice,
                    jtalk_dic,
                    ..Default::default()
                },
            });
            let o = serve::Options {
                db: cli.db,
                addr,
                base_url,
                samples,
                locales,
                metrics_addr,
                qr_per_minute,
                read_only,
                trusted_proxies: trusted_proxy,
                time_zone: crate::i18n::dates::zone(&time_zone).map_err(anyhow::Error::msg)?,
                site_name: crate::domain::SiteName::parse(&site_name)?,
                log_format: cli.log_format,
                page_cache_mb,
                audio,
                limits: connections::Limits {
                    header_read: std::time::Duration::from_secs(header_timeout),
                    max_connections,
                    shutdown_grace: std::time::Duration::from_secs(30),
                },
            };
            serve::serve(o).await
        }
        Command::Backup { file } => backup::backup(&cli.db, &file).await,
        Command::Import { file, create } => {
            let json =
                std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
            let file_data = transfer::parse(&json, &crate::store::now())
                .with_context(|| format!("{}: nothing was imported", file.display()))?;
            let store = if create {
                Store::open_database(&cli.db, &Default::default()).await?
            } else {
                Store::open_existing(&cli.db).await?
            };
            store
                .import(&file_data, &crate::domain::Actor::system("import"))
                .await?;
            eprintln!(
                "imported {} offices and {} procedures into {}",
                file_data.offices.len(),
                file_data.procedures.len(),
                cli.db
            );
            Ok(())
        }
        Command::Export { output } => {
            let store = Store::open_existing(&cli.db).await?;
            let json = transfer::to_json(&store.offices().await?, &store.all_procedures().await?);
            match output {
                Some(path) => {
                    std::fs::write(&path, json).with_context(|| format!("writing {}", path.display()))
                }
                None => Ok(std::io::stdout().lock().write_all(json.as_bytes())?),
            }
        }
        Command::User {
            command: UserCommand::Add { name, role, langs },
        } => {
            // Before the password is typed, not after.
            Store::require_existing(&cli.db)?;
            let mut password = String::new();
            std::io::stdin()
                .read_line(&mut password)
                .context("reading the password from standard input")?;
            user::add(&cli.db, &name, &role, &langs, &password).await
        }
        Command::Translations { command } => match command {
            translations::TranslationsCommand::Export {
                lang,
                pivot,
                format,
                output,
            } => translations::export(&cli.db, &lang, pivot.as_deref(), format, output).await,
            translations::TranslationsCommand::Import { file } => translations::import(&cli.db, &file).await,
            translations::TranslationsCommand::Glossary {
                lang,
                glossary,
                output,
            } => translations::glossary(&lang, &glossary, output),
        },
        Command::Locales { command } => match command {
            locales::LocalesCommand::Check { dir, samples } => {
                locales::check(dir.as_deref(), samples.as_deref())
            }
            locales::LocalesCommand::New(new) => locales::new(new),
        },
        Command::Qr {
            code,
            format,
            size,
            output,
        } => {
            let code = Code::parse_lenient(&code).map_err(|e| anyhow::anyhow!("{code:?}: {e}"))?;
            let store = Store::open_existing(&cli.db).await?;
            if store.procedure(&code).await?.is_none() {
                anyhow::bail!("no procedure has the code {code} in {}", cli.db);
            }
            let base_url = match base_url {
                Some(b) => b,
                None => {
                    let b = BaseUrl::parse("http://127.0.0.1:8080")?;
                    eprintln!("note: no --base-url given; the code points at {b}");
                    b
                }
            };
            let payload = base_url.qr_payload(&code);
            let bytes = match format {
                QrFormat::Png => qr::png(&payload, qr::clamp_png_size(size))?,
                QrFormat::Svg => qr::svg(&payload)?.into_bytes(),
            };
            std::fs::write(&output, bytes).with_context(|| format!("writing {}", output.display()))?;
            eprintln!("{} → {}", payload, output.display());
            Ok(())
        }
    }
}

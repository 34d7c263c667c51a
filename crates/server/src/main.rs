//! The `latchkey-server` command: `serve`, and the operator commands of the contract.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use latchkey_protocol::Language;
use latchkey_server::clock::{Clock, SystemClock};
use latchkey_server::config::Settings;
use latchkey_server::db::Db;
use latchkey_server::error::ApiError;
use latchkey_server::{orgs, AppState};

#[derive(Parser)]
#[command(
    name = "latchkey-server",
    version,
    about = "Latchkey registration backend",
    long_about = "Latchkey registration backend.\n\nSettings come from LATCHKEY_* environment variables (and the TOML file named by LATCHKEY_CONFIG): LATCHKEY_DATABASE_URL, LATCHKEY_LISTEN, LATCHKEY_PUBLIC_URL, LATCHKEY_DATA_DIR, LATCHKEY_SMTP_URL, LATCHKEY_MAIL_FROM, LATCHKEY_MAIL_DIR, LATCHKEY_OPERATOR_KEY, LATCHKEY_AUDIENCES."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the HTTP server (runs migrations first).
    Serve,
    /// Organizations: purchase, subscriptions, settings.
    Org {
        #[command(subcommand)]
        command: OrgCommand,
    },
    /// Products' display names.
    Product {
        #[command(subcommand)]
        command: ProductCommand,
    },
    /// Releases of products (and of Latchkey itself, product `latchkey`): publish, list, yank.
    Release {
        #[command(subcommand)]
        command: ReleaseCommand,
    },
    /// Mail domains of organizations.
    Domain {
        #[command(subcommand)]
        command: DomainCommand,
    },
    /// Terms of Service.
    Tos {
        #[command(subcommand)]
        command: TosCommand,
    },
    /// Members of organizations.
    Users {
        #[command(subcommand)]
        command: UsersCommand,
    },
    /// Signing keys.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// Seed a demo organization and print how to sign in.
    Demo,
}

#[derive(Subcommand)]
enum ProductCommand {
    /// Give a product the name people read ("Acme Design Suite" for `acme-design`); subscriptions and
    /// entitlements keep its identifier.
    Set {
        #[arg(long)]
        product: String,
        #[arg(long)]
        name: String,
    },
}

#[derive(Subcommand)]
enum ReleaseCommand {
    /// Publish an installer: the file is copied into the release store (`LATCHKEY_RELEASE_STORE`,
    /// else releases/ in the data folder) under its SHA-256 and offered to entitled users.
    Publish {
        #[arg(long)]
        product: String,
        /// Such as 2027.1.0: compared as people read versions (2027.10 after 2027.9).
        #[arg(long)]
        version: String,
        /// windows-x64, windows-x86, linux-x64-deb, linux-x64-rpm or macos-universal-pkg.
        #[arg(long, value_parser = parse_platform)]
        platform: latchkey_protocol::delivery::Platform,
        #[arg(long)]
        file: PathBuf,
        /// A Markdown file of release notes.
        #[arg(long)]
        notes: Option<PathBuf>,
        /// What the installed software calls itself (Debian/RPM package name, macOS package
        /// identifier, Windows uninstall display name); the product identifier by default.
        #[arg(long)]
        package_id: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List releases, newest version first (yanked ones marked).
    List {
        #[arg(long)]
        product: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Withdraw a release: it is no longer offered or served.
    Yank {
        /// The release id (rel_…), as `publish` and `list` show it.
        release: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Make a new signing key current; the old one stays in the JWKS until everything it signed
    /// has expired (30 days and an hour).
    Rotate {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum OrgCommand {
    /// Record a purchase: the organization, its subscriptions and its Fulfillment Contact.
    Create {
        #[arg(long)]
        name: String,
        #[arg(long)]
        contact_email: String,
        #[arg(long)]
        contact_first_name: String,
        #[arg(long)]
        contact_last_name: String,
        #[arg(long)]
        contact_country: String,
        #[arg(long, value_parser = parse_language)]
        contact_language: Option<Language>,
        /// PRODUCT or PRODUCT:YYYY-MM-DD (repeatable).
        #[arg(long = "product")]
        products: Vec<String>,
        #[arg(long)]
        offline_grace_days: Option<i64>,
        /// Print the created organization as JSON on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Add or renew a subscription.
    Subscribe {
        #[arg(long)]
        org: String,
        /// PRODUCT or PRODUCT:YYYY-MM-DD.
        #[arg(long)]
        product: String,
    },
    /// Change an organization's settings.
    Set {
        #[arg(long)]
        org: String,
        /// Days a client may use its signed entitlements offline (1 to 30).
        #[arg(long)]
        offline_grace_days: i64,
    },
}

#[derive(Subcommand)]
enum UsersCommand {
    /// Add one member, as an administrator does in User Management: a new account is mailed an
    /// invitation to complete registration with forgot password (the outbox; a running `serve`
    /// delivers it); an existing account that belongs to no organization joins this one.
    Add {
        #[arg(long)]
        org: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        first_name: String,
        #[arg(long)]
        last_name: String,
        /// ISO 3166-1 alpha-2 (GB, de, ...).
        #[arg(long)]
        country: String,
        /// A role to grant (repeatable; `GET /v1/roles` lists them).
        #[arg(long = "role")]
        roles: Vec<String>,
        /// The language of the member's mail (default en).
        #[arg(long, value_parser = parse_language)]
        language: Option<Language>,
        /// Print the member as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Bulk-register members from a CSV file (header `email,first_name,last_name,country[,roles][,language]`,
    /// any order; roles `;`-separated; at most 10 MiB and 100,000 rows). Each new member without a
    /// password is mailed an invitation (the outbox; a running `serve` delivers it).
    Import {
        #[arg(long)]
        org: String,
        /// The CSV file.
        file: PathBuf,
        /// Check and report; write and mail nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum DomainCommand {
    /// Verify a mail domain for an organization.
    Verify {
        #[arg(long)]
        org: String,
        #[arg(long)]
        domain: String,
    },
    /// Withdraw a verified domain.
    Unverify {
        #[arg(long)]
        org: String,
        #[arg(long)]
        domain: String,
    },
}

#[derive(Subcommand)]
enum TosCommand {
    /// Publish a version (or, with --lang, a translation of one).
    Publish {
        #[arg(long)]
        version: String,
        #[arg(long)]
        title: String,
        /// The Markdown text.
        #[arg(long)]
        file: PathBuf,
        #[arg(long, value_parser = parse_language, default_value = "en")]
        lang: Language,
    },
}

fn parse_language(text: &str) -> Result<Language, String> {
    Language::from_tag(text).ok_or_else(|| format!("`{text}` is not one of en es fr tr nl it de pl cs"))
}

fn parse_platform(text: &str) -> Result<latchkey_protocol::delivery::Platform, String> {
    latchkey_protocol::delivery::Platform::parse(text).ok_or_else(|| {
        let all: Vec<&str> = latchkey_protocol::delivery::Platform::ALL.iter().map(|p| p.as_str()).collect();
        format!("`{text}` is not one of {}", all.join(", "))
    })
}

fn parse_product(text: &str) -> anyhow::Result<(String, Option<i64>)> {
    match text.split_once(':') {
        Some((product, date)) => Ok((product.to_owned(), Some(latchkey_server::clock::parse_date(date).map_err(anyhow::Error::msg)?))),
        None => Ok((text.to_owned(), None)),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("LATCHKEY_LOG").unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(if e.downcast_ref::<ApiErrorMessage>().is_some() { 2 } else { 1 })
        }
    }
}

/// A refusal of the operator's input (exit 2), as opposed to a failure of the system (exit 1).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct ApiErrorMessage(String);

fn refused(error: ApiError) -> anyhow::Error {
    let p = error.problem;
    let mut text = format!("{} ({})", p.detail.unwrap_or(p.title), p.code.as_str());
    for field in p.errors {
        let _ = write!(text, "\n  {}: {}", field.field, field.code);
    }
    ApiErrorMessage(text).into()
}

async fn open() -> anyhow::Result<(Settings, Db)> {
    let settings = Settings::from_env().map_err(anyhow::Error::msg)?;
    let url = settings.database_url.expose();
    let db = Db::connect(url).await.map_err(|e| anyhow::anyhow!(latchkey_server::db::explain_open_error(url, &e)))?;
    db.migrate().await.map_err(|e| {
        anyhow::anyhow!(
            "cannot migrate the database named by LATCHKEY_DATABASE_URL ({}): {e}. A database written by a newer \
             latchkey-server, or one whose applied migrations were changed, cannot be used by this one.",
            latchkey_server::db::redact_url(url)
        )
    })?;
    Ok((settings, db))
}

#[allow(clippy::print_stdout)] // commands print their results on stdout by design
async fn run(cli: Cli) -> anyhow::Result<()> {
    let clock = SystemClock;
    match cli.command {
        Command::Serve => {
            let (settings, db) = open().await?;
            let listener =
                tokio::net::TcpListener::bind(settings.listen).await.with_context(|| format!("cannot listen on {}", settings.listen))?;
            tracing::info!(listen = %listener.local_addr()?, public_url = %settings.public_url, database = ?db.dialect, "latchkey-server ready");
            if let Some(dir) = &settings.mail_dir {
                tracing::info!(mail_dir = %dir.display(), "development mail folder");
            }
            let state = AppState::new(settings, db, Arc::new(SystemClock)).await?;
            Ok(latchkey_server::serve(state, listener, shutdown_signal()).await?)
        }
        Command::Org { command } => {
            let (_, db) = open().await?;
            match command {
                OrgCommand::Create {
                    name,
                    contact_email,
                    contact_first_name,
                    contact_last_name,
                    contact_country,
                    contact_language,
                    products,
                    offline_grace_days,
                    json,
                } => {
                    let products = products.iter().map(|p| parse_product(p)).collect::<anyhow::Result<Vec<_>>>()?;
                    let purchase = orgs::Purchase {
                        name,
                        contact_email,
                        contact_first_name,
                        contact_last_name,
                        contact_country,
                        contact_language,
                        products,
                        offline_grace_days,
                    };
                    let org = orgs::create(&db, clock.now(), purchase).await.map_err(refused)?;
                    if json {
                        println!("{}", serde_json::to_string_pretty(&org)?);
                    } else {
                        println!(
                            "Created organization {} ({}); Fulfillment Contact {} was mailed how to complete registration.",
                            org.name, org.id, org.fulfillment_contact.email
                        );
                    }
                }
                OrgCommand::Subscribe { org, product } => {
                    let (product, expires) = parse_product(&product)?;
                    let org = orgs::subscribe(&db, &org, &product, expires).await.map_err(refused)?;
                    println!("{}", serde_json::to_string_pretty(&org)?);
                }
                OrgCommand::Set { org, offline_grace_days } => {
                    let org = orgs::set_offline_grace(&db, &org, offline_grace_days).await.map_err(refused)?;
                    println!("{}", serde_json::to_string_pretty(&org)?);
                }
            }
            Ok(())
        }
        Command::Domain { command } => {
            let (_, db) = open().await?;
            let (org, domain, verified) = match command {
                DomainCommand::Verify { org, domain } => (org, domain, true),
                DomainCommand::Unverify { org, domain } => (org, domain, false),
            };
            orgs::set_domain_verified(&db, clock.now(), &org, &domain, verified).await.map_err(refused)?;
            println!("{domain}: {}", if verified { "verified" } else { "withdrawn" });
            Ok(())
        }
        Command::Tos { command: TosCommand::Publish { version, title, file, lang } } => {
            let body = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let (_, db) = open().await?;
            latchkey_server::tos::publish_checked(&db, clock.now(), &version, lang, &title, &body).await.map_err(refused)?;
            println!("Published Terms of Service {version} ({lang}).");
            Ok(())
        }
        Command::Users { command: UsersCommand::Add { org, email, first_name, last_name, country, roles, language, json } } => {
            let (_, db) = open().await?;
            let request = latchkey_protocol::AddMemberRequest { email, first_name, last_name, country, roles, language };
            let member = latchkey_server::members::add(&db, clock.now(), &latchkey_server::members::Admin::operator(&org), request)
                .await
                .map_err(refused)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&member)?);
            } else {
                let roles = if member.roles.is_empty() { "no roles".to_owned() } else { member.roles.join(", ") };
                let next = if member.status == "invited" { "; they were mailed how to complete registration" } else { "" };
                println!("Added {} ({}) to {org} with {roles}{next}.", member.email, member.id);
            }
            Ok(())
        }
        Command::Users { command: UsersCommand::Import { org, file, dry_run, json } } => {
            let size = std::fs::metadata(&file).with_context(|| format!("cannot read {}", file.display()))?.len();
            if size > latchkey_server::bulk::MAX_BYTES as u64 {
                return Err(ApiErrorMessage(format!("{} is larger than 10 MiB: split it (payload_too_large)", file.display())).into());
            }
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let checked = latchkey_server::bulk::check(&bytes, 0).map_err(refused)?;
            drop(bytes);
            let (_, db) = open().await?;
            let report = latchkey_server::bulk::import(&db, clock.now(), &org, &latchkey_server::bulk::Granter::Operator, checked, dry_run)
                .await
                .map_err(refused)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                let verb = if dry_run { "would create" } else { "created" };
                println!("{verb} {}, already registered {}, failed {}", report.created, report.already_registered, report.failed.len());
                for failure in &report.failed {
                    println!("  line {}: {} ({})", failure.line, failure.email, failure.code);
                }
            }
            Ok(())
        }
        Command::Product { command: ProductCommand::Set { product, name } } => {
            let (_, db) = open().await?;
            let product = latchkey_server::products::set_name(&db, &product, &name).await.map_err(refused)?;
            println!("{}", serde_json::to_string_pretty(&product)?);
            Ok(())
        }
        Command::Release { command } => release(command).await,
        Command::Keys { command: KeysCommand::Rotate { json } } => {
            let (_, db) = open().await?;
            // The first key exists before it can be retired (a database no server started yet).
            latchkey_server::keys::Keys::load_or_create(&db, clock.now()).await.context("cannot read the signing keys")?;
            let rotated = latchkey_server::keys::rotate(&db, clock.now()).await.context("cannot rotate the signing key")?;
            if json {
                println!("{}", serde_json::to_string_pretty(&rotated)?);
            } else {
                println!("New signing key {} (running servers sign with it within a minute).", rotated.kid);
                if let (Some(old), Some(until)) = (&rotated.retired_kid, rotated.retired_until) {
                    println!("Key {old} stays in the JWKS until {}.", latchkey_server::clock::rfc3339(until));
                }
            }
            Ok(())
        }
        Command::Demo => demo().await,
    }
}

#[allow(clippy::print_stdout)]
async fn release(command: ReleaseCommand) -> anyhow::Result<()> {
    use latchkey_server::releases;
    let print = |release: &latchkey_protocol::delivery::Release| {
        let yanked = release.yanked_at.as_deref().map(|at| format!("  yanked {at}")).unwrap_or_default();
        println!(
            "{}  {} {}  {}  {} ({} bytes, sha256 {}){yanked}",
            release.id, release.product, release.version, release.platform, release.file_name, release.size, release.sha256
        );
    };
    match command {
        ReleaseCommand::Publish { product, version, platform, file, notes, package_id, json } => {
            let notes = notes
                .map(|path| {
                    std::fs::read_to_string(&path).map_err(|e| ApiErrorMessage(format!("cannot read the notes {}: {e}", path.display())))
                })
                .transpose()?;
            let (settings, db) = open().await?;
            let store = latchkey_server::release_store::ReleaseStore::from_settings(&settings)?;
            let publication = releases::Publication {
                product: &product,
                version: &version,
                platform,
                file: &file,
                notes,
                package_id: package_id.as_deref(),
            };
            let release = releases::publish(&db, &store, SystemClock.now(), publication).await.map_err(|e| {
                // The store failing is the system's failure (exit 1), not a refusal of the input.
                if e.problem.code == latchkey_protocol::ErrorCode::Internal {
                    anyhow::anyhow!("{}", e.problem.detail.unwrap_or(e.problem.title))
                } else {
                    refused(e)
                }
            })?;
            if json {
                println!("{}", serde_json::to_string_pretty(&release)?);
            } else {
                print(&release);
            }
        }
        ReleaseCommand::List { product, json } => {
            let (_, db) = open().await?;
            let list = releases::list(&db, product.as_deref()).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                list.iter().for_each(print);
            }
        }
        ReleaseCommand::Yank { release, json } => {
            let (_, db) = open().await?;
            let release = releases::yank(&db, SystemClock.now(), &release).await.map_err(refused)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&release)?);
            } else {
                print(&release);
            }
        }
    }
    Ok(())
}

#[allow(clippy::print_stdout)]
async fn demo() -> anyhow::Result<()> {
    const CONTACT: &str = "fulfillment@demo.latchkey.test";
    let (settings, db) = open().await?;
    let now = SystemClock.now();
    let existing: Option<String> =
        sqlx::query_scalar("SELECT id FROM orgs WHERE name = 'Demo Organization'").fetch_optional(&db.pool).await?;
    let org_id = if let Some(id) = existing {
        id
    } else {
        let purchase = orgs::Purchase {
            name: "Demo Organization".into(),
            contact_email: CONTACT.into(),
            contact_first_name: "Dana".into(),
            contact_last_name: "Demo".into(),
            contact_country: "GB".into(),
            contact_language: Some(Language::En),
            products: vec![("latchkey-demo-suite".into(), None)],
            offline_grace_days: None,
        };
        let org = orgs::create(&db, now, purchase).await.map_err(refused)?;
        orgs::set_domain_verified(&db, now, &org.id, "demo.latchkey.test", true).await.map_err(refused)?;
        latchkey_server::products::set_name(&db, "latchkey-demo-suite", "Latchkey Demo Suite").await.map_err(refused)?;
        org.id
    };
    let mut tx = db.begin().await?;
    if latchkey_server::tos::current(&mut tx).await?.is_none() {
        for language in Language::ALL {
            latchkey_server::tos::publish(
                &mut tx,
                "2026-11",
                language,
                "Latchkey Terms of Service (demo)",
                "# Terms of Service\n\nThis is a demonstration server. Accept these terms to continue.\n",
                now,
            )
            .await?;
        }
    }
    tx.commit().await?;
    let mail = settings.mail_dir.as_ref().map_or_else(|| "your SMTP server".to_owned(), |d| d.display().to_string());
    println!("Demo organization {org_id} is ready; its Fulfillment Contact is {CONTACT}.");
    println!("Walk through forgot-password against {}:", settings.public_url);
    println!(
        "  1. curl -s -X POST {}/v1/password/forgot -H 'content-type: application/json' -d '{{\"email\":\"{CONTACT}\"}}'",
        settings.public_url
    );
    println!("  2. read the 8-digit code in the newest mail in {mail} (the server log names the file)");
    println!("  3. curl -s -X POST {}/v1/password/reset -H 'content-type: application/json' -d '{{\"email\":\"{CONTACT}\",\"code\":\"CODE\",\"new_password\":\"a long passphrase of yours\"}}'", settings.public_url);
    println!("  4. curl -s -X POST {}/v1/sessions -H 'content-type: application/json' -d '{{\"email\":\"{CONTACT}\",\"password\":\"a long passphrase of yours\"}}'", settings.public_url);
    println!("     then accept the Terms with the tos_ticket: POST /v1/tos/accept {{\"tos_ticket\":\"…\",\"version\":\"2026-11\"}}");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

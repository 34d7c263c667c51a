//! `make bench` for the local API: `POST /v1/token` answered from the agent's cache through the
//! SDK, side by side with the floor (a minimal HTTP/1.1 echo on the same kind of Unix socket, in
//! its own process, called over the same hyper client stack), and the agent's start-up time to a
//! served status. Prints one JSON object per measurement on stdout.
#![allow(clippy::print_stdout)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::{Parser, Subcommand};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use tokio::net::{UnixListener, UnixStream};

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serves the floor: every request gets a fixed token-sized JSON answer.
    Echo {
        #[arg(long)]
        socket: PathBuf,
    },
    /// Calls `POST /v1/token` for `seconds` with `concurrency` callers.
    Token {
        #[arg(long)]
        socket: PathBuf,
        #[arg(long, default_value_t = 1)]
        concurrency: usize,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Call the echo server with a bare hyper connection instead of the agent through the SDK.
        #[arg(long)]
        floor: bool,
    },
    /// Starts `latchkey agent` `runs` times and measures the time to a served `GET /v1/status`.
    Startup {
        #[arg(long)]
        bin: PathBuf,
        #[arg(long)]
        socket: PathBuf,
        #[arg(long, default_value_t = 10)]
        runs: usize,
    },
}

const ANSWER: &str = r#"{"access_token":"eyJhbGciOiJFZERTQSIsImtpZCI6ImsxIiwidHlwIjoiYXQrand0In0.eyJpc3MiOiJodHRwOi8vMTI3LjAuMC4xOjgwODAiLCJzdWIiOiJ1c3JfMTIzNDU2Nzg5MDEyMzQ1NiIsImF1ZCI6Imh0dHA6Ly8xMjcuMC4wLjE6ODA4MCIsImV4cCI6MTc2NDYwMDAwMCwiaWF0IjoxNzY0NTk5NDAwLCJqdGkiOiJqdGlfMTIzNDU2Nzg5MDEyMzQ1NiIsImNsaWVudF9pZCI6ImxhdGNoa2V5LWRlc2t0b3AiLCJlbWFpbCI6ImJlbmNoQGJlbmNoLmV4YW1wbGUiLCJvcmciOiJvcmdfMTIzNDU2Nzg5MDEyMzQ1NiIsInJvbGVzIjpbImZ1bGZpbGxtZW50X2NvbnRhY3QiXX0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2lnbg","token_type":"Bearer","expires_at":"2026-12-01T20:00:00Z"}"#;

async fn echo(socket: PathBuf) -> anyhow::Result<()> {
    let _ = std::fs::remove_file(&socket);
    let listener = UnixListener::bind(&socket)?;
    loop {
        let (stream, _) = listener.accept().await?;
        tokio::spawn(async move {
            let service = hyper::service::service_fn(|request: hyper::Request<hyper::body::Incoming>| async move {
                let _ = request.into_body().collect().await;
                Ok::<_, hyper::Error>(
                    hyper::Response::builder()
                        .header("content-type", "application/json")
                        .body(Full::new(Bytes::from_static(ANSWER.as_bytes())))
                        .unwrap(),
                )
            });
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

/// One caller on the floor: a kept-alive hyper connection, the same request the SDK sends.
async fn floor_caller(socket: PathBuf, until: Instant) -> anyhow::Result<Vec<u32>> {
    let stream = UnixStream::connect(&socket).await?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    let mut latencies = Vec::new();
    while Instant::now() < until {
        let started = Instant::now();
        let request = hyper::Request::post("/v1/token")
            .header("host", "latchkey")
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from_static(b"{}")))?;
        let response = sender.send_request(request).await?;
        let body = response.into_body().collect().await?.to_bytes();
        let _: serde_json::Value = serde_json::from_slice(&body)?;
        latencies.push(u32::try_from(started.elapsed().as_nanos()).unwrap_or(u32::MAX));
    }
    Ok(latencies)
}

async fn sdk_caller(client: Arc<latchkey_sdk::Client>, until: Instant) -> anyhow::Result<Vec<u32>> {
    let mut latencies = Vec::new();
    let request = latchkey_sdk::TokenRequest::default();
    while Instant::now() < until {
        let started = Instant::now();
        let token = client.token(&request).await?;
        std::hint::black_box(token);
        latencies.push(u32::try_from(started.elapsed().as_nanos()).unwrap_or(u32::MAX));
    }
    Ok(latencies)
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    f64::from(sorted[index]) / 1000.0
}

async fn token(socket: PathBuf, concurrency: usize, seconds: u64, floor: bool) -> anyhow::Result<()> {
    let client = Arc::new(latchkey_sdk::Client::new(latchkey_sdk::ClientOptions::default().socket(&socket).app_name("localbench")));
    // Warm up (connections, caches) for a second.
    let warm = Instant::now() + Duration::from_secs(1);
    let until = warm + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let socket = socket.clone();
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            let all = if floor { floor_caller(socket, until).await? } else { sdk_caller(client, until).await? };
            Ok::<_, anyhow::Error>(all)
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await??);
    }
    // Drop the warm-up second's share: keep the last `seconds` worth of samples per caller.
    let kept = (latencies.len() as f64 * seconds as f64 / (seconds as f64 + 1.0)) as usize;
    let measured = latencies.split_off(latencies.len() - kept);
    let mut sorted = measured;
    sorted.sort_unstable();
    println!(
        "{}",
        serde_json::json!({
            "target": if floor { "floor" } else { "agent" }, "concurrency": concurrency,
            "requests_per_second": sorted.len() as f64 / seconds as f64,
            "p50_us": percentile(&sorted, 0.5), "p99_us": percentile(&sorted, 0.99), "samples": sorted.len(),
        })
    );
    Ok(())
}

async fn startup(bin: PathBuf, socket: PathBuf, runs: usize) -> anyhow::Result<()> {
    let mut times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let mut child = tokio::process::Command::new(&bin)
            .arg("agent")
            .env("LATCHKEY_LOG", "warn")
            .kill_on_drop(true)
            .spawn()
            .context("starting the agent")?;
        let client =
            latchkey_sdk::Client::new(latchkey_sdk::ClientOptions::default().socket(&socket).startup_wait(Duration::from_secs(10)));
        client.status().await?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        child.kill().await?;
        let _ = child.wait().await;
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{}",
        serde_json::json!({"startup_ms_median": times[times.len() / 2], "startup_ms_max": times[times.len() - 1], "runs": runs})
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Echo { socket } => echo(socket).await,
        Command::Token { socket, concurrency, seconds, floor } => token(socket, concurrency, seconds, floor).await,
        Command::Startup { bin, socket, runs } => startup(bin, socket, runs).await,
    }
}

//! `latchkey-loadgen`: drives an RFC 6749 refresh-token grant with rotation at a fixed number of
//! concurrent clients, each following its own chain of refresh tokens, and reports throughput and
//! latency percentiles as JSON. The same tool loads Latchkey and the peer it is compared with.
//! Optionally floods another endpoint (password sign-ins) at the same time.
#![allow(clippy::print_stdout)] // the report is the output

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use serde::Serialize;

mod pow;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Refresh-token chains against a token endpoint.
    Refresh {
        /// The token endpoint, such as `http://127.0.0.1:8080/oauth2/token`.
        #[arg(long)]
        url: String,
        /// A file with one refresh token per line; one chain per client.
        #[arg(long)]
        tokens: std::path::PathBuf,
        #[arg(long, default_value_t = 32)]
        concurrency: usize,
        /// Seconds of measurement (after one warm-up second).
        #[arg(long, default_value_t = 20)]
        seconds: u64,
        #[arg(long, default_value = "latchkey-desktop")]
        client_id: String,
        /// While measuring, POST this JSON body to `--flood-url` from `--flood-concurrency` clients.
        #[arg(long)]
        flood_url: Option<String>,
        #[arg(long)]
        flood_body: Option<String>,
        #[arg(long, default_value_t = 16)]
        flood_concurrency: usize,
    },
    /// The agent's proof-of-work solver: solve times at each difficulty.
    PowSolve {
        #[arg(long, value_delimiter = ',', default_value = "14,16,18,20,22")]
        difficulties: Vec<u32>,
        #[arg(long, default_value_t = 30)]
        samples: usize,
    },
    /// A server's cost per proof of work: challenge, forgot password with and without a proof.
    PowServer {
        /// The server's base URL, such as `http://127.0.0.1:8080`.
        #[arg(long)]
        url: String,
        #[arg(long, default_value_t = 500)]
        requests: usize,
    },
    /// Waits until a URL answers 200 and prints how long that took (start-up time).
    Wait {
        #[arg(long)]
        url: String,
    },
}

#[derive(Serialize)]
struct Report {
    concurrency: usize,
    seconds: f64,
    requests: usize,
    errors: u64,
    throughput_per_second: f64,
    p50_ms: f64,
    p90_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    flood_requests: u64,
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::PowSolve { difficulties, samples } => {
            println!("{}", pow::solve(&difficulties, samples));
            Ok(())
        }
        Command::PowServer { url, requests } => {
            println!("{}", pow::server(&url, requests).await?);
            Ok(())
        }
        Command::Wait { url } => {
            let started = Instant::now();
            let client = reqwest::Client::new();
            loop {
                if let Ok(response) = client.get(&url).send().await {
                    if response.status().is_success() {
                        break;
                    }
                }
                if started.elapsed() > Duration::from_mins(1) {
                    anyhow::bail!("{url} did not answer within 60 s");
                }
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
            println!("{}", serde_json::json!({"ready_after_ms": started.elapsed().as_secs_f64() * 1000.0}));
            Ok(())
        }
        Command::Refresh { url, tokens, concurrency, seconds, client_id, flood_url, flood_body, flood_concurrency } => {
            let tokens: Vec<String> =
                std::fs::read_to_string(&tokens)?.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
            anyhow::ensure!(tokens.len() >= concurrency, "{} tokens for {concurrency} clients: need one chain per client", tokens.len());
            let client = reqwest::Client::builder().pool_max_idle_per_host(concurrency + flood_concurrency).build()?;
            let measuring = Arc::new(AtomicBool::new(false));
            let stop = Arc::new(AtomicBool::new(false));
            let errors = Arc::new(AtomicU64::new(0));
            let flooded = Arc::new(AtomicU64::new(0));
            let mut workers = Vec::new();
            for token in tokens.into_iter().take(concurrency) {
                let (client, url, client_id) = (client.clone(), url.clone(), client_id.clone());
                let (measuring, stop, errors) = (measuring.clone(), stop.clone(), errors.clone());
                workers.push(tokio::spawn(async move {
                    let mut latencies = Vec::new();
                    let mut token = token;
                    while !stop.load(Ordering::Relaxed) {
                        let started = Instant::now();
                        let form = [("grant_type", "refresh_token"), ("refresh_token", token.as_str()), ("client_id", client_id.as_str())];
                        let answer = client.post(&url).form(&form).send().await;
                        let next = match answer {
                            Ok(response) if response.status().is_success() => {
                                response.json::<serde_json::Value>().await.ok().and_then(|v| v["refresh_token"].as_str().map(str::to_owned))
                            }
                            _ => None,
                        };
                        let Some(next) = next else {
                            // A broken chain cannot go on: count it and stop this client.
                            errors.fetch_add(1, Ordering::Relaxed);
                            break;
                        };
                        if measuring.load(Ordering::Relaxed) {
                            latencies.push(started.elapsed());
                        }
                        token = next;
                    }
                    latencies
                }));
            }
            let mut flooders = Vec::new();
            if let (Some(flood_url), Some(flood_body)) = (flood_url, flood_body) {
                let body: serde_json::Value = serde_json::from_str(&flood_body)?;
                for _ in 0..flood_concurrency {
                    let (client, url, body, stop, flooded) =
                        (client.clone(), flood_url.clone(), body.clone(), stop.clone(), flooded.clone());
                    flooders.push(tokio::spawn(async move {
                        while !stop.load(Ordering::Relaxed) {
                            if client.post(&url).json(&body).send().await.is_ok() {
                                flooded.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                    }));
                }
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
            measuring.store(true, Ordering::Relaxed);
            let flood_before = flooded.load(Ordering::Relaxed);
            let started = Instant::now();
            tokio::time::sleep(Duration::from_secs(seconds)).await;
            measuring.store(false, Ordering::Relaxed);
            let elapsed = started.elapsed().as_secs_f64();
            let flood_requests = flooded.load(Ordering::Relaxed) - flood_before;
            stop.store(true, Ordering::Relaxed);
            let mut all = Vec::new();
            for worker in workers {
                all.extend(worker.await?);
            }
            for flooder in flooders {
                flooder.await?;
            }
            all.sort();
            let report = Report {
                concurrency,
                seconds: elapsed,
                requests: all.len(),
                errors: errors.load(Ordering::Relaxed),
                throughput_per_second: all.len() as f64 / elapsed,
                p50_ms: percentile(&all, 0.50),
                p90_ms: percentile(&all, 0.90),
                p99_ms: percentile(&all, 0.99),
                max_ms: percentile(&all, 1.0),
                flood_requests,
            };
            println!("{}", serde_json::to_string(&report)?);
            Ok(())
        }
    }
}

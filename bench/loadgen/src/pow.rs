//! Proof-of-work figures: the agent's solver (`latchkey_agent::pow::solve`, what the desktop app
//! and the CLI run) at each difficulty, and what a solved proof costs the server per request, over
//! HTTP: `/v1/password/forgot` for unknown addresses with and without a proof, and `/v1/challenge`.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Solve times at each difficulty: `samples` distinct challenges each.
pub fn solve(difficulties: &[u32], samples: usize) -> Value {
    let rows: Vec<Value> = difficulties
        .iter()
        .map(|&difficulty| {
            let mut times: Vec<Duration> = Vec::with_capacity(samples);
            let mut hashes = 0u64;
            for sample in 0..samples {
                let challenge = format!("v1:forgot:1800000000:{difficulty}:bench-{difficulty}-{sample}");
                let started = Instant::now();
                let solution = latchkey_agent::pow::solve(&challenge, difficulty).expect("every benchmark difficulty is solvable");
                times.push(started.elapsed());
                hashes += solution + 1;
            }
            let total: Duration = times.iter().sum();
            times.sort();
            json!({
                "difficulty": difficulty,
                "samples": samples,
                "mean_ms": total.as_secs_f64() * 1000.0 / samples as f64,
                "p50_ms": super::percentile(&times, 0.5),
                "p90_ms": super::percentile(&times, 0.9),
                "hashes_per_second": hashes as f64 / total.as_secs_f64(),
            })
        })
        .collect();
    json!({ "solver": "latchkey_agent::pow::solve", "rows": rows })
}

/// Sequential requests on one connection (the server's own cost, not its concurrency): a challenge
/// issued; forgot password without a proof (within the free allowance); forgot password with a
/// solved proof (MAC, one SHA-256 and the spent-challenge write, on top of the same request).
pub async fn server(url: &str, requests: usize) -> anyhow::Result<Value> {
    let client = reqwest::Client::new();
    let post = |path: &str, body: Value| {
        let request = client.post(format!("{url}{path}")).json(&body);
        async move {
            let started = Instant::now();
            let response = request.send().await?;
            let status = response.status();
            let body: Value = response.json().await?;
            anyhow::ensure!(status.is_success(), "{status}: {body}");
            Ok::<_, anyhow::Error>((started.elapsed(), body))
        }
    };
    let (mut issue, mut plain, mut proven) = (Vec::new(), Vec::new(), Vec::new());
    for n in 0..requests {
        let email = format!("nobody-{n}@bench.example");
        let (elapsed, challenge) = post("/v1/challenge", json!({"purpose": "forgot", "email": email})).await?;
        issue.push(elapsed);
        let text = challenge["challenge"].as_str().unwrap_or_default();
        let difficulty = u32::try_from(challenge["difficulty"].as_u64().unwrap_or_default())?;
        let solution = latchkey_agent::pow::solve(text, difficulty).ok_or_else(|| anyhow::anyhow!("difficulty {difficulty} too high"))?;
        let pow = json!({"challenge": text, "signature": challenge["signature"], "solution": solution});
        proven.push(post("/v1/password/forgot", json!({"email": email, "pow": pow})).await?.0);
        plain.push(post("/v1/password/forgot", json!({"email": format!("nobody-else-{n}@bench.example")})).await?.0);
    }
    let summary = |mut times: Vec<Duration>| {
        times.sort();
        json!({"p50_ms": super::percentile(&times, 0.5), "p90_ms": super::percentile(&times, 0.9)})
    };
    Ok(json!({
        "requests": requests,
        "challenge": summary(issue),
        "forgot_without_proof": summary(plain),
        "forgot_with_proof": summary(proven),
    }))
}

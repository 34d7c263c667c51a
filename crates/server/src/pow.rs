//! Proof-of-work bot protection for forgot password and register (the ALTCHA idea, no third
//! party). The server issues a challenge, with a MAC by its own key and bound to the purpose, the
//! address key and the client's network (an IPv4 address, or an IPv6 /64); the client finds a
//! number `n` such that SHA-256(challenge ‖ n in decimal) starts with `difficulty` zero bits.
//!
//! Nothing is stored at issue. A challenge is spent once: its nonce is written to
//! `rate_counters` (`pow:spent:…`) in the transaction of the request it lets through, and
//! housekeeping removes it after expiry.
//! The difficulty rises with the recent rate per address and per network (`difficulty`).
//! A request without a proof is still accepted within the free allowance
//! (`LATCHKEY_POW_FREE_PER_*`, by default the contract's own sending limits, so the contract's
//! clients, which send no proof, see exactly the contract), and refused beyond it with
//! `proof_required` and a fresh challenge. Nothing here reads the users table, so known and
//! unknown addresses get the same answers in the same time.

use std::net::IpAddr;

use axum::http::StatusCode;
use latchkey_protocol::{Challenge, ChallengePurpose, ErrorCode, Proof};
use sha2::{Digest, Sha256};

use crate::db::Tx;
use crate::error::ApiError;
use crate::validate::Email;
use crate::AppState;

/// A challenge is valid this long after it is issued.
pub const CHALLENGE_SECS: i64 = 300;
/// The difficulty never rises more than this many bits above the base (each bit doubles the work).
pub const MAX_EXTRA_BITS: u32 = 8;
pub const ALGORITHM: &str = "SHA-256";
const VERSION: &str = "v1";

/// The network a client is counted in: an IPv4 address alone, an IPv6 address by its /64
/// (one subscriber's prefix, whose 2^64 addresses cost nothing to rotate through).
pub fn network(ip: &str) -> String {
    match ip.parse::<IpAddr>().map(|ip| ip.to_canonical()) {
        Ok(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => ip.to_owned(),
    }
}

/// Leading zero bits of a digest.
pub fn leading_zero_bits(digest: &[u8]) -> u32 {
    let mut bits = 0;
    for byte in digest {
        if *byte == 0 {
            bits += 8;
        } else {
            return bits + byte.leading_zeros();
        }
    }
    bits
}

/// Whether `solution` solves `challenge` at `difficulty`: one SHA-256.
pub fn solves(challenge: &str, solution: u64, difficulty: u32) -> bool {
    let mut hasher = Sha256::new();
    hasher.update(challenge.as_bytes());
    hasher.update(solution.to_string().as_bytes());
    leading_zero_bits(&hasher.finalize()) >= difficulty
}

/// The difficulty for a client that made `previous` requests in the current window of a free
/// allowance of `free` requests: the base up to half the allowance, then one bit more at each
/// doubling (half, 1.5×, 3.5×, 7.5× …), at most `MAX_EXTRA_BITS` more. The higher of the address
/// and the network counts.
pub fn difficulty(base: u32, counts: &[(i64, u32)]) -> u32 {
    let extra = counts
        .iter()
        .map(|&(previous, free)| {
            let ratio = u64::try_from(previous.max(0)).unwrap_or(0).saturating_mul(2) / u64::from(free.max(1));
            ratio.saturating_add(1).ilog2()
        })
        .max()
        .unwrap_or(0);
    base + extra.min(MAX_EXTRA_BITS)
}

/// The parts of a challenge string `v1:<purpose>:<expires>:<difficulty>:<nonce>`.
struct Parsed<'a> {
    purpose: &'a str,
    expires: i64,
    difficulty: u32,
    nonce: &'a str,
}

fn parse(challenge: &str) -> Option<Parsed<'_>> {
    let mut parts = challenge.split(':');
    let (Some(VERSION), Some(purpose), Some(expires), Some(difficulty), Some(nonce), None) =
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let difficulty = difficulty.parse().ok().filter(|d| *d <= 256)?;
    Some(Parsed { purpose, expires: expires.parse().ok()?, difficulty, nonce })
}

fn mac(state: &AppState, challenge: &str, address_key: &str, network: &str) -> String {
    state.keys.pow_mac(&[challenge, address_key, network])
}

struct Counts {
    address: i64,
    network: i64,
}

/// Counts one request (a challenge issued, or a request without a proof) against the address and
/// the network; returns how many came before it in their windows.
async fn count(tx: &mut Tx, state: &AppState, email: &Email, network: &str, now: i64) -> Result<Counts, sqlx::Error> {
    let pow = &state.settings.pow;
    let (address, _) = crate::limits::count(tx, &format!("pow:address:{}", email.key), pow.free_per_address.window, now).await?;
    let (network, _) = crate::limits::count(tx, &format!("pow:net:{network}"), pow.free_per_network.window, now).await?;
    Ok(Counts { address: address - 1, network: network - 1 })
}

fn build(state: &AppState, purpose: ChallengePurpose, email: &Email, network: &str, counts: &Counts, now: i64) -> Challenge {
    let pow = &state.settings.pow;
    let difficulty =
        difficulty(pow.base_difficulty, &[(counts.address, pow.free_per_address.max), (counts.network, pow.free_per_network.max)]);
    let expires = now + CHALLENGE_SECS;
    let challenge = format!("{VERSION}:{}:{expires}:{difficulty}:{}", purpose.as_str(), crate::ids::random_token());
    Challenge {
        algorithm: ALGORITHM.into(),
        signature: mac(state, &challenge, &email.key, network),
        challenge,
        difficulty,
        expires_at: crate::clock::rfc3339(expires),
    }
}

/// `POST /v1/challenge`: a fresh challenge for `purpose` and this address, from this network.
pub async fn issue(state: &AppState, purpose: ChallengePurpose, email: &str, ip: &str) -> Result<Challenge, ApiError> {
    let email = crate::validate::email_field(email)?;
    let network = network(ip);
    let now = state.now();
    let mut tx = state.db.begin().await?;
    let counts = count(&mut tx, state, &email, &network, now).await?;
    tx.commit().await?;
    Ok(build(state, purpose, &email, &network, &counts, now))
}

fn invalid(detail: &str) -> ApiError {
    ApiError::bad_request(ErrorCode::ProofInvalid, detail)
}

/// Lets a request through, or refuses it: with `proof_invalid` when its proof is wrong, expired,
/// forged, for another request or already used; with `proof_required` (and a fresh challenge)
/// when it has none and its address or network is past the free allowance. Runs in the request's
/// transaction, after the contract's own limits (so that a client without proofs meets
/// `rate_limited` exactly where the contract says): a request that is refused, here or later,
/// neither counts nor spends its challenge.
pub async fn gate(
    tx: &mut Tx,
    state: &AppState,
    purpose: ChallengePurpose,
    email: &Email,
    ip: &str,
    proof: Option<&Proof>,
) -> Result<(), ApiError> {
    let network = network(ip);
    let now = state.now();
    let Some(proof) = proof else {
        let counts = count(tx, state, email, &network, now).await?;
        let pow = &state.settings.pow;
        if counts.address < i64::from(pow.free_per_address.max) && counts.network < i64::from(pow.free_per_network.max) {
            return Ok(());
        }
        let mut error = ApiError::new(StatusCode::PRECONDITION_REQUIRED, ErrorCode::ProofRequired)
            .detail("too many requests for this address or network: solve `challenge` and send the request again with `pow`");
        error.problem.challenge = Some(Box::new(build(state, purpose, email, &network, &counts, now)));
        return Err(error);
    };
    let expected = mac(state, &proof.challenge, &email.key, &network);
    if !crate::keys::macs_equal(&expected, &proof.signature) {
        return Err(invalid("the challenge was not issued for this address and network, or was altered"));
    }
    let Some(parsed) = parse(&proof.challenge) else {
        return Err(invalid("the challenge is malformed"));
    };
    if parsed.purpose != purpose.as_str() {
        return Err(invalid("the challenge was issued for another request"));
    }
    if parsed.expires <= now {
        return Err(invalid("the challenge has expired: ask for a new one"));
    }
    if !solves(&proof.challenge, proof.solution, parsed.difficulty) {
        return Err(invalid("the solution does not solve the challenge"));
    }
    let spent = sqlx::query("INSERT INTO rate_counters (key, window_start, count) VALUES ($1, $2, 1) ON CONFLICT (key) DO NOTHING")
        .bind(format!("pow:spent:{}", parsed.nonce))
        .bind(parsed.expires)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    if spent == 0 {
        return Err(invalid("the challenge has been used already"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shared with the agent's solver (`latchkey_agent::pow`): the same challenge, solution and
    /// digest on both sides.
    const VECTOR_CHALLENGE: &str = "v1:forgot:1700000300:12:test-vector";

    #[test]
    fn leading_zero_bits_counts_across_bytes() {
        assert_eq!(leading_zero_bits(&[0x80]), 0);
        assert_eq!(leading_zero_bits(&[0x00, 0x10]), 11);
        assert_eq!(leading_zero_bits(&[0x00, 0x00]), 16);
        assert_eq!(leading_zero_bits(&[0x01, 0xff]), 7);
    }

    #[test]
    fn the_fixed_vector_verifies_and_its_neighbours_do_not() {
        // Found by `latchkey_agent::pow::solve(VECTOR_CHALLENGE, 12)`; its test checks the same.
        // SHA-256(challenge ‖ "4836") = 000de1fa… (12 zero bits, and the first such number).
        assert!(solves(VECTOR_CHALLENGE, 4836, 12));
        assert!(!solves(VECTOR_CHALLENGE, 4836, 13));
        assert!((0..4836).all(|n| !solves(VECTOR_CHALLENGE, n, 12)));
    }

    #[test]
    fn networks_group_ipv6_by_64() {
        assert_eq!(network("203.0.113.7"), "203.0.113.7");
        assert_eq!(network("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(network("2001:db8:1:2:bbbb::9"), "2001:db8:1:2::/64");
        assert_eq!(network("::ffff:198.51.100.1"), "198.51.100.1");
        assert_eq!(network("not an ip"), "not an ip");
    }

    #[test]
    fn difficulty_rises_with_the_rate() {
        let at = |previous| difficulty(18, &[(previous, 10), (0, 50)]);
        assert_eq!([0, 4, 5, 14, 15, 34, 35, 74, 75].map(at), [18, 18, 19, 19, 20, 20, 21, 21, 22]);
        assert_eq!(at(1_000_000), 18 + MAX_EXTRA_BITS);
        // The network's count is heeded too, and a zero allowance does not divide by zero.
        assert_eq!(difficulty(18, &[(0, 10), (50, 50)]), 19);
        assert_eq!(difficulty(10, &[(3, 0)]), 12);
    }

    #[test]
    fn challenges_parse_and_garbage_does_not() {
        let p = parse("v1:register:1700000000:20:abc").unwrap();
        assert_eq!((p.purpose, p.expires, p.difficulty, p.nonce), ("register", 1_700_000_000, 20, "abc"));
        for bad in ["", "v2:forgot:1:1:n", "v1:forgot:x:1:n", "v1:forgot:1:999:n", "v1:forgot:1:1:n:extra", "v1:forgot:1:1"] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }
}

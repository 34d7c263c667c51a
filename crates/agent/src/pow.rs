//! The proof-of-work solver for the backend's challenges (`POST /v1/challenge`): find the first
//! whole number `n` such that SHA-256(challenge ‖ `n` in decimal ASCII) starts with `difficulty`
//! zero bits. Pure and synchronous; the backend client runs it on tokio's blocking pool. The
//! server's verifier (`latchkey_server::pow`) checks the same fixed vector.

use sha2::{Digest, Sha256};

/// The only algorithm the backend names.
pub const ALGORITHM: &str = "SHA-256";
/// Above this a challenge would take minutes to hours; the client declines it.
pub const MAX_DIFFICULTY: u32 = 40;

/// Leading zero bits of a digest.
pub fn leading_zero_bits(digest: &[u8]) -> u32 {
    let mut bits = 0;
    for byte in digest {
        if *byte != 0 {
            return bits + byte.leading_zeros();
        }
        bits += 8;
    }
    bits
}

/// The smallest solution, or `None` when `difficulty` is above [`MAX_DIFFICULTY`]. Expected work:
/// 2^`difficulty` hashes.
pub fn solve(challenge: &str, difficulty: u32) -> Option<u64> {
    if difficulty > MAX_DIFFICULTY {
        return None;
    }
    let mut prefix = Sha256::new();
    prefix.update(challenge.as_bytes());
    // Past 2^(d+8) tries the odds of no solution are below e^-256: give up rather than loop.
    let limit = 1u64 << (difficulty + 8);
    let mut digits = [0u8; 20];
    (0..limit).find(|&n| {
        let mut hasher = prefix.clone();
        hasher.update(decimal(n, &mut digits));
        leading_zero_bits(&hasher.finalize()) >= difficulty
    })
}

/// `n` in decimal ASCII, written into the end of `buffer`.
fn decimal(mut n: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buffer[at..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixed_vector_solves_as_the_server_verifies_it() {
        // The same vector as `latchkey_server::pow`'s test: SHA-256 of it and "4836" is 000de1fa…
        assert_eq!(solve("v1:forgot:1700000300:12:test-vector", 12), Some(4836));
        let digest = Sha256::digest(b"v1:forgot:1700000300:12:test-vector4836");
        assert_eq!(leading_zero_bits(&digest), 12);
    }

    #[test]
    fn decimals_are_plain_ascii() {
        let mut buffer = [0u8; 20];
        for n in [0, 7, 10, 4836, u64::MAX] {
            assert_eq!(decimal(n, &mut buffer), n.to_string().as_bytes());
        }
    }

    #[test]
    fn easy_and_impossible_difficulties() {
        assert_eq!(solve("anything", 0), Some(0));
        assert_eq!(solve("anything", MAX_DIFFICULTY + 1), None);
    }
}

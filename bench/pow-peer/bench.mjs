// The peer side of `make bench`'s proof-of-work figures, in Node (its Web Crypto):
// - altcha-lib v1 (the ALTCHA idea: find n with SHA-256(salt ‖ n) equal to the challenge, n
//   uniform in 0..maxnumber): createChallenge and solveChallenge at the same expected work as
//   Latchkey's difficulty d (2^d hashes, so maxnumber = 2^(d+1)), and verifySolution per call.
// - The portal's own solver (crates/server/src/portal/assets/portal.js, `solveChallenge`), loaded
//   from the file as the browser loads it, on Latchkey challenges.
// Prints one JSON object.
import { readFileSync } from 'node:fs';
import { createChallenge, solveChallenge, verifySolution } from 'altcha-lib/v1';

const difficulties = (process.env.DIFFICULTIES || '14,16,18,20').split(',').map(Number);
const samples = Number(process.env.SAMPLES || 10);
const verifications = Number(process.env.VERIFICATIONS || 2000);
const altchaMax = Number(process.env.ALTCHA_MAX || 16);
const hmacKey = 'benchmark key';

const stats = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p) => sorted[Math.round((sorted.length - 1) * p)];
  return { mean_ms: times.reduce((a, b) => a + b, 0) / times.length, p50_ms: at(0.5), p90_ms: at(0.9) };
};

// The portal's script as the page runs it (its top level in one scope), with just enough of a
// page for that top level to run.
const portal = readFileSync(new URL('../../crates/server/src/portal/assets/portal.js', import.meta.url), 'utf8');
// eslint-disable-next-line no-new-func
const page = { solveChallenge: new Function('document', 'window', `${portal}\nreturn solveChallenge;`)({ addEventListener() {} }, globalThis) };

const altcha = [];
const portalRows = [];
for (const d of difficulties) {
  const times = [];
  for (let i = 0; d <= altchaMax && i < samples; i += 1) {
    const challenge = await createChallenge({ hmacKey, maxnumber: 2 ** (d + 1) });
    const started = performance.now();
    const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
    times.push(performance.now() - started);
    if (!solution) throw new Error('altcha-lib found no solution');
  }
  if (times.length) altcha.push({ difficulty: d, samples, ...stats(times) });

  const ours = [];
  for (let i = 0; i < samples; i += 1) {
    const started = performance.now();
    const solution = await page.solveChallenge(`v1:forgot:1800000000:${d}:node-${d}-${i}`, d);
    ours.push(performance.now() - started);
    if (solution === null) throw new Error('the portal solver found no solution');
  }
  portalRows.push({ difficulty: d, samples, ...stats(ours) });
}

// Verification: one solved payload checked many times (no replay store: altcha-lib leaves that to
// the application, where Latchkey writes the spent challenge to its database).
const challenge = await createChallenge({ hmacKey, maxnumber: 1000 });
const solved = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
const payload = btoa(JSON.stringify({ ...challenge, number: solved.number }));
const started = performance.now();
for (let i = 0; i < verifications; i += 1) {
  if (!(await verifySolution(payload, hmacKey))) throw new Error('altcha-lib refused its own solution');
}
const verify_us = ((performance.now() - started) * 1000) / verifications;

console.log(JSON.stringify({ node: process.version, altcha_solve: altcha, portal_solve: portalRows, altcha_verify_us: verify_us }));

// The portal's progressive JavaScript. Every page works without it; with it, the focus goes to
// what a form's answer says, removals ask first, and countries and dates read in the page's
// language.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  const lang = document.documentElement.lang || 'en';

  // After a change or a refusal, the keyboard and the screen reader start at what happened: the
  // first field in error, else the alert, else the confirmation.
  const target = document.querySelector('[aria-invalid="true"]') || document.querySelector('main .error, main .flash');
  if (target) {
    if (!target.matches('input, select, textarea, button, a')) target.tabIndex = -1;
    target.focus();
  }

  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }

  let regions = null;
  try {
    regions = new Intl.DisplayNames([lang], { type: 'region' });
  } catch (_) {
    regions = null;
  }
  if (regions) {
    const name = (code) => {
      try {
        return regions.of(code) || code;
      } catch (_) {
        return code;
      }
    };
    for (const span of document.querySelectorAll('[data-country]')) {
      span.title = span.dataset.country;
      span.textContent = name(span.dataset.country);
    }
    for (const select of document.querySelectorAll('select[data-country-names]')) {
      const options = Array.from(select.options).filter((o) => o.value);
      for (const option of options) option.textContent = name(option.value);
      const collator = new Intl.Collator(lang);
      options.sort((a, b) => collator.compare(a.textContent, b.textContent));
      for (const option of options) select.appendChild(option);
    }
  }

  // Bot protection: a form marked `data-pow` (forgot password) goes with a solved proof-of-work
  // challenge of `/v1/challenge`. Without script, or when no challenge can be had or solved, it
  // goes without one, which the server takes within its free allowance.
  for (const form of document.querySelectorAll('form[data-pow]')) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = form.querySelector('button[type=submit]');
      if (button) button.setAttribute('aria-busy', 'true');
      try {
        const email = form.elements.email.value.trim();
        const answer = await fetch('/v1/challenge', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ purpose: form.dataset.pow, email }),
          credentials: 'omit',
        });
        if (answer.ok) {
          const challenge = await answer.json();
          const solution = await solveChallenge(challenge.challenge, challenge.difficulty);
          if (solution !== null) {
            form.elements.pow_challenge.value = challenge.challenge;
            form.elements.pow_signature.value = challenge.signature;
            form.elements.pow_solution.value = String(solution);
          }
        }
      } catch (_) {
        // Sent without a proof: the server decides.
      }
      HTMLFormElement.prototype.submit.call(form);
    });
  }

  for (const time of document.querySelectorAll('time[datetime]')) {
    const date = new Date(time.getAttribute('datetime'));
    if (!Number.isNaN(date.getTime())) time.textContent = date.toLocaleDateString(lang, { dateStyle: 'medium' });
  }
});

// The first whole number n such that SHA-256(challenge followed by n in decimal) starts with
// `difficulty` zero bits, as the server checks it (`latchkey_server::pow::solves`); null past
// 2^(difficulty + 8) tries (no solution is then vanishingly unlikely). SHA-256 is written out
// here rather than asked of Web Crypto: one digest per await made the default difficulty take
// seconds, where hashing from the state after the challenge's whole blocks takes a fraction of
// one. The loop yields to the page every 50 000 tries.
async function solveChallenge(challenge, difficulty) {
  if (!(difficulty >= 0 && difficulty <= 64)) return null;
  const bytes = new TextEncoder().encode(challenge);
  const whole = bytes.length - (bytes.length % 64);
  const words = new Int32Array(64);
  const midstate = Int32Array.from(SHA256_INITIAL);
  for (let at = 0; at < whole; at += 64) sha256Block(midstate, bytes, at, words);
  const tail = bytes.subarray(whole);
  const buffer = new Uint8Array(128);
  buffer.set(tail);
  const state = new Int32Array(8);
  const limit = 2 ** (difficulty + 8);
  for (let n = 0; n < limit; n += 1) {
    const digits = String(n);
    let length = tail.length;
    for (let i = 0; i < digits.length; i += 1) buffer[length++] = digits.charCodeAt(i);
    buffer[length] = 0x80;
    const blocks = length + 9 > 64 ? 2 : 1;
    const end = blocks * 64;
    buffer.fill(0, length + 1, end);
    const bits = (bytes.length + digits.length) * 8;
    buffer[end - 4] = bits >>> 24;
    buffer[end - 3] = bits >>> 16;
    buffer[end - 2] = bits >>> 8;
    buffer[end - 1] = bits;
    buffer[end - 5] = Math.floor(bits / 2 ** 32);
    state.set(midstate);
    sha256Block(state, buffer, 0, words);
    if (blocks === 2) sha256Block(state, buffer, 64, words);
    if (leadingZeroBits(state) >= difficulty) return n;
    if (n % 50000 === 49999) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return null;
}

const SHA256_INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const SHA256_K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// One 64-byte block of `bytes` from `at` into `state` (FIPS 180-4, 6.2.2); `words` is scratch.
function sha256Block(state, bytes, at, words) {
  const w = words;
  for (let i = 0; i < 16; i += 1) {
    const j = at + i * 4;
    w[i] = (bytes[j] << 24) | (bytes[j + 1] << 16) | (bytes[j + 2] << 8) | bytes[j + 3];
  }
  for (let i = 16; i < 64; i += 1) {
    const x = w[i - 15];
    const y = w[i - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
  }
  let a = state[0];
  let b = state[1];
  let c = state[2];
  let d = state[3];
  let e = state[4];
  let f = state[5];
  let g = state[6];
  let h = state[7];
  for (let i = 0; i < 64; i += 1) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + SHA256_K[i] + w[i]) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0] + a) | 0;
  state[1] = (state[1] + b) | 0;
  state[2] = (state[2] + c) | 0;
  state[3] = (state[3] + d) | 0;
  state[4] = (state[4] + e) | 0;
  state[5] = (state[5] + f) | 0;
  state[6] = (state[6] + g) | 0;
  state[7] = (state[7] + h) | 0;
}

// Leading zero bits of a digest held as eight 32-bit words.
function leadingZeroBits(state) {
  let bits = 0;
  for (const word of state) {
    if (word !== 0) return bits + Math.clz32(word);
    bits += 32;
  }
  return bits;
}

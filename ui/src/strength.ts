// A password's strength from 0 (shorter than the policy's minimum) to 4, for the meter beside the
// new-password field. Length counts most (the policy follows NIST SP 800-63B: no composition
// rules), then variety; a run of one repeated character counts once. The server's verdict
// (weak_password with its reasons) is the one that counts: this only guides.

export function strength(password: string, minLength: number): number {
  const characters = [...password];
  if (characters.length < minLength) return 0;
  const distinct = new Set(characters).size;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  let score = 1;
  if (characters.length >= minLength + 4) score++;
  if (characters.length >= 20) score++;
  if (classes >= 3 || characters.length >= 28) score++;
  if (distinct < 5) score = 1; // "aaaaaaaaaaaaaaaa" is long but weak
  return Math.min(score, 4);
}

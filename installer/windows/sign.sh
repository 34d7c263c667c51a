#!/usr/bin/env bash
# Authenticode-signs executables and MSIs in place with osslsigncode (SHA-256):
#   installer/windows/sign.sh FILE...
# LATCHKEY_SIGN_CERT names the certificate (PEM, the chain up to but not including the root) and
# LATCHKEY_SIGN_KEY its private key (PEM, unencrypted: keep it on the build machine's secret
# store); LATCHKEY_SIGN_TIMESTAMP_URL, when set, adds an RFC 3161 timestamp so that the signature
# outlives the certificate. With neither certificate nor key set, leaves the files unsigned and
# says so on stderr; with only one of them, fails.
set -euo pipefail
cert=${LATCHKEY_SIGN_CERT:-} key=${LATCHKEY_SIGN_KEY:-}
if [ -z "$cert" ] && [ -z "$key" ]; then
  echo "UNSIGNED: LATCHKEY_SIGN_CERT and LATCHKEY_SIGN_KEY are not set; $* left without an Authenticode signature" >&2
  exit 0
fi
if [ -z "$cert" ] || [ -z "$key" ]; then
  echo "sign.sh: set both LATCHKEY_SIGN_CERT (certificate, PEM) and LATCHKEY_SIGN_KEY (its key, PEM), or neither" >&2
  exit 2
fi
for file in "$@"; do
  args=(sign -certs "$cert" -key "$key" -h sha256 -n Latchkey -i https://github.com/latchkey -in "$file" -out "$file.signed")
  [ -n "${LATCHKEY_SIGN_TIMESTAMP_URL:-}" ] && args+=(-ts "$LATCHKEY_SIGN_TIMESTAMP_URL")
  osslsigncode "${args[@]}" >/dev/null
  mv "$file.signed" "$file"
done
echo "signed: $*" >&2

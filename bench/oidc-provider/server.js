// Benchmark peer for Latchkey's refresh-token grant: a minimal oidc-provider
// instance with one public client, refresh-token rotation and EdDSA-signed JWT
// access tokens. At start-up it mints TOKENS refresh tokens straight through the
// provider's models, writes them to TOKENS_FILE (one per line) and prints "ready".
//
//   PORT=3001 TOKENS=64 TOKENS_FILE=/tmp/t.txt node server.js
//
// Env: PORT (3001), TOKENS (64), TOKENS_FILE (./tokens.txt),
//      SCOPE ('openid offline_access'; with 'openid' every refresh also signs an ID token),
//      VERBOSE=1 to keep oidc-provider's notices and 5xx error logs,
//      CLIENT_SECRET to make the client confidential (client_secret_basic), as
//      oidc-agent's refresh flow expects (bench/agent.sh).
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const PORT = Number.parseInt(process.env.PORT ?? '3001', 10);
const TOKENS = Number.parseInt(process.env.TOKENS ?? '64', 10);
const TOKENS_FILE = process.env.TOKENS_FILE ?? './tokens.txt';
const SCOPE = process.env.SCOPE ?? 'openid offline_access';
const VERBOSE = process.env.VERBOSE === '1';
const CLIENT_SECRET = process.env.CLIENT_SECRET;
const HOST = '127.0.0.1';
const ISSUER = `http://${HOST}:${PORT}`;
const CLIENT_ID = 'latchkey-desktop';
// Audience of the JWT access tokens (a resource indicator must be an absolute URI).
const RESOURCE = `${ISSUER}/api`;

if (!Number.isInteger(PORT) || PORT <= 0 || !Number.isInteger(TOKENS) || TOKENS <= 0) {
  console.error('PORT and TOKENS must be positive integers');
  process.exit(2);
}
// The default in-memory adapter is a QuickLRU with maxSize 1000 (it keeps between
// 1000 and 2000 entries). Each minted token takes 3 entries (Grant, grant index,
// RefreshToken), so much more than ~300 tokens would start evicting unused ones.
if (TOKENS > 300) {
  console.error(`warning: TOKENS=${TOKENS}; the in-memory LRU (1000-2000 entries) may evict minted tokens`);
}

// oidc-provider prints development notices ("in-memory adapter", "default
// findAccount ...") through console.info (stdout) / console.warn (stderr);
// drop them so stdout carries only "ready". This must run before the import.
if (!VERBOSE) {
  for (const level of ['info', 'warn']) {
    const orig = console[level].bind(console);
    console[level] = (...args) => {
      if (typeof args[0] === 'string' && args[0].includes('oidc-provider ')) return;
      orig(...args);
    };
  }
}
const { default: Provider } = await import('oidc-provider');

// Fresh Ed25519 signing key per run (JWS alg EdDSA), like Latchkey's access tokens.
const { privateKey } = generateKeyPairSync('ed25519');
const signingJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'bench-ed25519', alg: 'EdDSA', use: 'sig' };

const DAY = 24 * 60 * 60;

const provider = new Provider(ISSUER, {
  // Default in-memory adapter (no `adapter` option): grants and tokens live in
  // process memory only.
  clients: [{
    client_id: CLIENT_ID,
    application_type: 'native',
    ...(CLIENT_SECRET
      ? { client_secret: CLIENT_SECRET, token_endpoint_auth_method: 'client_secret_basic' }
      : { token_endpoint_auth_method: 'none' }),
    grant_types: ['refresh_token', 'authorization_code'],
    response_types: ['code'],
    redirect_uris: [`http://${HOST}/cb`],
  }],
  clientDefaults: { id_token_signed_response_alg: 'EdDSA' },
  jwks: { keys: [signingJwk] },
  cookies: { keys: ['latchkey-bench-cookie-key-not-secret'] },
  // Every account exists; no claims beyond sub.
  async findAccount(_ctx, sub) {
    return { accountId: sub, async claims() { return { sub }; } };
  },
  scopes: ['openid', 'offline_access'],
  responseTypes: ['code'],
  // Rotate on every use (Latchkey does the same); reusing a consumed refresh
  // token fails with invalid_grant and revokes the whole grant.
  rotateRefreshToken: true,
  async issueRefreshToken(_ctx, client, code) {
    return client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access');
  },
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 60,
    IdToken: 3600,
    RefreshToken: 14 * DAY,
    Grant: 14 * DAY,
    Session: 14 * DAY,
    Interaction: 3600,
  },
  features: {
    devInteractions: { enabled: false },
    userinfo: { enabled: false },
    introspection: { enabled: false },
    revocation: { enabled: false },
    resourceIndicators: {
      enabled: true,
      async defaultResource() { return RESOURCE; },
      // Refresh requests carry no `resource` param: use the one recorded on the token.
      async useGrantedResource() { return true; },
      async getResourceServerInfo(_ctx, resourceIndicator) {
        if (resourceIndicator !== RESOURCE) throw new Provider.errors.InvalidTarget();
        return {
          scope: '', // no API scopes; the JWT carries no `scope` claim
          audience: RESOURCE,
          accessTokenTTL: 3600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'EdDSA' } },
        };
      },
    },
  },
});

if (!VERBOSE) {
  provider.app.silent = true; // koa's default logging of 5xx errors
}

// Mint TOKENS independent refresh tokens, one grant each, so that a reuse
// detection (which revokes the grant) only kills one chain.
const client = await provider.Client.find(CLIENT_ID);
const now = Math.floor(Date.now() / 1000);
const tokens = [];
for (let i = 0; i < TOKENS; i += 1) {
  const accountId = `bench-user-${i}`;
  const grant = new provider.Grant({ accountId, clientId: CLIENT_ID });
  grant.addOIDCScope(SCOPE);
  const grantId = await grant.save();
  const rt = new provider.RefreshToken({
    accountId,
    grantId,
    client,
    scope: SCOPE,
    gty: 'authorization_code',
    authTime: now,
    resource: RESOURCE,
    rotations: 0,
  });
  tokens.push(await rt.save());
}
writeFileSync(TOKENS_FILE, `${tokens.join('\n')}\n`);

const server = provider.listen(PORT, HOST, () => {
  process.stdout.write('ready\n');
});

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    server.closeAllConnections();
    process.exit(0);
  });
}

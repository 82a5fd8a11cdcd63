// Test OpenID Provider: node provider.mjs RP_PORT
// Listens on an OS-chosen loopback port; prints "ready http://127.0.0.1:PORT" once listening.
import http from 'node:http';
import { Provider } from 'oidc-provider';

const rpPort = Number(process.argv[2] ?? 3000);
const server = http.createServer();
await new Promise((r) => server.listen(0, '127.0.0.1', r)); // OS-chosen port: no race
const port = server.address().port;
const issuer = `http://127.0.0.1:${port}`;
const rp = `http://127.0.0.1:${rpPort}`;

// Static accounts: the dev login form takes any password; the login name is the account id.
const accounts = {
  alice: { preferred_username: 'alice', name: 'Alice Admin', groups: ['madoguchi-admins'] },
  tomoko: { preferred_username: 'tomoko', name: 'Tomoko', groups: ['translators-en', 'translators-vi'] },
  nobody: { preferred_username: 'nobody', name: 'No Groups', groups: [] },
  // Test hook: this account's ID token is issued for another audience.
  'wrong-aud': { preferred_username: 'wrong-aud', groups: ['madoguchi-admins'] },
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'madoguchi',
    client_secret: 'madoguchi-test-secret',
    redirect_uris: [`${rp}/admin/oidc/callback`],
    post_logout_redirect_uris: [`${rp}/admin/login`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  pkce: { required: () => true },            // refuse an authorization request without code_challenge
  claims: {
    openid: ['sub'],
    profile: ['preferred_username', 'name'],
    groups: ['groups'],                      // scope "groups" -> claim "groups"
  },
  conformIdTokenClaims: false,               // scope claims in the ID token too, not only /me
  features: {
    devInteractions: { enabled: true },      // GET/POST /interaction/:uid (login form)
    rpInitiatedLogout: { enabled: true },    // /session/end (default, stated for clarity)
  },
  async findAccount(ctx, id) {
    const a = accounts[id];
    if (!a) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...a }; } };
  },
  // Skip the consent screen: grant whatever the (single, first-party) client asks for.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid profile groups');
    await grant.save();
    return grant;
  },
  cookies: { keys: ['test-only-cookie-signing-key'] },
});

// Test hook: sign the ID token of account "wrong-aud" for audience "someone-else".
const issue = provider.IdToken.prototype.issue;
provider.IdToken.prototype.issue = async function (opts) {
  if (opts?.use !== 'idtoken' || this.available?.sub !== 'wrong-aud') return issue.call(this, opts);
  const real = this.client;
  this.client = new Proxy(real, {
    get(t, p) {
      if (p === 'clientId') return 'someone-else';
      const v = Reflect.get(t, p);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
  try { return await issue.call(this, opts); } finally { this.client = real; }
};

provider.on('server_error', (ctx, err) => console.error('server_error', err));
server.on('request', provider.callback());
console.log(`ready ${issuer}`);

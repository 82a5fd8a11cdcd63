// The OpenID Provider tests/sso.rs signs in against (npm oidc-provider,
// the certified implementation): node provider.mjs RP_BASE_URL...
// Listens on a port of the system's choosing on loopback and prints
// "ready http://127.0.0.1:PORT" once it does. Each RP base URL gets its
// callback (BASE/admin/oidc/callback) and sign-out return (BASE/admin/login)
// registered for the one client, "madoguchi".
import http from 'node:http';
import { Provider } from 'oidc-provider';

const rps = process.argv.slice(2);
const server = http.createServer();
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const issuer = `http://127.0.0.1:${server.address().port}`;

// The dev login form takes any password; the login name is the account.
const accounts = {
  alice: { preferred_username: 'alice', name: 'Alice Admin', groups: ['madoguchi-admins'] },
  tomoko: { preferred_username: 'tomoko', name: 'Tomoko', groups: ['translators-en', 'translators-vi', 'other'] },
  nobody: { preferred_username: 'nobody', name: 'No Groups', groups: [] },
  // One group sent as a string, as some providers do.
  single: { preferred_username: 'single', groups: 'madoguchi-admins' },
  // Entra ID style: app roles in a "roles" claim (scope "roles"), no groups.
  entra: { preferred_username: 'entra', roles: ['Madoguchi.Admin'] },
  // Signed for another audience (see below).
  'wrong-aud': { preferred_username: 'wrong-aud', groups: ['madoguchi-admins'] },
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'madoguchi',
    client_secret: 'madoguchi-test-secret',
    redirect_uris: rps.map((rp) => `${rp}/admin/oidc/callback`),
    post_logout_redirect_uris: rps.map((rp) => `${rp}/admin/login`),
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  // Refuse an authorization request without PKCE.
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['preferred_username', 'name'], groups: ['groups'], roles: ['roles'] },
  // Scope claims in the ID token too, not only at the userinfo endpoint.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  async findAccount(ctx, id) {
    const a = accounts[id];
    if (!a) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...a }; } };
  },
  // No consent screen: the one first-party client gets what it asks for.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile groups roles');
    await grant.save();
    return grant;
  },
  cookies: { keys: ['test-only-cookie-signing-key'] },
});

// The account "wrong-aud" gets its ID token signed for audience "someone-else".
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

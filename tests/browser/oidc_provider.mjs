// An OpenID Connect provider for the portal's sign-in tests: oidc-provider (panva's
// OpenID Certified implementation for Node), configured the way a province's identity
// provider would be for the portal: one confidential client, the authorization code flow
// only, PKCE (S256) required, and the staff's agency, unit and role as claims of the ID
// token. Its own development login page (any password) stands for the province's login.
//
// Settings from the environment: OIDC_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET,
// OIDC_REDIRECT_URI, OIDC_ACCOUNTS (JSON: login -> claims). It prints "ready" once
// listening on 127.0.0.1.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS ?? '{}');

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: [process.env.OIDC_REDIRECT_URI],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  pkce: { required: () => true },
  // The scope "phoihop" carries who a member of staff works for.
  claims: { openid: ['sub'], profile: ['name'], phoihop: ['agency', 'unit', 'role'] },
  // The claims of the scopes asked for go into the ID token itself (the portal reads them
  // there), not only into the userinfo response.
  conformIdTokenClaims: false,
  cookies: { keys: ['a-cookie-key-for-the-test-provider-only'] },
  async findAccount(ctx, id) {
    if (!(id in accounts)) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...accounts[id] }) };
  },
});

provider.listen(port, '127.0.0.1', () => console.log('ready'));

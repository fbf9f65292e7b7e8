import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** An RS256 JWT, signed with node:crypto (what the Bot Connector puts in `Authorization: Bearer`). */
export function signJwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = b64url(JSON.stringify(claims));
  return `${head}.${body}.${b64url(sign('sha256', Buffer.from(`${head}.${body}`), key))}`;
}

/**
 * A loopback stand-in for login.botframework.com: the OpenID metadata document and the JWKS it
 * points to, with one RSA key endorsed for `msteams`, and a signer for channel tokens with that
 * key, so a bot with MICROSOFT_APP_ID set can be tested offline. `token({key: 'stranger'})` signs
 * with a key the JWKS does not hold, under the published key id: a forged token.
 */
export async function startFakeBotLogin(options: { issuer?: string } = {}) {
  const issuer = options.issuer ?? 'https://api.botframework.com';
  const kid = 'fake-bot-login-key-1';
  const keyPair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
  const trusted = keyPair();
  const stranger = keyPair();
  const jwk = trusted.publicKey.export({ format: 'jwk' });
  let metadataFetches = 0;
  const server = http.createServer((req, res) => {
    const json = (body: unknown) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/v1/.well-known/openidconfiguration') {
      metadataFetches += 1;
      return json({
        issuer,
        authorization_endpoint: `${base}/v1/authorize`,
        jwks_uri: `${base}/v1/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (req.url === '/v1/keys') {
      return json({ keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    openIdMetadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    issuer,
    metadataFetches: () => metadataFetches,
    /** A channel token for `aud` (the bot's app id) and `serviceUrl`, valid for an hour unless overridden. */
    token(claims: { aud: string; serviceUrl: string } & Record<string, unknown>, sign?: { key?: 'stranger' }) {
      const now = Math.floor(Date.now() / 1000);
      const { serviceUrl, ...rest } = claims;
      const payload = { iss: issuer, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...rest };
      return signJwt(payload, sign?.key === 'stranger' ? stranger.privateKey : trusted.privateKey, kid);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

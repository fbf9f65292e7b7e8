import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { TeamsConfig } from '../../config/config';

/** Microsoft's public-cloud values (botframework-connector's AuthenticationConstants, not exported by botbuilder). */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
};

/**
 * Where Bot Framework tokens are checked and obtained, when not Microsoft's public cloud: tests
 * (a loopback OpenID/JWKS server and a fixed outgoing token) and private clouds.
 */
export interface BotFrameworkEndpoints {
  /** OpenID metadata whose `jwks_uri` lists the keys that sign the channel's tokens. */
  openIdMetadataUrl: string;
  /** The `iss` of the channel's tokens. */
  tokenIssuer: string;
  /** The bearer token for our calls to the Bot Connector, instead of asking Entra ID (MSAL) for one. */
  outboundToken?: () => Promise<string>;
}

type CredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;
type Signable = { headers: { set(name: string, value: string): void } };

/** Signs outgoing calls with a token from `token()`; authentication stays enabled for incoming ones. */
function fixedTokenCredentials(appId: string, token: () => Promise<string>): CredentialsFactory {
  return {
    isValidAppId: async (id) => id === appId,
    isAuthenticationDisabled: async () => false,
    createCredentials: async () => ({
      signRequest: async <T extends Signable>(request: T) => {
        request.headers.set('authorization', `Bearer ${await token()}`);
        return request;
      },
    }),
  } as CredentialsFactory;
}

/**
 * The Bot Framework authentication for the configured app: with MICROSOFT_APP_ID, every incoming
 * request must carry a valid channel JWT (issuer, audience = our app id, signing key, endorsement
 * and `serviceurl` claim are all checked) and outgoing calls carry our own token. Without an app id
 * (TEAMS_ALLOW_UNAUTHENTICATED), nothing is checked and nothing is signed.
 */
export function botFrameworkAuthentication(teams: TeamsConfig, endpoints?: BotFrameworkEndpoints) {
  if (!teams.appId) return new ConfigurationBotFrameworkAuthentication({});
  const credentials = {
    MicrosoftAppId: teams.appId,
    MicrosoftAppPassword: teams.appPassword,
    MicrosoftAppType: teams.appType,
    MicrosoftAppTenantId: teams.tenantId,
  };
  if (!endpoints) return new ConfigurationBotFrameworkAuthentication(credentials);
  // Any one endpoint switches botbuilder to fully parameterised settings, so all are given.
  return new ConfigurationBotFrameworkAuthentication(
    {
      ...credentials,
      ...PUBLIC_CLOUD,
      ToBotFromChannelOpenIdMetadataUrl: endpoints.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: endpoints.tokenIssuer,
    },
    endpoints.outboundToken ? fixedTokenCredentials(teams.appId, endpoints.outboundToken) : undefined,
  );
}

const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * The HTTP status for a failed authentication: botbuilder's AuthenticationError carries one (401,
 * or 500 when the signing keys could not be fetched); a token that fails signature or time checks
 * surfaces as a jsonwebtoken error, which is a 401 too, not the 500 botbuilder would answer.
 */
export function authFailureStatus(err: unknown): number {
  const e = err as { statusCode?: unknown; name?: unknown } | null;
  if (typeof e?.statusCode === 'number') return e.statusCode;
  if (typeof e?.name === 'string' && JWT_ERRORS.has(e.name)) return 401;
  return 500;
}

import { z } from 'zod';
import { AppError } from '../kernel/errors';
import type { Config, SlackConfig } from './config';

type Env = Record<string, string | undefined>;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const bool = (name: string) =>
  opt(
    z.enum(['true', 'false', '1', '0', 'yes', 'no'], {
      error: `${name} must be true or false`,
    }),
  ).transform((v) => (v === undefined ? undefined : ['true', '1', 'yes'].includes(v)));
const url = (name: string, hint: string) =>
  opt(z.url({ protocol: /^https?$/, error: `${name} must be an http(s) URL, ${hint}` }));

const schema = z.object({
  PORT: opt(
    z.coerce
      .number({ error: 'PORT must be a number' })
      .int('PORT must be a whole number')
      .min(0, 'PORT must be between 0 and 65535')
      .max(65535, 'PORT must be between 0 and 65535'),
  ),
  MONGODB_URI: opt(
    z
      .string()
      .regex(
        /^mongodb(\+srv)?:\/\/.+/,
        'MONGODB_URI must start with mongodb:// or mongodb+srv://, e.g. mongodb://localhost:27017/controlbot',
      ),
  ),
  CONTROLBOT_DATA_DIR: opt(z.string()),
  SLACK_BOT_TOKEN: opt(
    z
      .string()
      .startsWith(
        'xoxb-',
        'SLACK_BOT_TOKEN must start with xoxb-: copy the Bot User OAuth Token from OAuth & Permissions in your Slack app',
      ),
  ),
  SLACK_SIGNING_SECRET: opt(
    z
      .string()
      .regex(
        /^[0-9a-f]{16,}$/i,
        'SLACK_SIGNING_SECRET must be the hex Signing Secret from Basic Information in your Slack app',
      ),
  ),
  SLACK_APP_TOKEN: opt(
    z
      .string()
      .startsWith(
        'xapp-',
        'SLACK_APP_TOKEN must start with xapp-: create an app-level token with connections:write under Basic Information',
      ),
  ),
  SLACK_API_URL: url('SLACK_API_URL', 'e.g. https://slack.com/api/'),
  MICROSOFT_APP_ID: opt(z.string()),
  MICROSOFT_APP_PASSWORD: opt(z.string()),
  MICROSOFT_APP_TENANT_ID: opt(z.string()),
  MICROSOFT_APP_TYPE: opt(
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
      error:
        'MICROSOFT_APP_TYPE must be MultiTenant, SingleTenant or UserAssignedMSI (as shown on your Azure Bot resource)',
    }),
  ),
  TEAMS_ALLOW_UNAUTHENTICATED: bool('TEAMS_ALLOW_UNAUTHENTICATED'),
  CONTROLBOT_WEB_CHAT: bool('CONTROLBOT_WEB_CHAT'),
  OPENAI_API_KEY: opt(z.string()),
  OPENAI_BASE_URL: url('OPENAI_BASE_URL', 'e.g. https://api.openai.com/v1 or http://localhost:11434/v1'),
  OPENAI_MODEL: opt(z.string()),
  LOG_LEVEL: opt(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    }),
  ),
});

type Vars = z.infer<typeof schema>;

/** Rules that involve several variables: "X is required when Y is set". */
function crossChecks(v: Vars): string[] {
  const problems: string[] = [];
  if (v.SLACK_BOT_TOKEN && !v.SLACK_SIGNING_SECRET && !v.SLACK_APP_TOKEN) {
    problems.push(
      'SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set (HTTP mode): copy it from Basic Information in your Slack app, or set SLACK_APP_TOKEN to use Socket Mode instead (no signing secret needed)',
    );
  }
  if ((v.SLACK_SIGNING_SECRET || v.SLACK_APP_TOKEN) && !v.SLACK_BOT_TOKEN) {
    problems.push(
      'SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set: copy the Bot User OAuth Token from OAuth & Permissions',
    );
  }
  if (v.MICROSOFT_APP_ID && !v.MICROSOFT_APP_PASSWORD && v.MICROSOFT_APP_TYPE !== 'UserAssignedMSI') {
    problems.push(
      "MICROSOFT_APP_PASSWORD is required when MICROSOFT_APP_ID is set: create a client secret for the bot's app registration in Azure",
    );
  }
  if (v.MICROSOFT_APP_TYPE === 'SingleTenant' && !v.MICROSOFT_APP_TENANT_ID) {
    problems.push(
      'MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_TYPE=SingleTenant: use the Directory (tenant) ID of your Azure app registration',
    );
  }
  if (!v.MICROSOFT_APP_ID && (v.MICROSOFT_APP_PASSWORD || v.MICROSOFT_APP_TENANT_ID)) {
    problems.push('MICROSOFT_APP_ID is required when MICROSOFT_APP_PASSWORD or MICROSOFT_APP_TENANT_ID is set');
  }
  if ((v.OPENAI_BASE_URL || v.OPENAI_MODEL) && !v.OPENAI_API_KEY) {
    problems.push(
      'OPENAI_API_KEY is required when OPENAI_BASE_URL or OPENAI_MODEL is set (self-hosted servers that ignore keys accept any value, e.g. "local")',
    );
  }
  return problems;
}

/** Socket Mode when an app-level token is set, else HTTP; crossChecks has required the rest. */
function slackConfig(v: Vars): SlackConfig | undefined {
  const { SLACK_BOT_TOKEN: botToken, SLACK_API_URL: apiUrl } = v;
  if (!botToken) return undefined;
  if (v.SLACK_APP_TOKEN) return { mode: 'socket', botToken, appToken: v.SLACK_APP_TOKEN, apiUrl };
  if (v.SLACK_SIGNING_SECRET) return { mode: 'http', botToken, signingSecret: v.SLACK_SIGNING_SECRET, apiUrl };
  return undefined;
}

function build(v: Vars): Config {
  const slack = slackConfig(v);
  const teamsEnabled = Boolean(v.MICROSOFT_APP_ID) || v.TEAMS_ALLOW_UNAUTHENTICATED === true;
  const teams = teamsEnabled
    ? {
        appId: v.MICROSOFT_APP_ID,
        appPassword: v.MICROSOFT_APP_PASSWORD,
        tenantId: v.MICROSOFT_APP_TENANT_ID,
        appType: v.MICROSOFT_APP_TYPE ?? 'MultiTenant',
        allowUnauthenticated: !v.MICROSOFT_APP_ID && v.TEAMS_ALLOW_UNAUTHENTICATED === true,
      }
    : undefined;
  const hasChannel = Boolean(slack) || Boolean(v.MICROSOFT_APP_ID);
  return {
    port: v.PORT ?? 3000,
    store: v.MONGODB_URI
      ? { kind: 'mongo', uri: v.MONGODB_URI }
      : { kind: 'local', dataDir: v.CONTROLBOT_DATA_DIR ?? './.controlbot' },
    slack,
    teams,
    webChat: v.CONTROLBOT_WEB_CHAT ?? !hasChannel,
    model: v.OPENAI_API_KEY
      ? { apiKey: v.OPENAI_API_KEY, baseUrl: v.OPENAI_BASE_URL, model: v.OPENAI_MODEL ?? 'gpt-4o-mini' }
      : undefined,
    logLevel: v.LOG_LEVEL ?? 'info',
  };
}

const deepFreeze = <T>(obj: T): T => {
  for (const value of Object.values(obj as object)) if (value && typeof value === 'object') deepFreeze(value);
  return Object.freeze(obj);
};

/**
 * Reads and validates the environment once. Throws AppError('config_invalid') whose `details`
 * hold one line per problem, each naming the variable and the fix.
 */
export function loadConfig(env: Env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => i.message);
    throw new AppError('config_invalid', 'The configuration is invalid', { details: [...new Set(lines)] });
  }
  const problems = crossChecks(parsed.data);
  if (problems.length > 0) throw new AppError('config_invalid', 'The configuration is invalid', { details: problems });
  return deepFreeze(build(parsed.data));
}

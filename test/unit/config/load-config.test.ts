import { loadConfig } from '../../../src/config/load-config';

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    return [...(err as { details: string[] }).details];
  }
};

describe('loadConfig', () => {
  it('runs with nothing set: embedded store, port 3000, web chat on, no channels, no model', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      store: { kind: 'local', dataDir: './.controlbot' },
      webChat: true,
      logLevel: 'info',
    });
    expect(c.slack).toBeUndefined();
    expect(c.teams).toBeUndefined();
    expect(c.model).toBeUndefined();
    expect(Object.isFrozen(c) && Object.isFrozen(c.store)).toBe(true);
  });

  it('chooses MongoDB when MONGODB_URI is set and treats blank values as unset', () => {
    expect(loadConfig({ MONGODB_URI: 'mongodb://db:27017/cb', PORT: '' }).store).toEqual({
      kind: 'mongo',
      uri: 'mongodb://db:27017/cb',
    });
  });

  it('configures Slack in HTTP and Socket Mode and turns the web chat off by default', () => {
    const http = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdef0123456789' });
    expect(http.slack).toEqual({ mode: 'http', botToken: 'xoxb-1', signingSecret: 'abcdef0123456789' });
    expect(http.webChat).toBe(false);
    const socket = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      CONTROLBOT_WEB_CHAT: 'true',
    });
    expect(socket.slack).toEqual({
      mode: 'socket',
      botToken: 'xoxb-1',
      appToken: 'xapp-1',
      apiUrl: 'http://127.0.0.1:9/api/',
    });
    expect(socket.webChat).toBe(true);
  });

  it('uses Socket Mode when both an app token and a signing secret are set', () => {
    const both = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_SIGNING_SECRET: 'abcdef0123456789',
    });
    expect(both.slack).toMatchObject({ mode: 'socket', appToken: 'xapp-1' });
  });

  it('configures Teams with credentials, or unauthenticated only when asked', () => {
    expect(loadConfig({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'pw' }).teams).toMatchObject({
      appId: 'id',
      appType: 'MultiTenant',
      allowUnauthenticated: false,
    });
    expect(loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' }).teams?.allowUnauthenticated).toBe(true);
  });

  it('configures an OpenAI-compatible model with a default model name', () => {
    expect(loadConfig({ OPENAI_API_KEY: 'sk', OPENAI_BASE_URL: 'http://localhost:11434/v1' }).model).toEqual({
      apiKey: 'sk',
      baseUrl: 'http://localhost:11434/v1',
      model: 'gpt-4o-mini',
    });
  });

  it('reports one line per problem, each naming the variable and the fix', () => {
    const found = problems({
      PORT: '70000',
      MONGODB_URI: 'localhost:27017',
      SLACK_BOT_TOKEN: 'xoxp-user',
      LOG_LEVEL: 'loud',
      CONTROLBOT_WEB_CHAT: 'maybe',
    });
    expect(found).toEqual([
      'PORT must be between 0 and 65535',
      expect.stringMatching(/^MONGODB_URI must start with mongodb:\/\//),
      expect.stringMatching(/^SLACK_BOT_TOKEN must start with xoxb-: copy/),
      'CONTROLBOT_WEB_CHAT must be true or false',
      expect.stringMatching(/^LOG_LEVEL must be one of/),
    ]);
  });

  it('reports variables that are required together', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN.*or set SLACK_APP_TOKEN/),
    ]);
    expect(problems({ SLACK_APP_TOKEN: 'xapp-1' })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN/),
    ]);
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' })).toEqual([
      expect.stringMatching(/^SLACK_APP_TOKEN must start with xapp-/),
    ]);
    expect(problems({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_TYPE: 'SingleTenant' })).toEqual([
      expect.stringMatching(/^MICROSOFT_APP_PASSWORD is required/),
      expect.stringMatching(/^MICROSOFT_APP_TENANT_ID is required/),
    ]);
    expect(problems({ OPENAI_MODEL: 'llama3' })).toEqual([expect.stringMatching(/^OPENAI_API_KEY is required/)]);
  });
});

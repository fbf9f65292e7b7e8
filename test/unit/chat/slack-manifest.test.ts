import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = parse(readFileSync(path.join(ROOT, 'manifests/slack/manifest.yml'), 'utf8')) as {
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    slash_commands: { command: string; url: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url: string };
    interactivity: { is_enabled: boolean; request_url: string };
  };
};

/**
 * What the Slack adapter registers, read from all of its source files (listeners are split over
 * several) so a new listener cannot go undeclared. `app.action<T>(` counts as `app.action(`.
 */
function handled() {
  const dir = path.join(ROOT, 'src/chat/slack');
  const source = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  return {
    events: [
      ...[...source.matchAll(/app\.event(?:<[^>]*>)?\('([^']+)'/g)].map((m) => m[1] as string),
      ...(/app\.message[<(]/.test(source) ? ['message.im'] : []),
    ].sort(),
    commands: [...source.matchAll(/app\.command(?:<[^>]*>)?\('([^']+)'/g)].map((m) => m[1] as string).sort(),
    actions: /app\.action[<(]/.test(source),
    views: /app\.view[<(]/.test(source),
  };
}

/** The bot scope each event needs; null when Slack sends it without one. */
const SCOPES_FOR_EVENT: Record<string, string | null> = {
  app_home_opened: null,
  app_mention: 'app_mentions:read',
  'message.im': 'im:history',
};

describe('Slack app manifest', () => {
  const code = handled();

  it('declares exactly the events and commands the code handles, and interactivity for its buttons and forms', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(code.events);
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(code.commands);
    expect(manifest.settings.interactivity.is_enabled).toBe(code.actions || code.views);
  });

  it('shows the Home tab exactly when the code publishes it, and the Messages tab for DMs', () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(code.events.includes('app_home_opened'));
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });

  it('asks for the scopes those need, and sends everything to /slack/events', () => {
    const scopes = manifest.oauth_config.scopes.bot;
    for (const event of code.events) {
      expect([event, SCOPES_FOR_EVENT[event] !== undefined]).toEqual([event, true]);
      const scope = SCOPES_FOR_EVENT[event];
      if (scope) expect([event, scopes.includes(scope)]).toEqual([event, true]);
    }
    expect(scopes).toEqual(expect.arrayContaining(['chat:write', ...(code.commands.length > 0 ? ['commands'] : [])]));
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c) => c.url),
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
  });
});

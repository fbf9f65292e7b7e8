/** The validated, frozen configuration. Only `loadConfig` builds one; nothing else reads process.env. */
export type StoreConfig = { kind: 'mongo'; uri: string } | { kind: 'local'; dataDir: string };

/**
 * Slack over HTTP (Slack posts signed requests to /slack/events) or over Socket Mode (we open a
 * WebSocket with an app-level token; no public URL). Socket Mode wins when both are configured.
 */
export type SlackConfig =
  | { mode: 'http'; botToken: string; signingSecret: string; apiUrl?: string }
  | { mode: 'socket'; botToken: string; appToken: string; apiUrl?: string };

export interface TeamsConfig {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  allowUnauthenticated: boolean;
}

export interface ModelConfig {
  apiKey: string;
  baseUrl?: string;
  model: string;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  store: StoreConfig;
  slack?: SlackConfig;
  teams?: TeamsConfig;
  webChat: boolean;
  model?: ModelConfig;
  logLevel: LogLevel;
}

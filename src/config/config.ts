/** The validated, frozen configuration. Only `loadConfig` builds one; nothing else reads process.env. */
export type StoreConfig = { kind: 'mongo'; uri: string } | { kind: 'local'; dataDir: string };

export interface SlackConfig {
  botToken: string;
  /** Present in HTTP mode; Socket Mode does not sign requests. */
  signingSecret?: string;
  /** Present for Socket Mode. */
  appToken?: string;
  apiUrl?: string;
}

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

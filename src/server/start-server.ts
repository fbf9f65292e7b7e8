import { type Assistant, createAssistant } from '../assistant/assistant';
import { loadKnowledge, withImports } from '../assistant/knowledge';
import { openAiModel } from '../assistant/model/openai-model';
import { createConversation } from '../chat/conversation';
import { createSlackApp } from '../chat/slack/slack-app';
import { createSlackSender } from '../chat/slack/slack-sender';
import type * as TeamsApp from '../chat/teams/teams-app';
import type { BotFrameworkEndpoints } from '../chat/teams/teams-auth';
import { mountWebChat } from '../chat/web/web-chat';
import type { Config } from '../config/config';
import type { Logger } from '../kernel/logger';
import { packageRoot } from '../kernel/paths';
import { createDispatcher } from '../outbox/dispatcher';
import { openStore } from '../store/open-store';
import { createDecisions } from '../workflows/access-review/decisions';
import { createBackupFollowUps } from '../workflows/backup-check/follow-up';
import { createWorkflows } from '../workflows/start-workflows';
import { createSupplierReviews } from '../workflows/supplier-review/answers';
import { createServer } from './create-server';
import { createMetrics } from './metrics';
import { exportsDirFor, lazyOutboxRepo, requireLedger, requireStore, storeParts } from './store-parts';
import { superviseStore } from './store-supervisor';

/** The Teams adapter, required on first use (CommonJS; `import()` would need the compiled file's extension). */
const loadTeams = (): typeof TeamsApp => require('../chat/teams/teams-app');

export interface RunningServer {
  port: number;
  /** Stops accepting, lets in-flight requests finish, closes the store. */
  stop(): Promise<void>;
  /** Resolves once the server has stopped (by stop() or a signal). */
  stopped: Promise<void>;
}

/**
 * The composition root of `controlbot start`: the only place concrete parts are wired together.
 * SIGTERM and SIGINT shut down gracefully.
 */
export async function startServer(options: {
  config: Config;
  log: Logger;
  host?: string;
  handleSignals?: boolean;
  /** The workflow files (default: the package's workflows/ folder). */
  workflowsDir?: string;
  /** How often queued messages are sent (default 2 s). */
  outboxIntervalMs?: number;
  /** Bot Framework token endpoints other than Microsoft's public cloud (tests, private clouds). */
  botFramework?: BotFrameworkEndpoints;
}): Promise<RunningServer> {
  const { config, log } = options;
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });
  let stop: () => Promise<void> = async () => undefined;
  const supervisor = superviseStore({
    open: () => openStore(config.store, log),
    log,
    onFatal: (err) => {
      log.fatal({ err: (err as Error).message }, 'cannot open the store');
      process.exitCode = 1;
      void stop();
    },
  });
  // Answers start from the catalog at once; once the store is open, imported catalogs join and
  // unanswered questions are recorded.
  const model = config.model ? openAiModel(config.model) : undefined;
  const knowledge = await loadKnowledge();
  let assistant: Assistant = createAssistant({ ...knowledge, model, log });
  void supervisor
    .whenOpen()
    .then(async (store) => {
      const full = await withImports(knowledge, store.importedControls);
      assistant = createAssistant({ ...full, model, questions: store.questions, log });
    })
    .catch((err: Error) =>
      log.error({ err: err.message }, 'could not load imported catalogs; answering from the built-in catalog'),
    );
  const parts = storeParts(supervisor.current, knowledge.catalog, log);
  const { engine, names } = await createWorkflows({
    ...parts,
    catalog: knowledge.catalog,
    dir: options.workflowsDir,
    root: packageRoot(),
    exportsDir: exportsDirFor(config),
    log,
  });
  const liveParts = { store: () => requireStore(supervisor.current()), ledger: () => requireLedger(parts.ledger()) };
  const decisions = createDecisions({
    store: () => requireStore(supervisor.current()),
    ledger: () => requireLedger(parts.ledger()),
    log,
  });
  const conversation = createConversation({
    assistant: () => assistant,
    catalog: knowledge.catalog,
    votes: () => supervisor.current()?.votes,
    reviews: { store: supervisor.current, decisions },
    backups: { store: supervisor.current, followUps: createBackupFollowUps({ ...liveParts, log }) },
    suppliers: { store: supervisor.current, reviews: createSupplierReviews({ ...liveParts, log }) },
    log,
  });
  // botbuilder takes about half a second to load: only deployments that serve Teams pay for it.
  const teams = config.teams
    ? loadTeams().createTeamsApp({
        teams: config.teams,
        conversation,
        store: supervisor.current,
        log,
        botFramework: options.botFramework,
      })
    : undefined;
  const dispatcher = createDispatcher({
    repo: lazyOutboxRepo(supervisor.current),
    senders: {
      ...(config.slack
        ? { slack: createSlackSender({ token: config.slack.botToken, apiUrl: config.slack.apiUrl, log }) }
        : {}),
      ...(teams ? { teams: teams.sender } : {}),
    },
    log,
  });
  const mounts = config.webChat ? [mountWebChat({ conversation, store: supervisor.current, log })] : [];
  // Without Teams configured /api/messages is not served at all: a Slack-only deployment has no
  // unauthenticated bot endpoint.
  if (teams) mounts.push((app) => app.use(teams.router));
  const slack = config.slack
    ? createSlackApp({ slack: config.slack, conversation, store: supervisor.current, log })
    : undefined;
  const slackRouter = slack?.router;
  if (slackRouter) mounts.push((app) => app.use(slackRouter));
  const metrics = createMetrics();
  const server = createServer({ log, ready: supervisor.ready, metrics, mounts });
  const { port } = await server.listen(config.port, options.host);
  log.info(
    { port, store: config.store.kind, webChat: config.webChat, teams: Boolean(teams) },
    `controlbot listening on http://localhost:${port}`,
  );
  if (config.webChat) log.info(`local web chat: open http://localhost:${port}/ in a browser`);
  if (config.slack?.mode === 'socket') {
    log.info({ platform: 'slack' }, 'Slack over Socket Mode (SLACK_APP_TOKEN is set): /slack/events is not served');
  }
  // Socket Mode connects in the background: Slack being unreachable must not keep the server down.
  void slack?.start();
  // Workflows start once the store is open: catch-up first (a demo campaign on a fresh local store).
  void supervisor
    .whenOpen()
    .then(async () => {
      dispatcher.start(options.outboxIntervalMs ?? 2000);
      const caught = await engine.start();
      log.info({ workflows: names, caughtUp: caught.map((r) => r._id) }, 'workflows scheduled');
    })
    .catch((err: Error) => log.error({ err: err.message }, 'workflows could not start'));

  let stopping: Promise<void> | undefined;
  stop = () => {
    stopping ??= (async () => {
      log.info('shutting down: no new connections, finishing in-flight requests');
      await engine.stop();
      await dispatcher.stop();
      await slack?.stop();
      await server.close();
      await supervisor.close();
      log.info('stopped');
      resolveStopped();
    })();
    return stopping;
  };
  if (options.handleSignals ?? true) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop());
  }
  return { port, stop, stopped };
}

import { type Assistant, createAssistant } from '../assistant/assistant';
import { loadKnowledge, withImports } from '../assistant/knowledge';
import { openAiModel } from '../assistant/model/openai-model';
import { createConversation } from '../chat/conversation';
import { createSlackApp } from '../chat/slack/slack-app';
import { mountWebChat } from '../chat/web/web-chat';
import type { Config } from '../config/config';
import type { Logger } from '../kernel/logger';
import { openStore } from '../store/open-store';
import { createServer } from './create-server';
import { createMetrics } from './metrics';
import { superviseStore } from './store-supervisor';

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
  const conversation = createConversation({
    assistant: () => assistant,
    catalog: knowledge.catalog,
    votes: () => supervisor.current()?.votes,
    log,
  });
  const mounts = config.webChat ? [mountWebChat({ conversation, store: supervisor.current, log })] : [];
  const slack = config.slack
    ? createSlackApp({ slack: config.slack, conversation, store: supervisor.current, log })
    : undefined;
  const slackRouter = slack?.router;
  if (slackRouter) mounts.push((app) => app.use(slackRouter));
  const metrics = createMetrics();
  const server = createServer({ log, ready: supervisor.ready, metrics, mounts });
  const { port } = await server.listen(config.port, options.host);
  log.info(
    { port, store: config.store.kind, webChat: config.webChat },
    `controlbot listening on http://localhost:${port}`,
  );
  if (config.webChat) log.info(`local web chat: open http://localhost:${port}/ in a browser`);
  if (config.slack?.mode === 'socket') {
    log.info({ platform: 'slack' }, 'Slack over Socket Mode (SLACK_APP_TOKEN is set): /slack/events is not served');
  }
  // Socket Mode connects in the background: Slack being unreachable must not keep the server down.
  void slack?.start();

  let stopping: Promise<void> | undefined;
  stop = () => {
    stopping ??= (async () => {
      log.info('shutting down: no new connections, finishing in-flight requests');
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

import type { Reply } from '../chat/model';
import type { Outbox } from '../outbox/outbox';
import type { PersonRecord } from '../store/records';
import { chatTargets } from './access-review/handler';

/** Messages queued at once: enough to hide the store's write latency, few enough to stay gentle. */
const CONCURRENCY = 10;

export interface Notice {
  person: PersonRecord | undefined;
  /** Names what the message is for; the person and platform are appended. */
  dedupeKey: string;
  kind: string;
  reply: Reply;
}

/**
 * Queues each notice for every chat its person is linked to. Returns how many messages were
 * queued (a dedupe key seen before queues nothing) and how many people could not be reached.
 */
export async function queueNotices(outbox: Outbox, notices: readonly Notice[]) {
  let queued = 0;
  let unreachable = 0;
  const sends: (() => Promise<void>)[] = [];
  for (const n of notices) {
    const targets = n.person ? chatTargets(n.person) : [];
    if (targets.length === 0) unreachable += 1;
    for (const t of targets) {
      sends.push(async () => {
        const dedupeKey = `${n.dedupeKey}:${n.person?._id}:${t.platform}`;
        const { created } = await outbox.send({ dedupeKey, ...t, kind: n.kind, reply: n.reply });
        if (created) queued += 1;
      });
    }
  }
  for (let i = 0; i < sends.length; i += CONCURRENCY)
    await Promise.all(sends.slice(i, i + CONCURRENCY).map((s) => s()));
  return { queued, unreachable };
}

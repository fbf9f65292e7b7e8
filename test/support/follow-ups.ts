import type { Catalog } from '../../src/catalog/control';
import { createConversation } from '../../src/chat/conversation';
import type { Actor, Block, Button, Form, Reply } from '../../src/chat/model';
import type { Clock } from '../../src/kernel/clock';
import { sequentialIds } from '../../src/kernel/ids';
import { createLedger } from '../../src/ledger/ledger';
import { decodePayload } from '../../src/outbox/payload';
import type { Store } from '../../src/store/port';
import { createBackupFollowUps } from '../../src/workflows/backup-check/follow-up';
import { createSupplierReviews } from '../../src/workflows/supplier-review/answers';

/** A web-chat actor linked to a directory person (or to nobody, with null). */
export const actor = (personId: string | null): Actor => ({
  platform: 'web',
  userId: personId ?? 'guest',
  name: personId ?? 'guest',
  personId,
});

export const buttonsOf = (reply: Reply): Button[] =>
  reply.blocks.flatMap((b: Block) => (b.type === 'buttons' ? b.buttons : []));
export const formOf = (reply: Reply): Form | undefined => reply.blocks.find((b): b is Form => b.type === 'form');
export const textOf = (reply: Reply) => JSON.stringify(reply.blocks);

/**
 * The conversation core with the backup and supplier routes over `store`, as start-server wires
 * it (no assistant: these tests never ask a question), plus the ledger it records through.
 */
export function followUpConversation(store: Store, clock: Clock) {
  const ledger = createLedger({
    attestations: store.attestations,
    catalogVersion: 'test',
    clock,
    ids: sequentialIds(),
  });
  const parts = { store: () => store, ledger: () => ledger, clock };
  const conversation = createConversation({
    assistant: () => {
      throw new Error('these tests ask no questions');
    },
    catalog: {} as Catalog,
    backups: { store: () => store, followUps: createBackupFollowUps(parts) },
    suppliers: { store: () => store, reviews: createSupplierReviews(parts) },
    clock,
  });
  const say = (personId: string | null, text: string) => conversation.handle({ actor: actor(personId), text });
  const press = (personId: string | null, b: { action: string; value: string }, fields?: Record<string, string>) =>
    conversation.handle({ actor: actor(personId), action: { id: b.action, value: b.value, fields } });
  return { ledger, conversation, say, press };
}

/** The queued messages, decoded: who gets what. */
export async function queued(store: Store) {
  return (await store.outbox.list()).map((r) => ({
    dedupeKey: r.dedupeKey,
    platform: r.platform,
    target: r.target,
    kind: decodePayload(r.payload)?.kind ?? null,
    reply: decodePayload(r.payload)?.reply as Reply,
  }));
}

/** The lines of the first text block (a digest section's list). */
export const linesOf = (blocks: readonly Block[] | undefined): string[] => {
  const first = blocks?.find((b) => b.type === 'text');
  return first?.type === 'text' ? first.text.split('\n') : [];
};

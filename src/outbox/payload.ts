import type { Reply } from '../chat/model';

/**
 * What an outbox record's `payload` holds: the channel-neutral reply, rendered by the platform's
 * Sender only when it is sent, and what kind of message it is (for logs: "review.reminder", ...).
 */
export interface OutboxPayload {
  kind: string | null;
  reply: Reply;
}

export const encodePayload = (reply: Reply, kind?: string): Record<string, unknown> => ({
  kind: kind ?? null,
  reply: { text: reply.text, blocks: reply.blocks },
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The payload read back from the store, or null when it is not one this code wrote. */
export function decodePayload(payload: unknown): OutboxPayload | null {
  if (!isObject(payload) || !isObject(payload.reply)) return null;
  const { reply, kind } = payload;
  if (typeof reply.text !== 'string' || !Array.isArray(reply.blocks)) return null;
  if (!reply.blocks.every((b) => isObject(b) && typeof b.type === 'string')) return null;
  return { kind: typeof kind === 'string' ? kind : null, reply: reply as unknown as Reply };
}

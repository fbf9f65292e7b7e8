import type { MutableCollection } from '../collection';
import type { ReviewInboxRecord, ReviewItemRecord } from '../records';
import { insertMissing } from './insert-missing';
import { inboxId, pack } from './review-inbox-entry';

/** A starting campaign's inboxes, collected item by item and written at once, in insert-only batches. */
export interface InboxBuilder {
  add(item: ReviewItemRecord): void;
  /**
   * Inserts the inboxes not stored yet, so a new builder repeating it after an interruption
   * completes them; once only, as it lets go of each reviewer's items as it goes.
   */
  write(): Promise<void>;
}

/** Packed items per inbox document, in bytes: a reviewer of many thousands stays far below 16 MB a document. */
const PART_BYTES = 4 << 20;
/** Inbox documents per insert. */
const INSERT_BATCH = 50;

/** Comma-separated packed items in a buffer that grows by doubling. */
interface Part {
  bytes: Buffer;
  length: number;
}

/**
 * Appends to a reviewer's parts, starting a new one when the last is full. Buffers live outside
 * the JS heap: 200,000 packed items held as strings cost three times their size in resident memory.
 */
function append(parts: Part[], text: string) {
  const size = Buffer.byteLength(text) + 1;
  let last = parts[parts.length - 1];
  if (!last || (last.length > 0 && last.length + size > PART_BYTES)) {
    last = { bytes: Buffer.allocUnsafe(Math.max(512, size)), length: 0 };
    parts.push(last);
  }
  if (last.length + size > last.bytes.length) {
    const grown = Buffer.allocUnsafe(Math.max(last.length + size, Math.min(PART_BYTES, last.bytes.length * 2)));
    last.bytes.copy(grown, 0, 0, last.length);
    last.bytes = grown;
  }
  if (last.length > 0) last.bytes[last.length++] = 0x2c;
  last.length += last.bytes.write(text, last.length);
}

export function inboxBuilder(col: MutableCollection<ReviewInboxRecord>, campaignId: string): InboxBuilder {
  const byReviewer = new Map<string, Part[]>();
  return {
    add(item) {
      const parts = byReviewer.get(item.reviewerId) ?? [];
      append(parts, pack(item, item.reviewerId));
      byReviewer.set(item.reviewerId, parts);
    },
    async write() {
      let docs: ReviewInboxRecord[] = [];
      for (const [reviewerId, parts] of byReviewer) {
        byReviewer.delete(reviewerId);
        parts.forEach(({ bytes, length }, part) => {
          const assigned = `[${bytes.toString('utf8', 0, length)}]`;
          docs.push({
            _id: inboxId(campaignId, reviewerId, part),
            campaignId,
            reviewerId,
            parts: parts.length,
            assigned,
            changes: {},
          });
        });
        if (docs.length >= INSERT_BATCH) {
          await insertMissing(col, docs);
          docs = [];
        }
      }
      if (docs.length > 0) await insertMissing(col, docs);
    },
  };
}

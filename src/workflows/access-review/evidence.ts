import type { Writable } from 'node:stream';
import { csvCell } from '../../ledger/export';
import type { Store } from '../../store/port';
import type { ReviewItemRecord } from '../../store/records';

/** One row of the auditor's evidence: the item as snapshotted, and what became of it. */
export interface EvidenceRow {
  campaign: string;
  position: number;
  holder: string;
  holderId: string | null;
  system: string;
  account: string;
  entitlement: string;
  flags: string;
  reviewer: string;
  decision: string;
  reason: string;
  decidedBy: string;
  decidedAt: string;
  attestationHash: string;
}

export const EVIDENCE_COLUMNS: (keyof EvidenceRow)[] = [
  'campaign',
  'position',
  'holder',
  'holderId',
  'system',
  'account',
  'entitlement',
  'flags',
  'reviewer',
  'decision',
  'reason',
  'decidedBy',
  'decidedAt',
  'attestationHash',
];

const decisionKey = (item: ReviewItemRecord) => `access-review.decision:${item._id}`;

/**
 * Every item of a campaign in order with its decision and the hash of its attestation, read in
 * pages (the hashes are fetched per page of items, by idempotency key).
 */
export async function* evidenceRows(
  store: Store,
  campaignId: string,
  filter: (i: ReviewItemRecord) => boolean = () => true,
): AsyncGenerator<EvidenceRow> {
  let page: ReviewItemRecord[] = [];
  const flush = async function* () {
    const decided = page.filter((i) => i.decision !== null);
    const hashes = new Map(
      decided.length
        ? (await store.attestations.byIdempotencyKeys(decided.map(decisionKey))).map((a) => [a.idempotencyKey, a.hash])
        : [],
    );
    for (const i of page) yield toRow(i, hashes.get(decisionKey(i)) ?? '');
    page = [];
  };
  for await (const item of store.reviewItems.scanCampaign(campaignId)) {
    if (!filter(item)) continue;
    page.push(item);
    if (page.length === 500) yield* flush();
  }
  yield* flush();
}

const toRow = (i: ReviewItemRecord, hash: string): EvidenceRow => ({
  campaign: i.campaignId,
  position: i.position,
  holder: i.subjectName,
  holderId: i.subjectId,
  system: i.system,
  account: i.account,
  entitlement: i.entitlement,
  flags: i.flags.join(';'),
  reviewer: i.reviewerId,
  decision: i.decision ?? 'open',
  reason: i.reason ?? '',
  decidedBy: i.decidedBy ?? '',
  decidedAt: i.decidedAt ? i.decidedAt.toISOString() : '',
  attestationHash: hash,
});

/** Writes rows as CSV (formula-safe) or JSON (an array, one row per line), streaming. */
export async function writeEvidence(rows: AsyncIterable<EvidenceRow>, format: 'csv' | 'json', out: Writable) {
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  let n = 0;
  if (format === 'csv') await write(`${EVIDENCE_COLUMNS.join(',')}\n`);
  else await write('[');
  for await (const row of rows) {
    if (format === 'csv') await write(`${EVIDENCE_COLUMNS.map((c) => csvCell(String(row[c] ?? ''))).join(',')}\n`);
    else await write(`${n > 0 ? ',' : ''}\n${JSON.stringify(row)}`);
    n += 1;
  }
  if (format === 'json') await write('\n]\n');
  return n;
}

import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { AttestationRecord } from '../store/records';

export type ExportFormat = 'csv' | 'json';

export const CSV_COLUMNS = [
  'seq',
  'id',
  'at',
  'type',
  'subject',
  'controlIds',
  'actorId',
  'actorName',
  'actorPlatform',
  'decision',
  'comment',
  'evidence',
  'catalogVersion',
  'idempotencyKey',
  'prevHash',
  'hash',
] as const;

/**
 * RFC 4180 quoting. A leading = + - @ (or tab/CR) gets a ' so a spreadsheet shows the text instead
 * of running it as a formula; the JSON export keeps values byte-exact for hash verification.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvRow(r: AttestationRecord): string {
  const cells = [
    String(r.seq),
    r.id,
    r.at.toISOString(),
    r.type,
    r.subject,
    r.controlIds.join(';'),
    r.actor.id,
    r.actor.name,
    r.actor.platform,
    r.decision,
    r.comment ?? '',
    JSON.stringify(r.evidence),
    r.catalogVersion,
    r.idempotencyKey,
    r.prevHash,
    r.hash,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function jsonRecord(r: AttestationRecord): string {
  const { _id, ...rest } = r;
  return JSON.stringify({ ...rest, at: r.at.toISOString() });
}

/** Writes records to `out` as they are read, waiting for the stream to drain: memory stays flat. */
export async function exportAttestations(
  records: AsyncIterable<AttestationRecord>,
  format: ExportFormat,
  out: Writable,
): Promise<number> {
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  let n = 0;
  await write(format === 'csv' ? `${CSV_COLUMNS.join(',')}\r\n` : '[');
  for await (const r of records) {
    await write(format === 'csv' ? csvRow(r) : `${n === 0 ? '\n' : ',\n'}${jsonRecord(r)}`);
    n++;
  }
  if (format === 'json') await write(n === 0 ? ']\n' : '\n]\n');
  return n;
}

import type { AttestationRecord } from '../store/records';
import { attestationHash, attestationMatches, GENESIS_HASH } from './hash-chain';

export type ChainProblem = 'gap' | 'broken link' | 'hash mismatch';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The last record: note it down, so a later verify can also prove nothing was cut off the end. */
  head: { seq: number; hash: string } | null;
  firstBad: { seq: number; problem: ChainProblem; message: string } | null;
}

/** Walks the chain in seq order and stops at the first record that does not hold. */
export async function verifyChain(records: AsyncIterable<AttestationRecord>): Promise<VerifyResult> {
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let head: VerifyResult['head'] = null;
  const fail = (seq: number, problem: ChainProblem, message: string): VerifyResult => ({
    ok: false,
    checked,
    head,
    firstBad: { seq, problem, message },
  });
  for await (const record of records) {
    if (record.seq !== expected) {
      return fail(expected, 'gap', `record ${expected} is missing (the next one found is ${record.seq})`);
    }
    if (!attestationMatches(record, record.hash)) {
      const actual = attestationHash(record);
      return fail(
        record.seq,
        'hash mismatch',
        `record ${record.seq} was altered: its content hashes to ${actual}, not the stored ${record.hash}`,
      );
    }
    if (record.prevHash !== prevHash) {
      return fail(
        record.seq,
        'broken link',
        `record ${record.seq} points to ${record.prevHash} but record ${record.seq - 1} has hash ${prevHash}`,
      );
    }
    prevHash = record.hash;
    head = { seq: record.seq, hash: record.hash };
    expected++;
    checked++;
  }
  return { ok: true, checked, head, firstBad: null };
}

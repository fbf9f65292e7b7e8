import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../src/kernel/logger';
import { openLocalBackend } from '../../../src/store/local/local-backend';
import { createStore } from '../../../src/store/port';
import type { ReviewItemRecord } from '../../../src/store/records';
import { createDummyReviewItem } from '../../support/records';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'controlbot-compact-'));
});
afterEach(() => fs.rm(dir, { recursive: true, force: true, maxRetries: 5 }));

const open = async () => createStore(await openLocalBackend(dir, silentLogger));
const lines = async (name: string) =>
  (await fs.readFile(path.join(dir, `${name}.db`), 'utf8')).split('\n').filter((l) => l !== '');

const item = (position: number): ReviewItemRecord =>
  createDummyReviewItem({
    _id: `c1#${position}`,
    campaignId: 'c1',
    position,
    reviewerId: `r${position % 3}`,
    flags: position % 2 ? ['privileged'] : [],
    facts: { privileged: position % 2 === 1, lastLogin: null, nested: { deep: [1, { x: position }] } },
  });

describe('the embedded store rewrites its files one document at a time', () => {
  it('keeps one line per document, drops superseded lines, and reloads the same documents with dates', async () => {
    const items = Array.from({ length: 2500 }, (_, i) => item(i));
    const decidedAt = new Date('2026-11-02T10:00:00.000Z');
    let store = await open();
    await store.reviewItems.insertMany(items);
    await store.reviewItems.decide('c1#7', {
      decision: 'revoke',
      reason: 'left',
      decidedBy: 'r1',
      decidedAt,
      attestationId: 'a1',
    });
    // Before compaction the file holds the insert and the update of item 7.
    expect((await lines('review_items')).filter((l) => l.includes('"c1#7"'))).toHaveLength(2);
    await store.close();

    const compacted = await lines('review_items');
    expect(compacted.filter((l) => l.includes('"c1#7"'))).toHaveLength(1);
    expect(compacted.filter((l) => l.startsWith('{"_id"'))).toHaveLength(items.length);
    await expect(fs.access(path.join(dir, 'review_items.db~'))).rejects.toThrow();

    store = await open();
    const decided = await store.reviewItems.get('c1#7');
    expect(decided).toMatchObject({ status: 'decided', decision: 'revoke', decidedAt });
    expect(decided?.decidedAt).toBeInstanceOf(Date);
    expect(await store.reviewItems.get('c1#2499')).toEqual(item(2499));
    expect(await store.reviewItems.count({ campaignId: 'c1' })).toBe(items.length);
    await store.close();
  });

  it('hands out copies: changing a document read or inserted does not change the stored one', async () => {
    const store = await open();
    const original = item(1);
    await store.reviewItems.insertMany([original]);
    original.flags.push('mutated');
    (original.facts.nested as { deep: unknown[] }).deep.push('mutated');
    const read = (await store.reviewItems.get('c1#1')) as ReviewItemRecord;
    read.subjectName = 'changed';
    expect(await store.reviewItems.get('c1#1')).toEqual(item(1));
    await store.close();
  });
});

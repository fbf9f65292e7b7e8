// Child process for the kill -9 test: appends attestations to an embedded store as fast as it can
// and prints "ack <seq>" once each append has been acknowledged.

import { silentLogger } from '../../src/kernel/logger';
import { createLedger } from '../../src/ledger/ledger';
import { openLocalBackend } from '../../src/store/local/local-backend';
import { createStore } from '../../src/store/port';
import { createDummyAttestation } from './records';

async function main() {
  const dir = process.argv[2] as string;
  const store = createStore(await openLocalBackend(dir, silentLogger));
  const ledger = createLedger({ attestations: store.attestations, catalogVersion: 'test' });
  process.stdout.write('ready\n');
  for (let i = 0; ; i++) {
    const evidence = { filler: 'x'.repeat(2000 + (i % 7) * 500), i };
    const batch = Array.from({ length: 5 }, (_, j) =>
      ledger.record(createDummyAttestation({ idempotencyKey: `${process.pid}-${i}-${j}`, evidence })),
    );
    for (const { record } of await Promise.all(batch)) process.stdout.write(`ack ${record.seq}\n`);
  }
}

void main();

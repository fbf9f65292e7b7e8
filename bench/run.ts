// `npm run bench`: runs every benchmark and writes bench/results/<name>.json.
import { askBench } from './ask.bench';
import { campaignBench } from './campaign.bench';
import { digestBench } from './digest.bench';
import { fanoutBench } from './fanout.bench';
import { ledgerBench } from './ledger.bench';
import { slackBench } from './slack.bench';
import { writeResult } from './support';

const BENCHES: Record<string, (mongoUri: string | undefined) => Promise<unknown>> = {
  ask: askBench,
  campaign: campaignBench,
  digest: digestBench,
  fanout: fanoutBench,
  ledger: ledgerBench,
  slack: slackBench,
};

async function main() {
  const only = process.argv.slice(2);
  const mongoUri = process.env.MONGODB_URI;
  for (const [name, bench] of Object.entries(BENCHES)) {
    if (only.length > 0 && !only.includes(name)) continue;
    process.stderr.write(`bench ${name}...\n`);
    const file = await writeResult(name, await bench(mongoUri));
    process.stdout.write(`${name}: ${file}\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
  process.exitCode = 1;
});

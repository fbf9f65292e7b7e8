// Creates one access-review campaign in its own process, so a test can kill it mid-way:
// `campaign-child.ts <root>` with the store from the environment (CONTROLBOT_DATA_DIR or MONGODB_URI).
// Progress goes to stdout as pino JSON lines ("review items written").
import { loadConfig } from '../../src/config/load-config';
import { createLogger } from '../../src/kernel/logger';
import { openStore } from '../../src/store/open-store';
import { createCampaign } from '../../src/workflows/access-review/campaign';
import { KILL_TEST_SLOT, killTestWorkflow } from './workflows';

async function main() {
  const root = process.argv[2] as string;
  const log = createLogger({ level: 'debug', destination: process.stdout });
  const store = await openStore(loadConfig(process.env).store, log);
  await createCampaign({ store, def: killTestWorkflow(), slot: KILL_TEST_SLOT, now: new Date(), root, log });
  await store.close();
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});

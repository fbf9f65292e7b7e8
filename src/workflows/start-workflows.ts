import os from 'node:os';
import type { Catalog } from '../catalog/control';
import { digestHandler } from '../digest/digest-handler';
import { DIGEST_SECTIONS } from '../digest/providers';
import type { Logger } from '../kernel/logger';
import type { Ledger } from '../ledger/ledger';
import type { Outbox } from '../outbox/outbox';
import type { Store } from '../store/port';
import { accessReviewHandler } from './access-review/handler';
import { accessReviewMaintenance } from './access-review/maintain';
import { backupCheckHandler } from './backup-check/handler';
import { createEngine, type Engine } from './engine';
import { loadWorkflowsOrThrow } from './load-workflows';
import { supplierReviewHandler } from './supplier-review/handler';

export interface WorkflowParts {
  store: () => Store | null;
  ledger: () => Ledger | null;
  outbox: () => Outbox | null;
  catalog: Catalog;
  /** The folder of workflow files, and the root their source paths are relative to. */
  dir?: string;
  root: string;
  /** Where closing campaigns write remediation lists. */
  exportsDir: string;
  log: Logger;
}

/**
 * Loads and validates every workflow (a broken file stops the start with file:line, rather than
 * silently never running) and builds the engine with each kind's handler and follow-up passes.
 */
export async function createWorkflows(parts: WorkflowParts): Promise<{ engine: Engine; names: string[] }> {
  const workflows = await loadWorkflowsOrThrow({ dir: parts.dir, catalog: parts.catalog, root: parts.root });
  const engine = createEngine({
    store: parts.store,
    workflows,
    owner: `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`,
    handlers: {
      'access-review': accessReviewHandler({ store: parts.store, outbox: parts.outbox, root: parts.root }),
      'backup-check': backupCheckHandler({ ...parts, root: parts.root }),
      'supplier-review': supplierReviewHandler({ ...parts, root: parts.root }),
      digest: digestHandler({ store: parts.store, outbox: parts.outbox, providers: DIGEST_SECTIONS }),
    },
    maintenance: [accessReviewMaintenance({ ...parts, workflows })],
    log: parts.log.child({ component: 'workflows' }),
  });
  return { engine, names: workflows.map((w) => w.name) };
}

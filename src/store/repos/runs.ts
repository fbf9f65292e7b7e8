import { isAppError } from '../../kernel/errors';
import type { MutableCollection } from '../collection';
import type { StepResult, WorkflowRunRecord } from '../records';

export interface RunsRepo {
  /** Claims a slot; resolves to null when another process (or an earlier run) already has it. */
  start(run: WorkflowRunRecord): Promise<WorkflowRunRecord | null>;
  finish(
    id: string,
    result: { status: WorkflowRunRecord['status']; steps: StepResult[]; endedAt: Date },
  ): Promise<void>;
  get(id: string): Promise<WorkflowRunRecord | null>;
  latest(workflow: string): Promise<WorkflowRunRecord | null>;
  list(filter?: { workflow?: string; limit?: number }): Promise<WorkflowRunRecord[]>;
}

export function runsRepo(col: MutableCollection<WorkflowRunRecord>): RunsRepo {
  return {
    async start(run) {
      try {
        await col.insertMany([run]);
        return run;
      } catch (err) {
        if (isAppError(err, 'duplicate')) return null;
        throw err;
      }
    },
    async finish(id, result) {
      await col.updateOne({ _id: id }, { $set: result });
    },
    get: (id) => col.findOne({ _id: id }),
    latest: (workflow) => col.findOne({ workflow }, { sort: { slot: -1 } }),
    list: (filter = {}) =>
      col.find(filter.workflow ? { workflow: filter.workflow } : {}, {
        sort: { startedAt: -1 },
        limit: filter.limit ?? 50,
      }),
  };
}

import cron, { type ScheduledTask } from 'node-cron';
import { type Clock, systemClock } from '../kernel/clock';
import { type Logger, silentLogger } from '../kernel/logger';
import type { Store } from '../store/port';
import type { StepResult, WorkflowRunRecord } from '../store/records';
import type { WorkflowDefinition } from './definition';
import { latestSlot, missedSlot, slotKey } from './schedule';

/** What a workflow kind does for one slot; each step reports pass/fail/error on its own. */
export type KindHandler = (
  def: WorkflowDefinition,
  slot: Date,
  ctx: { now: Date; log: Logger },
) => Promise<StepResult[]>;

export interface EngineOptions {
  store: () => Store | null;
  workflows: readonly WorkflowDefinition[];
  handlers: Partial<Record<WorkflowDefinition['kind'], KindHandler>>;
  /** This process, as lease owner (host:pid:random). */
  owner: string;
  clock?: Clock;
  log?: Logger;
  /** How long a run's lease lasts without a heartbeat; a crashed run is taken over after it. */
  leaseMs?: number;
  /** Periodic passes (reminders, escalations, closing), run by one replica at a time. */
  maintenance?: ((now: Date, log: Logger) => Promise<void>)[];
  /** When the maintenance passes run (default every 15 minutes). */
  maintenanceSchedule?: string;
}

const statusOf = (steps: StepResult[]): WorkflowRunRecord['status'] =>
  steps.every((s) => s.status === 'pass') ? 'succeeded' : steps.some((s) => s.status === 'pass') ? 'partial' : 'failed';

/**
 * Runs workflows on their schedules. node-cron only wakes the engine; which slot is due is a pure
 * function of `now`. One replica runs a slot: a lease per slot in the store (renewed while the run
 * lasts, so a crashed run is taken over once it expires) and a run record unique per slot. After
 * downtime the latest missed slot runs once at start, recorded as caught up.
 */
export function createEngine(options: EngineOptions) {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLogger;
  const leaseMs = options.leaseMs ?? 120_000;
  const tasks: ScheduledTask[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const byName = new Map(options.workflows.map((w) => [w.name, w]));

  async function run(def: WorkflowDefinition, slot: Date, caughtUp: boolean): Promise<WorkflowRunRecord | null> {
    const store = options.store();
    if (!store) {
      log.warn({ workflow: def.name }, 'store not open; the slot will be caught up later');
      return null;
    }
    const key = slotKey(def, slot);
    const lease = `run:${key}`;
    if (!(await store.leases.acquire(lease, options.owner, clock.now(), leaseMs))) return null;
    const heartbeat = setInterval(() => {
      void store.leases.acquire(lease, options.owner, clock.now(), leaseMs).catch(() => undefined);
    }, leaseMs / 3);
    heartbeat.unref();
    const runLog = log.child({ workflow: def.name, runId: key });
    try {
      const existing = await store.runs.get(key);
      if (existing && existing.status !== 'running') return existing;
      if (existing) runLog.warn('taking over a run whose process stopped');
      else {
        const started = await store.runs.start({
          _id: key,
          workflow: def.name,
          slot: slot.toISOString(),
          owner: options.owner,
          status: 'running',
          caughtUp,
          startedAt: clock.now(),
          endedAt: null,
          steps: [],
        });
        if (!started) return null;
      }
      const handler = options.handlers[def.kind];
      const steps: StepResult[] = handler
        ? await handler(def, slot, { now: clock.now(), log: runLog }).catch((err: Error) => [
            { name: def.kind, status: 'error' as const, detail: err.message, durationMs: 0 },
          ])
        : [{ name: def.kind, status: 'error', detail: `no handler for kind ${def.kind} yet`, durationMs: 0 }];
      const status = statusOf(steps);
      await store.runs.finish(key, { status, steps, endedAt: clock.now() });
      runLog[status === 'succeeded' ? 'info' : 'warn']({ status, caughtUp }, 'workflow run finished');
      return await store.runs.get(key);
    } finally {
      clearInterval(heartbeat);
      await store.leases.release(lease, options.owner).catch(() => undefined);
    }
  }

  const track = <T>(p: Promise<T>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };

  /** The latest slot of every enabled workflow that has not run (or whose run was cut off), once. */
  async function catchUp() {
    const store = options.store();
    if (!store) return [];
    const done: WorkflowRunRecord[] = [];
    for (const def of options.workflows.filter((w) => w.enabled)) {
      const last = await store.runs.latest(def.name);
      const slot =
        last?.status === 'running'
          ? new Date(last.slot)
          : missedSlot(def, last ? new Date(last.slot) : null, clock.now());
      if (!slot) continue;
      const result = await track(run(def, slot, true)).catch((err: Error) => {
        log.error({ workflow: def.name, err: err.message }, 'catch-up run failed');
        return null;
      });
      if (result) done.push(result);
    }
    return done;
  }

  /** Runs the maintenance passes once, under a lease so only one replica does at a time. */
  async function maintain() {
    const store = options.store();
    if (!store || !options.maintenance?.length) return false;
    if (!(await store.leases.acquire('maintenance', options.owner, clock.now(), leaseMs))) return false;
    try {
      for (const pass of options.maintenance) {
        await pass(clock.now(), log).catch((err: Error) => log.error({ err: err.message }, 'maintenance pass failed'));
      }
      return true;
    } finally {
      await store.leases.release('maintenance', options.owner).catch(() => undefined);
    }
  }

  return {
    maintain,
    /** Schedules every enabled workflow and the maintenance passes, and catches up what was missed. */
    async start() {
      if (options.maintenance?.length) {
        const task = cron.createTask(
          options.maintenanceSchedule ?? '*/15 * * * *',
          () => {
            void track(maintain()).catch((err: Error) => log.error({ err: err.message }, 'maintenance failed'));
          },
          { name: 'maintenance', noOverlap: true },
        );
        task.start();
        tasks.push(task);
      }
      for (const def of options.workflows.filter((w) => w.enabled)) {
        const task = cron.createTask(
          def.schedule,
          () => {
            const slot = latestSlot(def, clock.now());
            if (slot)
              void track(run(def, slot, false)).catch((err: Error) =>
                log.error({ workflow: def.name, err: err.message }, 'run failed'),
              );
          },
          { timezone: def.timezone, name: def.name, noOverlap: true },
        );
        task.start();
        tasks.push(task);
      }
      return catchUp();
    },
    catchUp,
    /** Runs one workflow at once, outside its schedule (slot = now). */
    async runNow(name: string) {
      const def = byName.get(name);
      if (!def) return null;
      return track(run(def, clock.now(), false));
    },
    async stop() {
      for (const t of tasks.splice(0)) t.destroy();
      await Promise.allSettled([...inFlight]);
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;

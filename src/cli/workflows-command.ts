import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { loadCatalog } from '../catalog/load-catalog';
import { AppError } from '../kernel/errors';
import { packageRoot } from '../kernel/paths';
import { exportsDirFor, storeParts } from '../server/store-parts';
import type { WorkflowDefinition } from '../workflows/definition';
import { DEFAULT_WORKFLOWS_DIR, loadWorkflows, loadWorkflowsOrThrow } from '../workflows/load-workflows';
import { localIso, nextRuns } from '../workflows/schedule';
import { createWorkflows } from '../workflows/start-workflows';
import { type CommandDeps, commandContext, withStore } from './context';
import { println } from './io';

const parseCount = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new InvalidArgumentError('use a whole number from 1 to 100');
  return n;
};

const parseDate = (value: string) => {
  const d = new Date(value);
  if (Number.isNaN(d.getTime()))
    throw new InvalidArgumentError(`"${value}" is not a date; use e.g. 2026-12-01 or 2026-12-01T09:00:00Z`);
  return d;
};

/** What `workflows list` shows of one definition; disabled workflows have no next runs. */
const listed = (def: WorkflowDefinition, from: Date, count: number) => ({
  name: def.name,
  kind: def.kind,
  enabled: def.enabled,
  schedule: def.schedule,
  timezone: def.timezone,
  controls: def.controls,
  nextRuns: def.enabled
    ? nextRuns(def, from, count).map((at) => ({ at: at.toISOString(), local: localIso(at, def.timezone) }))
    : [],
});

const dirOption = ['--dir <folder>', `folder of workflow definitions (default: ${DEFAULT_WORKFLOWS_DIR})`] as const;

export function workflowsCommand(program: Command, deps: CommandDeps): void {
  const group = program.command('workflows').description('scheduled compliance workflows defined in workflows/*.yml');

  group
    .command('validate')
    .description('check every workflow definition; prints file:line: message for each problem')
    .option(...dirOption)
    .action(async (opts: { dir?: string }) => {
      const dir = opts.dir ? path.resolve(opts.dir) : undefined;
      const { workflows, problems } = await loadWorkflows({ dir, catalog: await loadCatalog() });
      for (const problem of problems) println(deps.io.stderr, problem);
      // Invalid definitions are bad configuration: exit 2, as main.ts does for config_invalid.
      if (problems.length > 0) process.exitCode = 2;
      else println(deps.io.stdout, `ok: ${workflows.length} workflows`);
    });

  group
    .command('run <name>')
    .description('run one workflow at once (its slot is now), as the scheduler would; prints each step')
    .option('--now', 'run now (the only mode: runs never wait for their schedule here)')
    .option(...dirOption)
    .action(async (name: string, opts: { dir?: string }) => {
      const ctx = commandContext(deps);
      const catalog = await loadCatalog();
      await withStore(ctx, async (store) => {
        const parts = storeParts(() => store, catalog, ctx.log);
        const { engine, names } = await createWorkflows({
          ...parts,
          catalog,
          dir: opts.dir ? path.resolve(opts.dir) : undefined,
          root: packageRoot(),
          exportsDir: exportsDirFor(ctx.config),
          log: ctx.log,
        });
        if (!names.includes(name)) {
          throw new AppError('not_found', `no workflow "${name}"; known: ${names.join(', ') || 'none'}`);
        }
        const run = await engine.runNow(name);
        if (!run) throw new AppError('conflict', `workflow "${name}" is running elsewhere right now; try again later`);
        println(deps.io.stdout, `${run.workflow} ${run.slot}: ${run.status}`);
        for (const s of run.steps)
          println(deps.io.stdout, `  ${s.status.padEnd(5)} ${s.name}: ${s.detail ?? ''} (${s.durationMs} ms)`);
        if (run.status !== 'succeeded') process.exitCode = 1;
      });
    });

  group
    .command('list')
    .description('every workflow: name, kind, schedule, time zone, controls and its next runs')
    .option(...dirOption)
    .option('--json', 'print a JSON array')
    .option('--count <n>', 'how many next runs to show', parseCount, 3)
    .option('--from <date>', 'show the runs after this time instead of now', parseDate)
    .action(async (opts: { dir?: string; json?: boolean; count: number; from?: Date }) => {
      const dir = opts.dir ? path.resolve(opts.dir) : undefined;
      const workflows = await loadWorkflowsOrThrow({ dir, catalog: await loadCatalog() });
      const rows = workflows.map((def) => listed(def, opts.from ?? new Date(), opts.count));
      if (opts.json) return void println(deps.io.stdout, JSON.stringify(rows, null, 2));
      for (const row of rows) {
        const state = row.enabled ? '' : '  (disabled)';
        println(deps.io.stdout, `${row.name}  ${row.kind}  "${row.schedule}" ${row.timezone}${state}`);
        println(deps.io.stdout, `  controls: ${row.controls.join(', ')}`);
        for (const run of row.nextRuns) println(deps.io.stdout, `  next: ${run.local}  (${run.at})`);
      }
    });
}

import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { parseYamlSource, type YamlSource } from '../catalog/yaml-source';
import { AppError, isAppError } from '../kernel/errors';
import { packageRoot } from '../kernel/paths';
import {
  type ControlResolver,
  SETTINGS_KEY,
  sourceFilesOf,
  type WorkflowDefinition,
  type WorkflowKind,
  workflowDefinitionSchema,
} from './definition';

export const DEFAULT_WORKFLOWS_DIR = path.join(packageRoot(), 'workflows');

export interface LoadWorkflowsOptions {
  /** Folder of `*.yml` / `*.yaml` definitions, one per file (default: `workflows/` of the repository). */
  dir?: string;
  /** Control ids are checked against it and stored as it writes them. */
  catalog: ControlResolver;
  /** Where source paths such as data/samples/people.csv are resolved (default: the repository root). */
  root?: string;
}

export interface LoadedWorkflows {
  /** Every definition that can run; one with a problem in its shape, a control or a source file is left out. */
  workflows: WorkflowDefinition[];
  /** Every problem, as `file:line: message`. */
  problems: string[];
}

type Key = string | number;
const SETTINGS_KEYS: readonly string[] = Object.values(SETTINGS_KEY);
const kindOf = (data: unknown) => (data as { kind?: unknown } | null)?.kind as WorkflowKind | undefined;

/** One `file:line: field: message` per zod issue; an unknown key is reported on its own line. */
function issueProblems(src: YamlSource, issues: readonly z.core.$ZodIssue[]): string[] {
  const at = (p: Key[], message: string) =>
    `${src.file}:${src.lineOf(p)}: ${p.length ? `${p.join('.')}: ` : ''}${message}`;
  const kind = kindOf(src.data);
  return issues.flatMap((issue) => {
    const base = issue.path.map((k) => (typeof k === 'number' ? k : String(k)));
    if (issue.code !== 'unrecognized_keys') {
      if (base.length === 0 && (src.data === null || src.data === undefined))
        return [
          `${src.file}:1: the file is empty: a workflow is a YAML mapping with name, kind, schedule, timezone, controls`,
        ];
      // zod's generic wording for an absent key is replaced; our own messages are kept.
      const missing = issue.code === 'invalid_type' && issue.input === undefined && issue.message.startsWith('Invalid');
      return [at(base, missing ? 'is required' : issue.message)];
    }
    return issue.keys.map((key) => {
      const wrongBlock = base.length === 0 && kind && SETTINGS_KEYS.includes(key);
      return at(
        [...base, key],
        wrongBlock
          ? `kind ${kind} takes its settings under ${SETTINGS_KEY[kind]}:, not ${key}:`
          : 'unknown key (check its spelling and indentation)',
      );
    });
  });
}

const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

/** Parses and checks one file; pushes its problems and returns the definition when its shape is valid. */
async function loadOne(file: string, text: string, opts: Required<LoadWorkflowsOptions>, problems: string[]) {
  let src: YamlSource;
  try {
    src = parseYamlSource(file, text);
  } catch (err) {
    if (!isAppError(err)) throw err;
    problems.push(...(err.details.length > 0 ? err.details : [`${file}:1: ${err.message}`]));
    return undefined;
  }
  const parsed = workflowDefinitionSchema(opts.catalog).safeParse(src.data, { reportInput: true });
  if (!parsed.success) {
    problems.push(...issueProblems(src, parsed.error.issues));
    return undefined;
  }
  const def = parsed.data;
  let usable = true;
  for (const ref of sourceFilesOf(def)) {
    if (await exists(path.resolve(opts.root, ref.file))) continue;
    usable = false;
    problems.push(
      `${file}:${src.lineOf(ref.path)}: source file ${ref.file} does not exist (paths are relative to the repository root)`,
    );
  }
  const stem = path.basename(file).replace(/\.ya?ml$/, '');
  if (stem !== def.name)
    problems.push(
      `${file}:${src.lineOf(['name'])}: name "${def.name}" differs from the file name ${path.basename(file)}: rename one so they match`,
    );
  return { def, usable, nameLine: src.lineOf(['name']) };
}

/**
 * Loads every `*.yml` / `*.yaml` file of `dir`, one definition per file, and reports every problem
 * at once as `file:line: message` (files named relative to the working directory).
 */
export async function loadWorkflows(options: LoadWorkflowsOptions): Promise<LoadedWorkflows> {
  const opts = {
    catalog: options.catalog,
    dir: options.dir ?? DEFAULT_WORKFLOWS_DIR,
    root: options.root ?? packageRoot(),
  };
  const shown = (name: string) => path.relative(process.cwd(), path.join(opts.dir, name)) || name;
  let names: string[];
  try {
    names = (await fs.readdir(opts.dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (err) {
    return { workflows: [], problems: [`${shown('')}: cannot read the workflows folder (${(err as Error).message})`] };
  }
  const problems: string[] = [];
  const workflows: WorkflowDefinition[] = [];
  const firstFile = new Map<string, string>();
  for (const name of names) {
    const file = shown(name);
    const loaded = await loadOne(file, await fs.readFile(path.join(opts.dir, name), 'utf8'), opts, problems);
    if (!loaded) continue;
    const first = firstFile.get(loaded.def.name);
    if (first) {
      problems.push(
        `${file}:${loaded.nameLine}: workflow name "${loaded.def.name}" is already used by ${first}: names must be unique`,
      );
      continue;
    }
    firstFile.set(loaded.def.name, file);
    if (loaded.usable) workflows.push(loaded.def);
  }
  return { workflows, problems };
}

/** loadWorkflows, but any problem is an AppError('config_invalid') whose details list them all. */
export async function loadWorkflowsOrThrow(options: LoadWorkflowsOptions): Promise<WorkflowDefinition[]> {
  const { workflows, problems } = await loadWorkflows(options);
  if (problems.length > 0) throw new AppError('config_invalid', problems.join('\n'), { details: problems });
  return workflows;
}

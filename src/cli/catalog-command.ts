import { createWriteStream, promises as fs } from 'node:fs';
import { type Command, Option } from 'commander';
import type { Control } from '../catalog/control';
import { loadExamples } from '../catalog/examples';
import { loadCatalog } from '../catalog/load-catalog';
import { toOscal } from '../catalog/oscal-export';
import { fromOscal } from '../catalog/oscal-import';
import { loadPolicies } from '../catalog/policy';
import { loadSynonyms } from '../catalog/synonyms';
import { AppError } from '../kernel/errors';
import { type CommandDeps, commandContext, withStore } from './context';
import { println } from './io';

const listed = (c: Control) => ({
  id: c.id,
  title: c.title,
  clause: c.clause,
  objective: c.objective,
  objectiveTitle: c.objectiveTitle,
  cloudControl: c.cloudControl,
  cloudGuidance: c.cloudGuidance,
  iso27002_2022: c.iso27002_2022,
});

function describe(c: Control): string {
  return [
    `${c.id} ${c.title}${c.cloudControl ? '  [cloud control]' : ''}`,
    `Clause ${c.clause} ${c.clauseTitle} › ${c.objective} ${c.objectiveTitle}`,
    `ISO/IEC 27002:2022: ${c.iso27002_2022.join(', ') || 'none (ISO/IEC 27017 cloud control)'}; cloud guidance in ISO/IEC 27017: ${c.cloudGuidance}`,
    '',
    c.summary,
    '',
    `Cloud customer: ${c.customer}`,
    '',
    `Cloud provider: ${c.provider}`,
    '',
    'Evidence an auditor expects:',
    ...c.evidence.map((e) => `  - ${e}`),
  ].join('\n');
}

export function catalogCommand(program: Command, deps: CommandDeps): void {
  const group = program.command('catalog').description('the ISO/IEC 27017 control catalog and company policies');

  group
    .command('validate')
    .description('check data/catalog and data/policies; prints file:line for each problem')
    .action(async () => {
      const catalog = await loadCatalog();
      const [policies, synonyms, examples] = await Promise.all([
        loadPolicies(catalog),
        loadSynonyms(),
        loadExamples(catalog),
      ]);
      const exampleCount = [...examples.byControl.values()].reduce((n, l) => n + l.length, 0);
      println(
        deps.io.stdout,
        `catalog ok: ${catalog.controls.length} controls (${catalog.version}), ${policies.length} policies, ${synonyms.length} synonym groups, ${exampleCount} example messages for ${examples.byControl.size} controls and ${examples.outOfScope.length} to decline`,
      );
    });

  group
    .command('list')
    .description('every control: id, title, clause, objective, cloud flags')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean }) => {
      const catalog = await loadCatalog();
      if (opts.json) return void println(deps.io.stdout, JSON.stringify(catalog.controls.map(listed), null, 2));
      for (const c of catalog.controls)
        println(deps.io.stdout, `${c.id.padEnd(11)} ${c.title}${c.cloudControl ? '  [cloud]' : ''}`);
    });

  group
    .command('show')
    .description('one control: 9.2.5, A.9.2.5 or CLD.9.5.1; a 2022 id such as 8.13 lists the 2013 controls it maps to')
    .argument('<id>', 'control id')
    .option('--json', 'print JSON')
    .action(async (raw: string, opts: { json?: boolean }) => {
      const catalog = await loadCatalog();
      const control = catalog.get(raw);
      const mapped = control ? [] : catalog.from2022(raw.replace(/^(iso\s*)?27002[:\s-]*2022[\s:-]*/i, ''));
      if (!control && mapped.length === 0) {
        throw new AppError(
          'not_found',
          `no control "${raw}": use an id such as 9.2.5, A.9.2.5, CLD.9.5.1 or a 2022 id such as 8.13`,
        );
      }
      if (opts.json)
        return void println(
          deps.io.stdout,
          JSON.stringify(
            control ? { ...control, source: undefined } : { iso27002_2022: raw, controls: mapped.map(listed) },
            null,
            2,
          ),
        );
      if (control) return void println(deps.io.stdout, describe(control));
      println(deps.io.stdout, `ISO/IEC 27002:2022 ${raw} maps to these ISO/IEC 27002:2013 / 27017 controls:`);
      for (const c of mapped) println(deps.io.stdout, `  ${c.id} ${c.title}`);
    });

  group
    .command('export')
    .description('write the catalog in another format')
    .addOption(new Option('--format <format>', 'output format').choices(['oscal']).makeOptionMandatory())
    .option('--output <file>', 'write to a file instead of standard output')
    .action(async (opts: { output?: string }) => {
      const json = `${JSON.stringify(toOscal(await loadCatalog()), null, 2)}\n`;
      if (!opts.output) return void deps.io.stdout.write(json);
      await new Promise<void>((resolve, reject) =>
        createWriteStream(opts.output as string)
          .end(json, () => resolve())
          .on('error', reject),
      );
    });

  group
    .command('import')
    .description('add an OSCAL catalog (JSON) as an extra source of answers; its ids keep a prefix')
    .argument('<file>', 'OSCAL catalog JSON, e.g. NIST SP 800-53 as published in OSCAL')
    .option('--name <name>', 'short name used as the id prefix (default: from the catalog title)')
    .action(async (file: string, opts: { name?: string }) => {
      let json: unknown;
      try {
        json = JSON.parse(await fs.readFile(file, 'utf8'));
      } catch (err) {
        throw new AppError('invalid_input', `${file}: cannot read it as JSON (${(err as Error).message})`, {
          cause: err,
        });
      }
      const imported = fromOscal(json, { name: opts.name });
      const ctx = commandContext(deps);
      await withStore(ctx, (store) => store.importedControls.replaceCatalog(imported.name, imported.controls));
      println(
        deps.io.stdout,
        `imported ${imported.controls.length} controls of "${imported.title}" as ${imported.name}:<id>`,
      );
    });
}

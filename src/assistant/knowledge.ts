import type { Catalog } from '../catalog/control';
import { type Examples, loadExamples } from '../catalog/examples';
import { loadCatalog } from '../catalog/load-catalog';
import { loadPolicies, type Policy } from '../catalog/policy';
import { loadSynonyms, type SynonymGroups } from '../catalog/synonyms';
import type { ImportedControlsRepo } from '../store/repos/questions';
import { buildControlIndex, type ControlIndex, type IndexedControl } from './control-index';

/** Everything answers are drawn from: the catalog, company policies, imported catalogs, and the index over them. */
export interface Knowledge {
  catalog: Catalog;
  policies: Policy[];
  synonyms: SynonymGroups;
  examples: Examples;
  imported: Map<string, IndexedControl>;
  index: ControlIndex;
}

/** The same knowledge with the store's imported catalogs added: only the index is rebuilt, no file is read again. */
export async function withImports(base: Knowledge, importedControls: ImportedControlsRepo): Promise<Knowledge> {
  const records = await importedControls.all();
  const imported = new Map<string, IndexedControl>(
    records.map((r) => [
      r._id,
      {
        id: r._id,
        title: r.title,
        catalog: r.catalog,
        keywords: [],
        summary: r.text,
        customer: '',
        provider: '',
        evidence: [],
        objectiveTitle: r.group ?? '',
      },
    ]),
  );
  const index = buildControlIndex([...base.catalog.controls, ...imported.values()], base.synonyms, {
    examples: base.examples,
  });
  return { ...base, imported, index };
}

export async function loadKnowledge(
  options: {
    importedControls?: ImportedControlsRepo;
    catalogDir?: string;
    policiesDir?: string;
    examplesDir?: string;
  } = {},
): Promise<Knowledge> {
  const catalog = await loadCatalog(options.catalogDir);
  const [policies, synonyms, examples] = await Promise.all([
    loadPolicies(catalog, options.policiesDir),
    loadSynonyms(),
    loadExamples(catalog, options.examplesDir),
  ]);
  const base: Knowledge = {
    catalog,
    policies,
    synonyms,
    examples,
    imported: new Map(),
    index: buildControlIndex(catalog.controls, synonyms, { examples }),
  };
  return options.importedControls ? withImports(base, options.importedControls) : base;
}

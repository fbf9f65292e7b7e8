import type { Catalog } from '../catalog/control';
import { loadCatalog } from '../catalog/load-catalog';
import { loadPolicies, type Policy } from '../catalog/policy';
import { loadSynonyms } from '../catalog/synonyms';
import type { ImportedControlsRepo } from '../store/repos/questions';
import { buildControlIndex, type ControlIndex, type IndexedControl } from './control-index';

/** Everything answers are drawn from: the catalog, company policies, imported catalogs, and the index over them. */
export interface Knowledge {
  catalog: Catalog;
  policies: Policy[];
  imported: Map<string, IndexedControl>;
  index: ControlIndex;
}

export async function loadKnowledge(
  options: { importedControls?: ImportedControlsRepo; catalogDir?: string; policiesDir?: string } = {},
): Promise<Knowledge> {
  const catalog = await loadCatalog(options.catalogDir);
  const [policies, synonyms, importedRecords] = await Promise.all([
    loadPolicies(catalog, options.policiesDir),
    loadSynonyms(),
    options.importedControls?.all() ?? Promise.resolve([]),
  ]);
  const imported = new Map<string, IndexedControl>(
    importedRecords.map((r) => [
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
  const index = buildControlIndex([...catalog.controls, ...imported.values()], synonyms);
  return { catalog, policies, imported, index };
}

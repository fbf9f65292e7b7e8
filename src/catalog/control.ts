/** The catalog's data model. Ids and titles are facts from ISO/IEC 27017; all prose is ours. */
export type CloudGuidance = 'both' | 'csc_only' | 'csp_only' | 'at_least_csc' | 'at_least_csp' | 'none' | 'unknown';

export interface Control {
  id: string;
  title: string;
  clause: string;
  clauseTitle: string;
  objective: string;
  objectiveTitle: string;
  /** A CLD control of ISO/IEC 27017 Annex A. */
  cloudControl: boolean;
  /** Whether ISO/IEC 27017 adds cloud guidance, for whom; 'unknown' where our reference could not tell. */
  cloudGuidance: CloudGuidance;
  iso27002_2022: string[];
  summary: string;
  customer: string;
  provider: string;
  evidence: string[];
  keywords: string[];
  /** Where it was defined, for messages. */
  source: { file: string; line: number };
  /** 'iso27017' for the built-in catalog, the import's name for OSCAL imports. */
  catalog: string;
}

export interface Catalog {
  /** Content hash of the catalog files, recorded on every attestation. */
  version: string;
  controls: readonly Control[];
  get(id: string): Control | undefined;
  /** Accepts 9.2.5, A.9.2.5, a.9.2.5, CLD.9.5.1 and returns the canonical id, or undefined. */
  resolveId(raw: string): string | undefined;
  /** 2013 controls a 2022 id (e.g. 8.13) maps to. */
  from2022(id: string): Control[];
}

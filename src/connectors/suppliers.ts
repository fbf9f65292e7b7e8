import { z } from 'zod';
import { choice, converted, Invalid, isoDate, nameList, requiredText } from './fields';
import { type ProblemSink, readSource, type SourceRow } from './read-source';

export const TIERS = ['critical', 'high', 'medium', 'low'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * A certificate (valid until `expires`) or an audit report (covering a period that ends on
 * `periodEnd`), as the supplier gave it to us.
 */
export interface SupplierDocument {
  /** A short type such as iso27001 or soc2-type2 (see DOCUMENT_LABELS). */
  type: string;
  expires: Date | null;
  periodEnd: Date | null;
}

export interface SupplierEntry {
  id: string;
  name: string;
  service: string;
  /** The owner's directory person id. */
  owner: string;
  tier: Tier;
  dataShared: string[];
  /** The last review (the onboarding assessment for a new supplier). */
  lastReview: Date;
  documents: SupplierDocument[];
  status: 'active' | 'offboarded';
}

/** How the common document types read in messages; other types are shown as written. */
export const DOCUMENT_LABELS: Record<string, string> = {
  iso27001: 'ISO/IEC 27001 certificate',
  iso27017: 'ISO/IEC 27017 certificate',
  iso27018: 'ISO/IEC 27018 certificate',
  'soc2-type2': 'SOC 2 Type II report',
  'soc1-type2': 'SOC 1 Type II report',
  c5: 'BSI C5 report',
  'pci-dss': 'PCI DSS attestation of compliance',
  pentest: 'penetration test report',
};

const ENTRY = /^([a-z0-9][a-z0-9-]*)\s+(expires|period-end)\s+(\S+)$/i;
const date = isoDate();
const HINT = 'write entries such as "iso27001 expires 2027-03-31; soc2-type2 period-end 2026-06-30"';

function parseEntry(raw: unknown): SupplierDocument | string {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    const entry = `${String(o.type ?? '')} ${o.expires !== undefined ? 'expires' : 'period-end'} ${String(o.expires ?? o.periodEnd ?? '')}`;
    return parseEntry(entry);
  }
  const m = typeof raw === 'string' ? ENTRY.exec(raw.trim()) : null;
  if (!m) return `cannot read ${JSON.stringify(raw)}: ${HINT}`;
  const day = date.safeParse(m[3]);
  if (!day.success || !day.data) return `"${m[3]}" is not a date such as 2027-03-31`;
  const type = (m[1] as string).toLowerCase();
  return m[2]?.toLowerCase() === 'expires'
    ? { type, expires: day.data, periodEnd: null }
    : { type, expires: null, periodEnd: day.data };
}

/** Certificates and reports: "type expires|period-end date" separated by ";", or a JSON array of {type, expires|periodEnd}. */
const documents = () =>
  converted((value) => {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return [];
    const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(';') : null;
    if (!items) return new Invalid(HINT);
    const out: SupplierDocument[] = [];
    for (const item of items) {
      if (typeof item === 'string' && item.trim() === '') continue;
      const parsed = parseEntry(item);
      if (typeof parsed === 'string') return new Invalid(parsed);
      out.push(parsed);
    }
    return out;
  });

const requiredDate = () =>
  converted((value) => {
    const parsed = date.safeParse(value);
    if (!parsed.success) return new Invalid(parsed.error.issues[0]?.message ?? 'is not a date');
    return parsed.data ?? new Invalid('is required: the date of the last review (the onboarding assessment if new)');
  });

/** active or offboarded, any case; blank means active. */
const status = () =>
  converted((value): SupplierEntry['status'] | Invalid => {
    const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
    if (text === undefined || text === null || text === '') return 'active';
    return text === 'active' || text === 'offboarded'
      ? text
      : new Invalid(`must be active or offboarded (blank means active), got ${JSON.stringify(value)}`);
  });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const camel = (row: unknown) =>
  isRecord(row)
    ? { ...row, data_shared: row.data_shared ?? row.dataShared, last_review: row.last_review ?? row.lastReview }
    : row;

/** A register row: id, name, service, owner, tier, data_shared ("a;b"), last_review, documents, status (optional). */
export const supplierSchema: z.ZodType<SupplierEntry> = z.preprocess(
  camel,
  z
    .object({
      id: requiredText(),
      name: requiredText(),
      service: requiredText(),
      owner: requiredText(),
      tier: choice(TIERS),
      data_shared: nameList(),
      last_review: requiredDate(),
      documents: documents(),
      status: status(),
    })
    .transform(({ data_shared, last_review, status, ...rest }) => ({
      ...rest,
      dataShared: data_shared,
      lastReview: last_review,
      status,
    })),
);

/** The valid suppliers of a `.csv`, `.json` or `.jsonl` register; invalid rows go to `problems`. */
export const readSuppliers = (file: string, problems: ProblemSink): AsyncGenerator<SourceRow<SupplierEntry>> =>
  readSource(file, supplierSchema, problems);

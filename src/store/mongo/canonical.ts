import type { Model, SchemaType } from 'mongoose';

/**
 * Recognises documents that mongoose would store exactly as they are, so `insertMany` can hand them
 * straight to the driver. Hydrating a mongoose document to validate it costs ~90 µs and most of the
 * garbage of a 200,000-item campaign; a document that already holds every schema path, each of the
 * exact type (no casting, no defaults, setters that change nothing), only needs the schema's own
 * validators, which are run here synchronously. Anything else, including any document a validator
 * rejects, returns false and is left to mongoose, so casting and error messages stay mongoose's.
 *
 * Only flat schemas of String, Number, Date, Boolean, Mixed and arrays of plain strings, with the
 * built-in validators and no validate/insertMany middleware, get a checker; for any other schema
 * `canonicalChecker` returns null and every insert goes through mongoose.
 */
export type CanonicalCheck = (doc: unknown) => boolean;

type ValueCheck = (v: unknown) => boolean;

const SCALARS: Record<string, ValueCheck> = {
  String: (v) => v === null || typeof v === 'string',
  Number: (v) => v === null || (typeof v === 'number' && Number.isFinite(v)),
  Date: (v) => v === null || (v instanceof Date && !Number.isNaN(v.getTime())),
  Boolean: (v) => v === null || typeof v === 'boolean',
  Mixed: (v) => v !== undefined,
};
const stringArray: ValueCheck = (v) => Array.isArray(v) && v.every((x) => typeof x === 'string');
const BUILT_IN_VALIDATORS = new Set(['required', 'enum', 'min', 'max', 'regexp', 'minlength', 'maxlength']);

/** The parts of a SchemaType used here; `doValidateSync` is public in mongoose but not in its types. */
interface PathType {
  instance: string;
  setters: unknown[];
  validators: { type?: string }[];
  embeddedSchemaType?: PathType;
  applySetters(value: unknown, scope: unknown): unknown;
  doValidateSync(value: unknown, scope: unknown): unknown;
}

interface PathCheck {
  name: string;
  type: ValueCheck;
  schemaType: PathType;
}

const plain = (st: PathType) => st.setters.length === 0 && st.validators.length === 0;

function valueCheck(st: PathType): ValueCheck | null {
  if (!st.validators.every((v) => v.type !== undefined && BUILT_IN_VALIDATORS.has(v.type))) return null;
  if (st.instance === 'Array') {
    const element = st.embeddedSchemaType;
    return element?.instance === 'String' && plain(element) && st.setters.length === 0 ? stringArray : null;
  }
  if (st.setters.length > 0 && st.instance !== 'String') return null;
  return SCALARS[st.instance] ?? null;
}

/** True unless the schema certainly has no validate or insertMany middleware (internals checked defensively). */
function hasMiddleware(model: Model<never>): boolean {
  const hooks = (model.schema as unknown as { s?: { hooks?: { _pres?: unknown; _posts?: unknown } } }).s?.hooks;
  const pres = hooks?._pres;
  const posts = hooks?._posts;
  if (!(pres instanceof Map) || !(posts instanceof Map)) return true;
  return ['validate', 'insertMany'].some((h) => (pres.get(h)?.length ?? 0) + (posts.get(h)?.length ?? 0) > 0);
}

export function canonicalChecker(model: Model<never>): CanonicalCheck | null {
  const { minimize, versionKey, timestamps } = model.schema.options;
  if (minimize !== false || versionKey !== false || timestamps || hasMiddleware(model)) return null;
  const paths: PathCheck[] = [];
  for (const [name, schemaType] of Object.entries(model.schema.paths as Record<string, SchemaType>)) {
    const st = schemaType as unknown as PathType;
    const type = valueCheck(st);
    if (name.includes('.') || !type) return null;
    paths.push({ name, type, schemaType: st });
  }
  const names = new Set(paths.map((p) => p.name));
  return (doc) => {
    if (doc === null || typeof doc !== 'object' || Object.getPrototypeOf(doc) !== Object.prototype) return false;
    const record = doc as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length !== paths.length || !keys.every((k) => names.has(k))) return false;
    for (const { name, type, schemaType } of paths) {
      const value = record[name];
      if (!type(value)) return false;
      if (schemaType.setters.length > 0 && value !== null && schemaType.applySetters(value, record) !== value) {
        return false;
      }
      if (schemaType.validators.length > 0 && schemaType.doValidateSync(value, record) != null) return false;
    }
    return true;
  };
}

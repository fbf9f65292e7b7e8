import mongoose, { type Model, Schema } from 'mongoose';
import { COLLECTIONS } from '../../../../src/store/collections';
import { canonicalChecker } from '../../../../src/store/mongo/canonical';
import { SCHEMAS } from '../../../../src/store/mongo/schemas';
import { OPEN_ITEM_STATE, type PersonRecord, type ReviewItemRecord } from '../../../../src/store/records';

const connection = mongoose.createConnection();
type AnyModel = Model<Record<string, unknown>>;
const modelOf = (name: string, schema: Schema) => connection.model(name, schema, name) as unknown as AnyModel;
const checkerOf = (model: AnyModel) => canonicalChecker(model as unknown as Model<never>);
const items = modelOf('items', SCHEMAS[COLLECTIONS.reviewItems.name] as Schema);
const people = modelOf('people', SCHEMAS[COLLECTIONS.people.name] as Schema);

const item = (): ReviewItemRecord => ({
  _id: 'c#1',
  campaignId: 'c',
  position: 1,
  reviewerId: 'p2',
  subjectId: null,
  subjectName: 'no owner (svc)',
  system: 'aws-prod',
  account: 'svc',
  entitlement: 'admin',
  flags: ['orphaned', 'privileged'],
  ...OPEN_ITEM_STATE,
  facts: { privileged: true, lastLogin: null, nested: { empty: {} } },
});
const person = (): PersonRecord => ({
  _id: 'p1',
  email: 'ada@example.com',
  name: 'Ada',
  managerId: null,
  department: null,
  status: 'active',
  roles: [],
  chatIds: [],
  updatedAt: new Date('2026-10-01T00:00:00Z'),
});

/** What mongoose itself would send to the driver, or the validation error it would throw. */
async function viaMongoose(model: AnyModel, doc: object) {
  const hydrated = new model(doc);
  await hydrated.validate();
  return hydrated.toObject();
}

describe('canonicalChecker', () => {
  const isItem = checkerOf(items) as (doc: unknown) => boolean;
  const isPerson = checkerOf(people) as (doc: unknown) => boolean;

  it('accepts documents mongoose would store unchanged', async () => {
    for (const [check, model, doc] of [
      [isItem, items, item()],
      [isPerson, people, person()],
    ] as const) {
      expect(check(doc)).toBe(true);
      expect(await viaMongoose(model, doc)).toEqual(doc);
    }
  });

  it.each<[string, (d: Record<string, unknown>) => void]>([
    ['a missing field (mongoose applies the default)', (d) => delete d.remindersSent],
    ['an unknown field (strict: throw)', (d) => (d.extra = 1)],
    ['a value that needs casting', (d) => (d.position = '1')],
    ['a date as text', (d) => (d.decidedAt = '2026-10-01')],
    ['a required field that is null', (d) => (d.reviewerId = null)],
    ['a value outside the enum', (d) => (d.status = 'maybe')],
    ['a negative position (min)', (d) => (d.position = -1)],
    ['a non-string flag', (d) => (d.flags = [1])],
    ['an undefined value', (d) => (d.reason = undefined)],
  ])('leaves %s to mongoose', (_, change) => {
    const doc = item() as unknown as Record<string, unknown>;
    change(doc);
    expect(isItem(doc)).toBe(false);
  });

  it('leaves an email that the lowercase setter would change to mongoose', () => {
    expect(isPerson({ ...person(), email: 'Ada@Example.com' })).toBe(false);
    expect(isPerson({ ...person(), email: 'not an email' })).toBe(false);
  });

  it('gives no checker to schemas it cannot reason about', () => {
    const withHook = new Schema({ _id: String, n: Number }, { versionKey: false, minimize: false, _id: false });
    withHook.pre('validate', () => undefined);
    expect(checkerOf(modelOf('hooked', withHook))).toBeNull();
    const nested = new Schema({ _id: String, sub: new Schema({ a: String }) }, { versionKey: false, minimize: false });
    expect(checkerOf(modelOf('nested', nested))).toBeNull();
    const custom = new Schema(
      { _id: String, n: { type: Number, validate: (v: number) => v % 2 === 0 } },
      {
        versionKey: false,
        minimize: false,
      },
    );
    expect(checkerOf(modelOf('custom', custom))).toBeNull();
    expect(checkerOf(modelOf('versioned', new Schema({ _id: String }, { minimize: false })))).toBeNull();
  });
});

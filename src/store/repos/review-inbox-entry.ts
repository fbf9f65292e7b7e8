import { OPEN_ITEM_STATE, type ReviewItemRecord } from '../records';

type Field = Exclude<keyof ReviewItemRecord, 'campaignId'>;
/**
 * An item's fields in the order they are packed in, with the value most items hold (left out at
 * the end of a packed item: an open item's state); every field, or this does not compile. The
 * campaign is the inbox's.
 */
const USUAL = {
  _id: undefined,
  position: undefined,
  reviewerId: undefined,
  subjectId: undefined,
  subjectName: undefined,
  system: undefined,
  account: undefined,
  entitlement: undefined,
  flags: undefined,
  facts: undefined,
  ...OPEN_ITEM_STATE,
} satisfies Record<Field, unknown>;
const FIELDS = Object.keys(USUAL) as Field[];
const [ID, POSITION, REVIEWER] = (['_id', 'position', 'reviewerId'] as const).map((f) => FIELDS.indexOf(f)) as [
  number,
  number,
  number,
];
const DATES = new Set<Field>(['decidedAt', 'lastRemindedAt']);

/**
 * An item as the inbox of `reviewerId` holds it, as a JSON array: the id `<campaign>#<position>`
 * and the inbox's own reviewer are written 0, and trailing usual values are left out, so a
 * starting campaign's inboxes take a third less memory and space.
 */
export function pack(item: ReviewItemRecord, reviewerId: string): string {
  const values: unknown[] = FIELDS.map((f) => item[f]);
  if (item._id === `${item.campaignId}#${item.position}`) values[ID] = 0;
  if (item.reviewerId === reviewerId) values[REVIEWER] = 0;
  while (values.length > 0 && values[values.length - 1] === USUAL[FIELDS[values.length - 1] as Field]) values.pop();
  return JSON.stringify(values);
}

export function unpack(values: unknown[], campaignId: string, reviewerId: string): ReviewItemRecord {
  const item: Record<string, unknown> = { campaignId };
  FIELDS.forEach((f, i) => {
    const v = i < values.length ? values[i] : USUAL[f];
    item[f] = DATES.has(f) && typeof v === 'string' ? new Date(v) : v;
  });
  if (values[ID] === 0) item._id = `${campaignId}#${item.position}`;
  if (values[REVIEWER] === 0) item.reviewerId = reviewerId;
  return item as unknown as ReviewItemRecord;
}

export const inboxId = (campaignId: string, reviewerId: string, part = 0) =>
  JSON.stringify(part === 0 ? [campaignId, reviewerId] : [campaignId, reviewerId, part]);

export const positionOf = (values: unknown[]) => String(values[POSITION]);

export type Summary = Pick<ReviewItemRecord, 'reviewerId' | 'status'>;

/** Whole while open for the inbox's reviewer (what the list shows); otherwise all a count needs. */
export const entryOf = (item: ReviewItemRecord, reviewerId: string) =>
  item.status === 'open' && item.reviewerId === reviewerId
    ? pack(item, reviewerId)
    : JSON.stringify({ reviewerId: item.reviewerId, status: item.status } satisfies Summary);

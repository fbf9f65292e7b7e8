import type { Block } from '../../chat/model';
import type { SectionProvider } from '../../digest/section';
import type { SupplierRecord } from '../../store/records';
import { type SupplierStatus, supplierStatus } from './status';

/** Lines the section lists before "… and N more"; the rest is a button away. */
export const SECTION_LINES = 10;
const DETAIL_BUTTONS = 5;

type Item = { supplier: SupplierRecord; status: SupplierStatus };
const RANK = { overdue: 0, due: 1, 'not-due': 2 } as const;
const order = (a: Item, b: Item) =>
  RANK[a.status.review] - RANK[b.status.review] ||
  Number(a.status.dueOn) - Number(b.status.dueOn) ||
  a.supplier.name.localeCompare(b.supplier.name);

const line = ({ supplier, status }: Item) =>
  `• *${supplier.name}* (${supplier.tier}): ${status.concerns.join(' ') || 'review pending.'}`;

/**
 * "Suppliers due, overdue or expiring": every active supplier whose review is due or overdue, or
 * whose certificate or report runs out (or has), and nobody has reviewed since. One read of the
 * suppliers whose attention time has come; an all-clear section (attention 0) when none does.
 */
export const supplierDigestSection: SectionProvider = async (store, { now }) => {
  const items = (await store.suppliers.needingAttention(now))
    .map((supplier) => ({ supplier, status: supplierStatus(supplier, now) }))
    .filter((i) => i.status.pending)
    .sort(order);
  const title = 'Suppliers due, overdue or expiring';
  if (items.length === 0) {
    const text = 'No supplier review is due or overdue, and no certificate or report is running out.';
    return { id: 'suppliers', title, headline: text, attention: 0, blocks: [{ type: 'text', text: `✅ ${text}` }] };
  }
  const overdue = items.filter((i) => i.status.review === 'overdue').length;
  const due = items.filter((i) => i.status.review === 'due').length;
  const documents = items.filter((i) => i.status.documents.some((d) => d.pending)).length;
  const headline = `${overdue} supplier review(s) overdue, ${due} due, ${documents} supplier(s) with certificates or reports running out.`;
  const rest = items.length - SECTION_LINES;
  const blocks: Block[] = [
    {
      type: 'text',
      text: [...items.slice(0, SECTION_LINES).map(line), ...(rest > 0 ? [`… and ${rest} more`] : [])].join('\n'),
    },
    {
      type: 'buttons',
      buttons: [
        ...items
          .slice(0, DETAIL_BUTTONS)
          .map((i) => ({ label: i.supplier.name, action: 'supplier.details', value: i.supplier._id })),
        { label: 'All suppliers needing review', action: 'supplier.list', value: '' },
      ],
    },
  ];
  return { id: 'suppliers', title, headline, attention: items.length, blocks };
};

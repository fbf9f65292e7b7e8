import type { Block } from '../chat/model';
import type { SectionProvider } from './section';

const MAX_NAMED = 8;

/**
 * Open access-review campaigns with completion, and who is late in the overdue ones. Reads the
 * campaigns once (completion is kept on each by the follow-up pass) plus the names of at most a
 * few late reviewers.
 */
export const accessReviewSection: SectionProvider = async (store, { now }) => {
  const open = await store.campaigns.list({ status: 'open' });
  if (open.length === 0) return null;
  const blocks: Block[] = [];
  const late = new Map<string, number>();
  for (const c of open) {
    const items = Number(c.summary.items ?? 0);
    const decided = c.progress?.decided ?? 0;
    const overdue = c.dueAt < now;
    const pct = items ? Math.floor((decided / items) * 100) : 100;
    blocks.push({
      type: 'section',
      title: `${overdue ? '⏰ ' : ''}${c.name}`,
      text: `${decided} of ${items} decided (${pct}%), due ${c.dueAt.toISOString().slice(0, 10)}${overdue ? ' — overdue' : ''}`,
    });
    if (overdue) {
      for (const [reviewer, n] of Object.entries(c.progress?.openByReviewer ?? {})) {
        if (n > 0) late.set(reviewer, (late.get(reviewer) ?? 0) + n);
      }
    }
  }
  if (late.size > 0) {
    const worst = [...late].sort((a, b) => b[1] - a[1]).slice(0, MAX_NAMED);
    const names = await Promise.all(worst.map(async ([id, n]) => `${(await store.people.get(id))?.name ?? id} (${n})`));
    const more = late.size - worst.length;
    blocks.push({ type: 'context', text: `Late reviewers: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}` });
  }
  blocks.push({ type: 'buttons', buttons: [{ label: 'Campaign status', action: 'digest.status', value: '' }] });
  const overdueCount = open.filter((c) => c.dueAt < now).length;
  return {
    id: 'access-reviews',
    title: 'Access reviews',
    headline: `${open.length} open campaign(s)${overdueCount ? `, ${overdueCount} overdue with ${late.size} late reviewer(s)` : ''}`,
    attention: late.size,
    blocks,
  };
};

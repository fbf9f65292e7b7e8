import type { Block } from '../../chat/model';
import type { DigestSection, SectionProvider } from '../../digest/section';
import type { BackupFailure } from '../../store/records';
import { currentFailures } from './current';

/** Lines the section lists before "… and N more"; the details are a button away. */
export const SECTION_LINES = 10;
const DETAIL_BUTTONS = 5;

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Unacknowledged first, then the longest-failing first. */
const order = (a: BackupFailure, b: BackupFailure) =>
  Number(!!a.acknowledgement) - Number(!!b.acknowledgement) ||
  Number(a.failingSince ?? 0) - Number(b.failingSince ?? 0) ||
  a.system.localeCompare(b.system);

function line(r: BackupFailure): string {
  const who = r.ownerName ?? r.ownerId;
  const since = r.failingSince ? ` since ${day(r.failingSince)}` : '';
  const what = r.reasons[0]?.text ?? 'fails';
  const more = r.reasons.length > 1 ? ` (+${r.reasons.length - 1} more)` : '';
  const ack = r.acknowledgement
    ? ` · ${r.acknowledgement.decision === 'explained' ? `explained: ${r.acknowledgement.comment ?? ''}` : `acknowledged by ${r.acknowledgement.byName}`}`
    : ' · *not acknowledged*';
  return `• *${r.system}* (${who})${since}: ${what}${more}${ack}`;
}

/**
 * "Failed backup checks": the systems failing in the latest run of every backup-check workflow,
 * unacknowledged first, with buttons to their details. Two reads of small collections (the latest
 * run of each workflow, the acknowledgements), whatever the number of systems; null when no backup
 * check has run yet.
 */
export const backupDigestSection: SectionProvider = async (store) => {
  const { failing: found, checked, runs } = await currentFailures(store);
  if (runs === 0) return null;
  const failing = found.sort(order);
  const title = 'Failed backup checks';
  if (failing.length === 0) {
    return {
      id: 'backups',
      title,
      headline: `All ${checked} system(s) passed the latest backup check.`,
      attention: 0,
      blocks: [{ type: 'text', text: `✅ All ${checked} system(s) passed the latest backup check.` }],
    } satisfies DigestSection;
  }
  const open = failing.filter((r) => !r.acknowledgement);
  const headline = `${failing.length} system(s) failing the latest backup check, ${open.length} not acknowledged.`;
  const rest = failing.length - SECTION_LINES;
  const blocks: Block[] = [
    {
      type: 'text',
      text: [...failing.slice(0, SECTION_LINES).map(line), ...(rest > 0 ? [`… and ${rest} more`] : [])].join('\n'),
    },
    {
      type: 'buttons',
      buttons: [
        ...failing
          .slice(0, DETAIL_BUTTONS)
          .map((r) => ({ label: r.system, action: 'backup.details', value: r.system })),
        { label: 'All failing backups', action: 'backup.list', value: '' },
      ],
    },
  ];
  return { id: 'backups', title, headline, attention: failing.length, blocks };
};

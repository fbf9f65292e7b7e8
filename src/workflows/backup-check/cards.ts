import type { Block, Button, Reply } from '../../chat/model';
import type { BackupCheckRecord, BackupFailure } from '../../store/records';

/** Most systems a notification shows; the rest are one button away. */
export const PAGE_SYSTEMS = 8;
/** Most systems a list shows (three blocks each stay under Slack's 50 blocks a message). */
export const LIST_SYSTEMS = 15;

const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10);
const title = (r: Pick<BackupCheckRecord, 'name' | 'system'>) =>
  r.name === r.system ? r.system : `${r.name} (${r.system})`;
const needsRestoreTest = (r: BackupFailure) => r.reasons.some((x) => x.code.startsWith('restore-test'));

export const ackText = (r: BackupFailure) =>
  r.acknowledgement
    ? `${r.acknowledgement.decision === 'explained' ? '💬 Explained' : '👀 Acknowledged'} by ${r.acknowledgement.byName} on ${day(r.acknowledgement.at)}${r.acknowledgement.comment ? `: ${r.acknowledgement.comment}` : ''}`
    : null;

/** The buttons an owner gets for a failing system. */
export function followUpButtons(r: BackupFailure): Button[] {
  return [
    ...(r.acknowledgement
      ? []
      : [{ label: 'Acknowledge', action: 'backup.ack', value: r.system, style: 'primary' as const }]),
    { label: 'Explain', action: 'backup.explain', value: r.system },
    ...(needsRestoreTest(r) ? [{ label: 'Record restore test', action: 'backup.restore-test', value: r.system }] : []),
  ];
}

function failingBlocks(records: readonly BackupFailure[], limit = PAGE_SYSTEMS): Block[] {
  return records.slice(0, limit).flatMap((r): Block[] => {
    const ack = ackText(r);
    return [
      { type: 'section', title: `🔴 ${title(r)}`, text: r.reasons.map((x) => `• ${x.text}`).join('\n') },
      ...(ack ? [{ type: 'context' as const, text: ack }] : []),
      { type: 'buttons', buttons: followUpButtons(r) },
    ];
  });
}

const moreButton = (records: readonly unknown[]): Block[] =>
  records.length > PAGE_SYSTEMS
    ? [{ type: 'buttons', buttons: [{ label: `Show all (${records.length})`, action: 'backup.list', value: '' }] }]
    : [];

/** The message an owner gets when systems of theirs fail a backup check. */
export function failingCard(records: readonly BackupFailure[]): Reply {
  const text = `${records.length} of your systems failed the backup check${records.length === 1 ? '' : 's'}.`;
  return {
    text: records.length === 1 ? `${title(records[0] as BackupFailure)} failed the backup check.` : text,
    blocks: [
      {
        type: 'text',
        text: `*Backup check:* ${records.length === 1 ? 'a system you own' : `${records.length} systems you own`} failed. Please look into it, then acknowledge or explain, so the compliance lead knows it is in hand.`,
      },
      ...failingBlocks(records),
      ...moreButton(records),
    ],
  };
}

/** `backups`: the failing systems (the actor's, or all for a compliance lead) out of `total` checked. */
export function backupListReply(failingRecords: readonly BackupFailure[], total: number, scope: 'mine' | 'all'): Reply {
  const failing = [...failingRecords].sort(
    (a, b) => Number(!!a.acknowledgement) - Number(!!b.acknowledgement) || a.system.localeCompare(b.system),
  );
  const whose = scope === 'mine' ? 'your systems' : 'systems';
  if (total === 0) {
    const none =
      scope === 'mine' ? 'No system in the backup register names you as its owner.' : 'No backup check has run yet.';
    return { text: none, blocks: [{ type: 'text', text: none }] };
  }
  const head = failing.length
    ? `*Backups:* ${failing.length} of ${scope === 'mine' ? 'your ' : ''}${total} systems ${failing.length === 1 ? 'fails' : 'fail'} the latest check; ${total - failing.length} pass.`
    : `✅ All ${total} ${whose} pass the latest backup check.`;
  return {
    text: head.replace(/\*/g, ''),
    blocks: [
      { type: 'text', text: head },
      ...failingBlocks(failing, LIST_SYSTEMS),
      ...(failing.length > LIST_SYSTEMS
        ? [{ type: 'context' as const, text: `… and ${failing.length - LIST_SYSTEMS} more, acknowledged ones last.` }]
        : []),
    ],
  };
}

/** One system's latest check in full: what was seen, why it fails, who answered. */
export function backupDetailsReply(r: BackupCheckRecord): Reply {
  const f = r.facts as Record<string, string | number | null>;
  const ack = ackText(r);
  const status = r.status === 'pass' ? '✅ passes' : '🔴 fails';
  return {
    text: `${title(r)} ${status.slice(2)} the backup check of ${day(r.checkedAt)}.`,
    blocks: [
      {
        type: 'section',
        title: `${title(r)} ${status} the backup check of ${day(r.checkedAt)}`,
        text: r.reasons.map((x) => `• ${x.text}`).join('\n') || 'Every rule of the backup policy is met.',
        fields: [
          { label: 'Owner', value: r.ownerName ?? r.ownerId },
          {
            label: 'Last good backup',
            value: f.lastSuccess ? String(f.lastSuccess).replace('T', ' ').slice(0, 16) : 'none',
          },
          { label: 'RPO', value: `${f.rpoHours} hours` },
          {
            label: 'Last restore test',
            value: f.lastRestoreTest ? `${f.lastRestoreTest} (${f.restoreTestResult})` : 'none',
          },
          ...(r.failingSince ? [{ label: 'Failing since', value: day(r.failingSince) }] : []),
        ],
      },
      ...(ack ? [{ type: 'context' as const, text: ack }] : []),
      ...(r.status === 'fail' ? [{ type: 'buttons' as const, buttons: followUpButtons(r) }] : []),
    ],
  };
}

export function explainForm(r: BackupFailure): Reply {
  return {
    text: `Explain the failing backup check of ${title(r)}`,
    blocks: [
      { type: 'text', text: `${title(r)}: ${r.reasons.map((x) => x.text).join(' ')}` },
      {
        type: 'form',
        title: 'Explain the failure',
        submit: { label: 'Record explanation', action: 'backup.explain.submit', value: r.system },
        fields: [
          { name: 'reason', label: 'What is going on, and what is being done?', multiline: true, required: true },
        ],
      },
    ],
  };
}

export function restoreTestForm(system: string, name: string): Reply {
  return {
    text: `Record a restore test of ${title({ system, name })}`,
    blocks: [
      { type: 'text', text: `Record a restore test of ${title({ system, name })}.` },
      {
        type: 'form',
        title: 'Record a restore test',
        submit: { label: 'Record restore test', action: 'backup.restore-test.submit', value: system },
        fields: [
          { name: 'date', label: 'Date of the test (YYYY-MM-DD)', required: true },
          { name: 'restored', label: 'What was restored, and where to?', multiline: true, required: true },
          { name: 'duration', label: 'Measured restore time (e.g. 45 min, 1h 30m)', required: true },
          { name: 'result', label: 'Result: success, partial or failed', required: true },
          { name: 'notes', label: 'Notes (optional)', multiline: true },
        ],
      },
    ],
  };
}

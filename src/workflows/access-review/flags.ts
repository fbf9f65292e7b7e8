import type { DirectoryPerson } from '../../connectors/directory';
import type { Entitlement } from '../../connectors/entitlements';

/** Why an item deserves a closer look; reviewers see flagged items first. */
export type Flag = 'terminated' | 'orphaned' | 'privileged' | 'dormant' | 'never-used' | 'new';

export const FLAG_LABELS: Record<Flag, string> = {
  terminated: 'holder has left',
  orphaned: 'no matching person',
  privileged: 'privileged',
  dormant: 'dormant',
  'never-used': 'never used',
  new: 'new since last review',
};

const DAY_MS = 86_400_000;

/**
 * The flags of one entitlement, a pure function of the snapshot and `now`: the holder left
 * (terminated), nobody in the directory holds it (orphaned), it grants admin rights (privileged),
 * it was not used for `dormantAfterDays` (dormant) or never (never-used), or the previous
 * campaign of this workflow did not have it (new; only when there was a previous campaign).
 */
export function flagsOf(input: {
  entitlement: Entitlement;
  holder: DirectoryPerson | undefined;
  now: Date;
  dormantAfterDays: number;
  previous: ReadonlySet<string> | null;
}): Flag[] {
  const { entitlement: e, holder, now } = input;
  const flags: Flag[] = [];
  if (!holder) flags.push('orphaned');
  else if (holder.status === 'terminated') flags.push('terminated');
  if (e.privileged) flags.push('privileged');
  if (e.lastLogin === null) flags.push('never-used');
  else if (now.getTime() - e.lastLogin.getTime() > input.dormantAfterDays * DAY_MS) flags.push('dormant');
  if (input.previous && !input.previous.has(itemKey(e))) flags.push('new');
  return flags;
}

/** What identifies an entitlement across campaigns: the system and the account on it. */
export const itemKey = (e: { system: string; account: string }) => `${e.system}/${e.account}`;

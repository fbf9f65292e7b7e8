import type { CampaignRecord } from '../../store/records';
import type { AccessReviewSettings } from '../definition';
import { addWorkingDays, localIso } from '../schedule';

const DAY_MS = 86_400_000;

/** Where one reviewer stands in one campaign: enough to decide, purely, what to send next. */
export interface ReviewerState {
  reviewerId: string;
  open: number;
  /** When they were last reminded; null when only the start message went out. */
  lastRemindedAt: Date | null;
  /** 0 none yet, 1 their manager was told, 2 the compliance lead was told. */
  escalationLevel: number;
}

export type FollowUp =
  | { kind: 'reminder'; dedupeKey: string; overdue: boolean }
  | { kind: 'escalation'; level: 1 | 2; to: 'manager' | 'compliance-lead'; dedupeKey: string };

/**
 * What a reviewer with open items is owed at `now`, a pure function: a reminder every N working
 * days after the start (daily once the campaign is overdue), and escalations once the campaign is
 * `afterDays` old, first to the reviewer's manager, `afterDays` later to the compliance lead (as
 * the workflow lists them). Dedupe keys name the day or level, so nothing is sent twice.
 */
export function followUps(
  campaign: Pick<CampaignRecord, '_id' | 'startedAt' | 'dueAt'>,
  state: ReviewerState,
  settings: Pick<AccessReviewSettings, 'reminders' | 'escalation'>,
  timeZone: string,
  now: Date,
): FollowUp[] {
  if (state.open === 0) return [];
  const out: FollowUp[] = [];
  const overdue = now > campaign.dueAt;
  const since = state.lastRemindedAt ?? campaign.startedAt;
  const next =
    overdue && settings.reminders.dailyWhenOverdue
      ? new Date(Math.max(since.getTime() + DAY_MS - 60 * 60_000, campaign.dueAt.getTime()))
      : addWorkingDays(since, settings.reminders.everyWorkingDays, timeZone);
  if (now >= next) {
    const day = localIso(now, timeZone).slice(0, 10);
    out.push({ kind: 'reminder', overdue, dedupeKey: `review-reminder:${campaign._id}:${state.reviewerId}:${day}` });
  }
  const ageDays = (now.getTime() - campaign.startedAt.getTime()) / DAY_MS;
  const chain = settings.escalation.to;
  chain.forEach((to, index) => {
    const level = (index + 1) as 1 | 2;
    if (state.escalationLevel < level && ageDays >= settings.escalation.afterDays * level) {
      out.push({
        kind: 'escalation',
        level,
        to,
        dedupeKey: `review-escalation:${campaign._id}:${state.reviewerId}:${level}`,
      });
    }
  });
  return out;
}

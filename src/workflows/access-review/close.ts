import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../kernel/logger';
import type { Ledger } from '../../ledger/ledger';
import type { Store } from '../../store/port';
import type { CampaignRecord } from '../../store/records';
import type { AccessReviewWorkflow } from '../definition';
import { evidenceRows, writeEvidence } from './evidence';

const SYSTEM_ACTOR = { id: 'controlbot', name: 'controlbot', platform: 'system' as const };
const UNREVIEWED_REASON = 'not reviewed by the due date';

export interface ClosedCampaign {
  summary: Record<string, unknown>;
  remediation: { csv: string; json: string; rows: number };
  attestationHash: string;
}

/** Items decided revoke or modify (including unreviewed items revoked at closing): what IT must change. */
const needsRemediation = (i: { decision: string | null }) => i.decision === 'revoke' || i.decision === 'modify';

/**
 * Closes a campaign (due date passed, or every item decided): unreviewed items are revoked or
 * flagged as the workflow says, each recorded as an attestation by controlbot; the remediation
 * list is written as CSV and JSON; a summary attestation seals the campaign. Safe to repeat: every
 * attestation has an idempotency key and the campaign closes only once.
 */
export async function closeCampaign(options: {
  store: Store;
  ledger: Ledger;
  campaign: CampaignRecord;
  def: AccessReviewWorkflow;
  exportsDir: string;
  now: Date;
  log: Logger;
}): Promise<ClosedCampaign> {
  const { store, ledger, campaign, def, now } = options;
  const unreviewed = await store.reviewItems.openInCampaign(campaign._id);
  const decision = def.accessReview.unreviewed === 'revoke' ? 'revoke' : 'unreviewed';
  const controlIds = (campaign.summary.controls as string[] | undefined) ?? def.controls;
  // One attestation per unreviewed item (group-committed), then one bulk update of the items: the
  // attestation comes first, so an interrupted close is completed by the next pass.
  await Promise.all(
    unreviewed.map((item) =>
      ledger.record({
        type: 'access-review.decision',
        subject: `${item.system}/${item.account}`,
        controlIds,
        actor: SYSTEM_ACTOR,
        decision,
        comment: UNREVIEWED_REASON,
        evidence: {
          campaign: campaign._id,
          item: item._id,
          holder: item.subjectId,
          reviewer: item.reviewerId,
          flags: item.flags,
        },
        idempotencyKey: `access-review.decision:${item._id}`,
      }),
    ),
  );
  await store.reviewItems.decideAllOpen(campaign._id, {
    decision,
    reason: UNREVIEWED_REASON,
    decidedBy: 'controlbot',
    decidedAt: now,
  });

  const dir = path.join(options.exportsDir, campaign._id.replace(/[^A-Za-z0-9_.-]+/g, '_'));
  await fs.mkdir(dir, { recursive: true });
  const files = { csv: path.join(dir, 'remediation.csv'), json: path.join(dir, 'remediation.json') };
  let rows = 0;
  for (const format of ['csv', 'json'] as const) {
    const out = createWriteStream(files[format]);
    rows = await writeEvidence(evidenceRows(store, campaign._id, needsRemediation), format, out);
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }

  const counts: Record<string, number> = {};
  for await (const item of store.reviewItems.scanCampaign(campaign._id)) {
    const d = item.decision ?? 'open';
    counts[d] = (counts[d] ?? 0) + 1;
  }
  const summary = {
    ...campaign.summary,
    decisions: counts,
    unreviewed: unreviewed.length,
    remediationRows: rows,
    closedBecause: now >= campaign.dueAt ? 'due' : 'all decided',
  };
  const { record } = await ledger.record({
    type: 'access-review.campaign',
    subject: campaign._id,
    controlIds,
    actor: SYSTEM_ACTOR,
    decision: 'closed',
    comment: `${campaign.name}: ${Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
    evidence: {
      decisions: counts,
      items: Number(campaign.summary.items ?? 0),
      unreviewed: unreviewed.length,
      remediationRows: rows,
    },
    idempotencyKey: `access-review.campaign:${campaign._id}`,
  });
  await store.campaigns.close(campaign._id, now, { ...summary, attestationId: record.id });
  options.log.info({ campaign: campaign._id, counts, remediationRows: rows }, 'access review campaign closed');
  return { summary, remediation: { ...files, rows }, attestationHash: record.hash };
}

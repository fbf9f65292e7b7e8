import type { Reply } from '../../../../src/chat/model';
import { reasonForm, reviewsReply } from '../../../../src/chat/review-replies';
import { toAdaptiveCard, toCardMarkdown } from '../../../../src/chat/teams/render-cards';
import { createDummyReviewItem } from '../../../support/records';

type Element = Record<string, unknown> & { type: string; actions?: Element[]; items?: Element[] };
const all = (elements: Element[]): Element[] =>
  elements.flatMap((e) => [e, ...all(e.items ?? []), ...all(e.actions ?? [])]);

describe('Adaptive Cards from the neutral reply', () => {
  it('writes the core’s chat markup as card Markdown', () => {
    expect(toCardMarkdown('*Access review:* 3 item(s) for `ada` on <https://aws.example|AWS>\n• one')).toBe(
      '**Access review:** 3 item(s) for ada on [AWS](https://aws.example)\n\n• one',
    );
    expect(toCardMarkdown('2 * 3 = 6, **already bold**')).toBe('2 * 3 = 6, **already bold**');
  });

  it('renders buttons as Action.Execute (verb = action, data = value) with an Action.Submit fallback', () => {
    const reply: Reply = {
      text: 'fallback',
      blocks: [
        { type: 'section', title: 'AWS prod', text: 'ada', fields: [{ label: 'Clause', value: '9 Access control' }] },
        {
          type: 'buttons',
          buttons: [{ label: 'Keep', action: 'review.decide', value: '{"i":"ri-1"}', style: 'primary' }],
        },
        { type: 'context', text: 'small print' },
      ],
    };
    const card = toAdaptiveCard(reply);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', fallbackText: 'fallback' });
    const elements = all(card.body as Element[]);
    expect(elements.find((e) => e.type === 'FactSet')).toEqual({
      type: 'FactSet',
      facts: [{ title: 'Clause', value: '9 Access control' }],
    });
    const data = { verb: 'review.decide', value: '{"i":"ri-1"}' };
    expect(elements.find((e) => e.type === 'Action.Execute')).toEqual({
      type: 'Action.Execute',
      title: 'Keep',
      verb: 'review.decide',
      data,
      associatedInputs: 'none',
      style: 'positive',
      fallback: { type: 'Action.Submit', title: 'Keep', data, associatedInputs: 'none', style: 'positive' },
    });
    expect(elements.find((e) => e.isSubtle === true)).toMatchObject({ text: 'small print', size: 'Small' });
  });

  it('renders a form as required text inputs and an Execute that carries them', () => {
    const card = toAdaptiveCard(reasonForm(createDummyReviewItem(), 'revoke'));
    const elements = all(card.body as Element[]);
    expect(elements.find((e) => e.type === 'Input.Text')).toMatchObject({
      id: 'fields.reason',
      label: 'Why revoke it?',
      isMultiline: true,
      isRequired: true,
      errorMessage: 'Why revoke it? is required.',
    });
    expect(elements.find((e) => e.type === 'Action.Execute')).toMatchObject({
      verb: 'review.submit',
      associatedInputs: 'auto',
      data: { verb: 'review.submit', value: JSON.stringify({ i: 'ri-1', d: 'revoke' }) },
    });
  });

  it('keeps a full page of review items within Teams’ 28 KB message limit, six buttons to a row at most', () => {
    const items = Array.from({ length: 40 }, (_, i) =>
      createDummyReviewItem({
        _id: `quarterly-access-review@2026-10-01T07:00:00.000Z:${i}`,
        subjectName: `Person ${i}`,
        entitlement: 'arn:aws:iam::123456789012:role/OrganizationAccountAccessRole',
      }),
    );
    const card = toAdaptiveCard(reviewsReply(items, { decided: 0, total: 40 }));
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(20_000);
    const elements = all(card.body as Element[]);
    // A card this large goes without the Action.Submit fallbacks, which would nearly double it.
    expect(elements.filter((e) => e.type === 'Action.Execute' && 'fallback' in e)).toEqual([]);
    const sets = elements.filter((e) => e.type === 'ActionSet');
    expect(Math.max(...sets.map((s) => s.actions?.length ?? 0))).toBeLessThanOrEqual(6);
  });
});

import type { Form, Reply } from '../../../../src/chat/model';
import { OPEN_FORM_ACTION, toSlack } from '../../../../src/chat/slack/render-blocks';
import {
  FORM_CALLBACK,
  formIn,
  formModal,
  parseForm,
  readSubmission,
  type SubmittedView,
} from '../../../../src/chat/slack/slack-forms';

const REVOKE_FORM: Form = {
  type: 'form',
  title: 'Revoke needs a reason, please give one',
  submit: { label: 'Revoke', action: 'review.decide', value: '{"item":"ri-1","d":"revoke"}' },
  fields: [
    { name: 'reason', label: 'Why should the access go?', multiline: true, required: true },
    { name: 'ticket', label: 'Ticket (optional)' },
  ],
};
const REPLY: Reply = {
  text: 'Revoke needs a reason',
  blocks: [{ type: 'text', text: 'Revoke needs a reason.' }, REVOKE_FORM],
};

const submitted = (values: Record<string, string>, metadata: object = { action: 'review.decide', value: 'v' }) =>
  ({
    private_metadata: JSON.stringify(metadata),
    state: {
      values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { [k]: { value: v } }])),
    },
    blocks: [
      { type: 'section', block_id: 'intro' },
      { type: 'input', block_id: 'reason', optional: false },
      { type: 'input', block_id: 'ticket', optional: true },
    ],
  }) satisfies SubmittedView;

describe('Slack forms', () => {
  it('renders a reply holding a form as a modal: other blocks, then one input per field', () => {
    expect(formIn(REPLY)).toBe(REVOKE_FORM);
    expect(formModal(REPLY, REVOKE_FORM, 'C1')).toEqual({
      type: 'modal',
      callback_id: FORM_CALLBACK,
      title: { type: 'plain_text', text: 'Revoke needs a reason...' },
      submit: { type: 'plain_text', text: 'Revoke' },
      close: { type: 'plain_text', text: 'Cancel' },
      private_metadata: JSON.stringify({
        action: 'review.decide',
        value: '{"item":"ri-1","d":"revoke"}',
        channel: 'C1',
      }),
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'Revoke needs a reason.' } },
        {
          type: 'input',
          block_id: 'reason',
          optional: false,
          label: { type: 'plain_text', text: 'Why should the access go?' },
          element: { type: 'plain_text_input', action_id: 'reason', multiline: true },
        },
        {
          type: 'input',
          block_id: 'ticket',
          optional: true,
          label: { type: 'plain_text', text: 'Ticket (optional)' },
          element: { type: 'plain_text_input', action_id: 'ticket', multiline: false },
        },
      ],
    });
    expect(JSON.parse(formModal(REPLY, REVOKE_FORM).private_metadata ?? '')).not.toHaveProperty('channel');
  });

  it('renders a form in a message as a button that carries it, and reads it back', () => {
    const [, opener] = toSlack(REPLY).blocks as { accessory?: { action_id: string; value: string } }[];
    expect(opener?.accessory?.action_id).toBe(OPEN_FORM_ACTION);
    expect(parseForm(opener?.accessory?.value)).toEqual(REVOKE_FORM);
    expect(parseForm('not json')).toBeUndefined();
    expect(parseForm(JSON.stringify({ type: 'form', title: 'no fields' }))).toBeUndefined();
  });

  it('turns a submission into the action with its fields, trimmed', () => {
    expect(readSubmission(submitted({ reason: '  left the company ', ticket: '' }))).toEqual({
      action: { id: 'review.decide', value: 'v', fields: { reason: 'left the company', ticket: '' } },
    });
  });

  it('reports a required field left empty or blank by its block_id', () => {
    expect(readSubmission(submitted({ reason: '  ', ticket: 'T-1' }))).toEqual({
      errors: { reason: 'Please fill this in' },
    });
  });

  it('refuses a view it did not open', () => {
    expect(() => readSubmission(submitted({ reason: 'x' }, { foo: 1 }))).toThrow();
  });
});

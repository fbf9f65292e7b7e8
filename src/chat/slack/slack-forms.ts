import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { Form, Incoming, Reply } from '../model';
import { plain, toSlack } from './render-blocks';

/** The callback_id of every form modal: `app.view(FORM_CALLBACK, …)` receives their submissions. */
export const FORM_CALLBACK = 'form';
export const REQUIRED_MESSAGE = 'Please fill this in';

/** What a form modal carries to its submission (private_metadata): the action for the core, and where it was opened. */
export interface FormMetadata {
  action: string;
  value: string;
  channel?: string;
}

const formSchema = z.object({
  type: z.literal('form'),
  title: z.string(),
  submit: z.object({ label: z.string(), action: z.string().min(1), value: z.string() }),
  fields: z.array(
    z.object({
      name: z.string().min(1),
      label: z.string(),
      multiline: z.boolean().optional(),
      required: z.boolean().optional(),
    }),
  ),
});
const metadataSchema = z.object({ action: z.string().min(1), value: z.string(), channel: z.string().optional() });

export const formIn = (reply: Reply): Form | undefined => reply.blocks.find((b): b is Form => b.type === 'form');

/** The form an "open form" button carries (see render-blocks.ts); undefined when the value is not one. */
export function parseForm(value: string | undefined): Form | undefined {
  let json: unknown;
  try {
    json = JSON.parse(value ?? '');
  } catch {
    return undefined;
  }
  const parsed = formSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

const input = (field: Form['fields'][number]): types.InputBlock => ({
  type: 'input',
  block_id: field.name,
  optional: field.required !== true,
  label: plain(field.label, 2000),
  element: { type: 'plain_text_input', action_id: field.name, multiline: field.multiline === true },
});

/**
 * A reply holding a form, as a Slack modal: the reply's other blocks, then one text input per
 * field. Its submission comes back to `app.view('form')` with the metadata to rebuild the action.
 */
export function formModal(reply: Reply, form: Form, channel?: string): types.ModalView {
  const metadata: FormMetadata = {
    action: form.submit.action,
    value: form.submit.value,
    ...(channel ? { channel } : {}),
  };
  const above = toSlack({ ...reply, blocks: reply.blocks.filter((b) => b.type !== 'form') }).blocks;
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK,
    title: plain(form.title, 24),
    submit: plain(form.submit.label, 24),
    close: plain('Cancel', 24),
    private_metadata: JSON.stringify(metadata),
    blocks: [...above, ...form.fields.map(input)].slice(0, 100),
  };
}

/** The parts of a submitted view (Bolt's ViewOutput) that a form submission is read from. */
export interface SubmittedView {
  private_metadata: string;
  state: { values: Record<string, Record<string, { value?: string | null }>> };
  blocks: { type: string; block_id?: string; optional?: boolean }[];
}

/**
 * A form modal's submission as the action for the core, or the errors to show in the modal (a
 * required field left empty or blank). Throws when the view was not opened by formModal.
 */
export function readSubmission(
  view: SubmittedView,
): { action: NonNullable<Incoming['action']> } | { errors: Record<string, string> } {
  const metadata = metadataSchema.parse(JSON.parse(view.private_metadata));
  const fields: Record<string, string> = {};
  for (const [blockId, inputs] of Object.entries(view.state.values)) {
    fields[blockId] = (Object.values(inputs)[0]?.value ?? '').trim();
  }
  const missing = view.blocks
    .filter((b) => b.type === 'input' && b.block_id && b.optional !== true && !fields[b.block_id])
    .map((b) => [b.block_id as string, REQUIRED_MESSAGE]);
  if (missing.length > 0) return { errors: Object.fromEntries(missing) };
  return { action: { id: metadata.action, value: metadata.value, fields } };
}

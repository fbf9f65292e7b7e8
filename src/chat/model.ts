import type { Platform } from '../store/records';

/** Who is talking, as every channel adapter describes them to the conversation core. */
export interface Actor {
  platform: Platform;
  /** The platform's own user id (Slack U…, Teams AAD object id, web chat identity). */
  userId: string;
  name: string;
  /** The directory person this chat user is linked to; null for people the directory does not know. */
  personId: string | null;
}

/** One incoming interaction: typed text, or a button/select press with its value (and a form's fields). */
export interface Incoming {
  actor: Actor;
  text?: string;
  action?: { id: string; value: string; fields?: Record<string, string> };
}

export interface Button {
  label: string;
  action: string;
  value: string;
  style?: 'primary' | 'danger';
}

/** The channel-neutral reply model each adapter renders (Block Kit, Adaptive Cards, HTML). */
export type Block =
  | { type: 'text'; text: string }
  | { type: 'section'; title: string; text: string; fields?: { label: string; value: string }[] }
  | { type: 'buttons'; buttons: Button[] }
  | { type: 'context'; text: string }
  | Form;

/**
 * A small form asking for text (e.g. the reason for a revocation). Submitting it sends
 * `action: { id: submit.action, value: submit.value, fields: { <name>: text } }` to the core.
 */
export interface Form {
  type: 'form';
  title: string;
  submit: { label: string; action: string; value: string };
  fields: { name: string; label: string; multiline?: boolean; required?: boolean }[];
}

export interface Reply {
  /** Plain-text fallback for notifications and screen readers. */
  text: string;
  blocks: Block[];
}

import type { types } from '@slack/bolt';
import type { Block, Form, Reply } from '../model';

type KnownBlock = types.KnownBlock;

/** The action_id of the button that opens a form as a modal (see slack-forms.ts). */
export const OPEN_FORM_ACTION = 'form.open';
/** Slack's limit on a button's value. */
const BUTTON_VALUE_LIMIT = 2000;
/** Slack section text is limited to 3000 characters; longer text becomes several sections. */
const SECTION_LIMIT = 2900;

const chunks = (text: string): string[] => {
  const out: string[] = [];
  let rest = text;
  while (rest.length > SECTION_LIMIT) {
    const cut = rest.lastIndexOf('\n', SECTION_LIMIT) > 0 ? rest.lastIndexOf('\n', SECTION_LIMIT) : SECTION_LIMIT;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  return [...out, rest];
};

export const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text });
/** Plain text cut to Slack's limit for where it goes (75 for button labels, 24 for modal titles). */
export const plain = (text: string, max = 75): types.PlainTextElement => ({
  type: 'plain_text',
  text: text.length > max ? `${text.slice(0, max - 3)}...` : text,
});
const sections = (text: string): KnownBlock[] => chunks(text).map((t) => ({ type: 'section', text: mrkdwn(t) }));

/** Messages cannot hold text inputs: a form is a button that opens it as a modal, carrying the form. */
function formOpener(form: Form): KnownBlock[] {
  const value = JSON.stringify(form);
  if (value.length > BUTTON_VALUE_LIMIT) return sections(`*${form.title}*\nThis form is too large to open here.`);
  return [
    {
      type: 'section',
      text: mrkdwn(`*${form.title}*`),
      accessory: { type: 'button', text: plain(`${form.submit.label}…`), action_id: OPEN_FORM_ACTION, value },
    },
  ];
}

function render(block: Block): KnownBlock[] {
  switch (block.type) {
    case 'text':
      return sections(block.text);
    case 'section':
      return [
        ...sections(`*${block.title}*\n${block.text}`),
        ...(block.fields?.length
          ? [
              {
                type: 'section' as const,
                fields: block.fields.slice(0, 10).map((f) => mrkdwn(`*${f.label}*\n${f.value}`)),
              },
            ]
          : []),
      ];
    case 'buttons':
      return [
        {
          type: 'actions',
          elements: block.buttons.slice(0, 25).map((b, i) => ({
            type: 'button' as const,
            text: plain(b.label),
            // action_ids must be unique in a block and short: the action name and the button's place.
            action_id: `${b.action}:${i}`,
            value: b.value,
            ...(b.style ? { style: b.style } : {}),
          })),
        },
      ];
    case 'context':
      return [{ type: 'context', elements: [mrkdwn(block.text)] }];
    case 'form':
      return formOpener(block);
  }
}

/** The neutral reply as Block Kit, with its plain text as the notification fallback. */
export function toSlack(reply: Reply): { text: string; blocks: KnownBlock[] } {
  return { text: reply.text.slice(0, 3000), blocks: reply.blocks.flatMap(render).slice(0, 50) };
}

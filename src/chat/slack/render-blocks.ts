import type { Block, Reply } from '../model';

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

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
const plain = (text: string) => ({
  type: 'plain_text' as const,
  text: text.length > 75 ? `${text.slice(0, 72)}...` : text,
});

function render(block: Block): object[] {
  switch (block.type) {
    case 'text':
      return chunks(block.text).map((text) => ({ type: 'section', text: mrkdwn(text) }));
    case 'section':
      return [
        ...chunks(`*${block.title}*\n${block.text}`).map((text) => ({ type: 'section', text: mrkdwn(text) })),
        ...(block.fields?.length
          ? [{ type: 'section', fields: block.fields.slice(0, 10).map((f) => mrkdwn(`*${f.label}*\n${f.value}`)) }]
          : []),
      ];
    case 'buttons':
      return [
        {
          type: 'actions',
          elements: block.buttons.slice(0, 25).map((b, i) => ({
            type: 'button',
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
  }
}

/** The neutral reply as Block Kit, with its plain text as the notification fallback. */
export function toSlack(reply: Reply): { text: string; blocks: object[] } {
  return { text: reply.text.slice(0, 3000), blocks: reply.blocks.flatMap(render).slice(0, 50) };
}

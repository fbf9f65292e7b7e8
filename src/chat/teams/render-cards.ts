import type { Block, Button, Form, Reply } from '../model';

/** The content type of an Adaptive Card attachment and of an `adaptiveCard/action` invoke response. */
export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
/** Teams renders at most this many buttons in one row; longer rows are split. */
const ACTIONS_PER_SET = 6;
/** A form's inputs carry this id prefix, so they never collide with `verb`/`value` in the merged data. */
export const FIELD_PREFIX = 'fields.';
/**
 * Teams refuses messages over about 28 KB. The Action.Submit fallbacks nearly double a card's
 * actions, so a card that would pass this size goes without them (a full page of review items:
 * about 26 KB with fallbacks, 15 KB without).
 */
const FALLBACK_BUDGET = 20_000;

export type CardElement = Record<string, unknown>;
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  fallbackText: string;
  msteams: { width: 'Full' };
}

/**
 * The chat markup the core writes (Slack-flavoured: `*bold*`, `` `code` ``, `<url|label>`) as the
 * Markdown subset Adaptive Cards render: bold, italics, lists and links. Code spans have no
 * Adaptive Card form, so their text stays and the backticks go. A single newline is a soft break
 * in card Markdown, so each one becomes a paragraph break.
 */
export function toCardMarkdown(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, '[$2]($1)')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/(^|[^*\w])\*([^*\n]+)\*(?![*\w])/g, '$1**$2**')
    .replace(/`([^`\n]*)`/g, '$1')
    .replace(/\n+/g, '\n\n');
}

const textBlock = (text: string, extra: CardElement = {}): CardElement => ({
  type: 'TextBlock',
  text: toCardMarkdown(text),
  wrap: true,
  ...extra,
});

/** Whether buttons carry their Action.Submit fallback (see FALLBACK_BUDGET). */
type Fallbacks = boolean;

/**
 * A button as a Universal Action: `verb` names the core's action and `data.value` carries its value
 * (`verb` is repeated in `data` for the Action.Submit fallback, which only delivers `data`). Clients
 * without Action.Execute fall back to Action.Submit, which arrives as a message activity.
 */
function execute(fallbacks: Fallbacks, title: string, verb: string, value: string, extra: CardElement): CardElement {
  const data = { verb, value };
  const action = { type: 'Action.Execute', title, verb, data, ...extra };
  return fallbacks ? { ...action, fallback: { type: 'Action.Submit', title, data, ...extra } } : action;
}

const STYLE = { primary: 'positive', danger: 'destructive' } as const;

function actionSets(buttons: Button[], fallbacks: Fallbacks): CardElement[] {
  const sets: CardElement[] = [];
  for (let i = 0; i < buttons.length; i += ACTIONS_PER_SET) {
    sets.push({
      type: 'ActionSet',
      actions: buttons.slice(i, i + ACTIONS_PER_SET).map((b) =>
        execute(fallbacks, b.label, b.action, b.value, {
          // A plain button must not be held back by an empty required field elsewhere on the card.
          associatedInputs: 'none',
          ...(b.style ? { style: STYLE[b.style] } : {}),
        }),
      ),
    });
  }
  return sets;
}

function form(f: Form, fallbacks: Fallbacks): CardElement {
  return {
    type: 'Container',
    separator: true,
    items: [
      textBlock(f.title, { weight: 'Bolder' }),
      ...f.fields.map((field) => ({
        type: 'Input.Text',
        id: `${FIELD_PREFIX}${field.name}`,
        label: field.label,
        isMultiline: field.multiline === true,
        isRequired: field.required === true,
        ...(field.required ? { errorMessage: `${field.label} is required.` } : {}),
        maxLength: 2000,
      })),
      {
        type: 'ActionSet',
        actions: [
          execute(fallbacks, f.submit.label, f.submit.action, f.submit.value, {
            associatedInputs: 'auto',
            style: 'positive',
          }),
        ],
      },
    ],
  };
}

function render(block: Block, fallbacks: Fallbacks): CardElement[] {
  switch (block.type) {
    case 'text':
      return [textBlock(block.text)];
    case 'section':
      return [
        {
          type: 'Container',
          items: [
            textBlock(block.title, { weight: 'Bolder' }),
            textBlock(block.text, { spacing: 'Small' }),
            ...(block.fields?.length
              ? [
                  {
                    type: 'FactSet',
                    facts: block.fields.map((f) => ({ title: f.label, value: toCardMarkdown(f.value) })),
                  },
                ]
              : []),
          ],
        },
      ];
    case 'buttons':
      return actionSets(block.buttons, fallbacks);
    case 'context':
      return [textBlock(block.text, { isSubtle: true, size: 'Small' })];
    case 'form':
      return [form(block, fallbacks)];
  }
}

const card = (reply: Reply, fallbacks: Fallbacks): AdaptiveCard => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: reply.blocks.flatMap((b) => render(b, fallbacks)),
  fallbackText: reply.text,
  msteams: { width: 'Full' },
});

/** The neutral reply as an Adaptive Card 1.5, with its plain text as the fallback. */
export function toAdaptiveCard(reply: Reply): AdaptiveCard {
  const full = card(reply, true);
  return Buffer.byteLength(JSON.stringify(full)) <= FALLBACK_BUDGET ? full : card(reply, false);
}

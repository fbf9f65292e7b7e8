import type { Answer } from '../assistant/answer';
import { redact } from '../assistant/redact';
import type { Control } from '../catalog/control';
import type { Actor, Block, Reply } from './model';

export const HELP: Reply = {
  text: 'How to use controlbot',
  blocks: [
    {
      type: 'section',
      title: 'Ask me about security and compliance',
      text: 'Write a question the way you would ask a colleague, e.g. "can I copy prod data to staging?" or "do we need 2FA on the AWS console?". I answer from our ISO/IEC 27017 controls and company policies, and say so when I am not sure.',
    },
    {
      type: 'section',
      title: 'Commands',
      text: '`help` shows this. `control 9.2.5` (or A.9.2.5, CLD.9.5.1) shows one control in full. `backups` and `suppliers` list what you own that needs a follow-up; `restore-test <system>` records a restore test.',
    },
  ],
};

/** What a vote button carries, so the vote can be recorded without keeping the answer anywhere. */
export interface VoteValue {
  a: string;
  h: boolean;
  q: string;
  c: string[];
}

const voteButtons = (answer: Answer, answerId: string) => {
  const base = {
    a: answerId,
    q: redact(answer.question).slice(0, 300),
    c: answer.controls.slice(0, 3).map((c) => c.id),
  };
  return {
    type: 'buttons' as const,
    buttons: [
      { label: '👍 Helpful', action: 'answer.vote', value: JSON.stringify({ ...base, h: true }) },
      { label: '👎 Not helpful', action: 'answer.vote', value: JSON.stringify({ ...base, h: false }) },
    ],
  };
};

export const THANKS: Reply = {
  text: 'Thanks for the feedback!',
  blocks: [{ type: 'context', text: 'Thanks for the feedback! It goes to the compliance lead.' }],
};

/** An answer: company policy first, then the controls, each with a button to open it, then a vote. */
export function answerReply(answer: Answer, answerId: string): Reply {
  if (!answer.confident) {
    return { text: answer.answer, blocks: [{ type: 'text', text: answer.answer }, voteButtons(answer, answerId)] };
  }
  return {
    text: answer.answer,
    blocks: [
      { type: 'text', text: answer.answer },
      {
        type: 'buttons',
        buttons: answer.controls
          .slice(0, 5)
          .map((c) => ({ label: `${c.id} ${c.title}`, action: 'control.show', value: c.id })),
      },
      {
        type: 'context',
        text:
          answer.phrasedBy === 'model'
            ? 'Phrased by a language model from the controls cited.'
            : 'From the control catalog.',
      },
      voteButtons(answer, answerId),
    ],
  };
}

export function controlReply(c: Control): Reply {
  return {
    text: `${c.id} ${c.title}`,
    blocks: [
      {
        type: 'section',
        title: `${c.id} ${c.title}${c.cloudControl ? ' (cloud control)' : ''}`,
        text: c.summary,
        fields: [
          { label: 'Clause', value: `${c.clause} ${c.clauseTitle}` },
          { label: 'ISO/IEC 27002:2022', value: c.iso27002_2022.join(', ') || 'none (cloud control)' },
        ],
      },
      { type: 'section', title: 'Your side (cloud customer)', text: c.customer },
      { type: 'section', title: "The provider's side", text: c.provider },
      { type: 'section', title: 'Evidence an auditor asks for', text: c.evidence.map((e) => `• ${e}`).join('\n') },
    ],
  };
}

export const notFoundReply = (raw: string): Reply => ({
  text: `I don't know a control "${raw}".`,
  blocks: [{ type: 'text', text: `I don't know a control "${raw}". Try an id such as 9.2.5, A.9.2.5 or CLD.9.5.1.` }],
});

/** The home view: a greeting, what is waiting for this person (sections given by the caller), quick help. */
export function homeReply(actor: Actor, waiting: Block[]): Reply {
  const greeting = actor.personId
    ? `Hi ${actor.name}! Here is what is waiting for you.`
    : `Hi ${actor.name}! I don't know you from the company directory yet, so you can ask questions but not decide review items. Ask the compliance lead to add your email.`;
  return {
    text: `controlbot home for ${actor.name}`,
    blocks: [
      { type: 'text', text: greeting },
      ...(waiting.length > 0 || !actor.personId
        ? waiting
        : [{ type: 'context' as const, text: 'Nothing is waiting for you. 🎉' }]),
      ...HELP.blocks,
    ],
  };
}

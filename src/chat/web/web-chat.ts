import express, { type Express } from 'express';
import { z } from 'zod';
import type { Logger } from '../../kernel/logger';
import type { Store } from '../../store/port';
import type { Conversation } from '../conversation';
import { SORRY } from '../conversation';
import type { Actor } from '../model';
import { PAGE_CSS, PAGE_HTML, PAGE_JS } from './page';

const GUEST = { id: 'guest', name: 'Guest (not in the directory)' };

const messageSchema = z.strictObject({
  identity: z.string().min(1).max(200),
  text: z.string().max(2000).optional(),
  action: z
    .strictObject({
      id: z.string().min(1).max(100),
      value: z.string().max(500),
      /** A submitted form's text fields by name. */
      fields: z
        .record(z.string().min(1).max(100), z.string().max(2000))
        .refine((f) => Object.keys(f).length <= 20, 'a form has at most 20 fields')
        .optional(),
    })
    .optional(),
});

/**
 * The local web chat: a page at / where a person picks a sample identity and talks to the same
 * conversation core as Slack and Teams. For trying the bot; it has no login, so it is served only
 * when no chat platform is configured or CONTROLBOT_WEB_CHAT=true.
 */
export function mountWebChat(options: { conversation: Conversation; store: () => Store | null; log: Logger }) {
  const { conversation, log } = options;
  const actorFor = async (identity: string): Promise<Actor> => {
    const person = identity === GUEST.id ? null : await options.store()?.people.get(identity);
    return person
      ? { platform: 'web', userId: person._id, name: person.name, personId: person._id }
      : { platform: 'web', userId: GUEST.id, name: GUEST.name, personId: null };
  };
  return (app: Express) => {
    const security = (_req: express.Request, res: express.Response, next: express.NextFunction) => {
      res.set('Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'");
      res.set('X-Content-Type-Options', 'nosniff');
      next();
    };
    app.get('/', security, (_req, res) => void res.type('html').send(PAGE_HTML));
    app.get('/chat/app.js', security, (_req, res) => void res.type('js').send(PAGE_JS));
    app.get('/chat/app.css', security, (_req, res) => void res.type('css').send(PAGE_CSS));
    app.get('/chat/identities', async (_req, res) => {
      const people = (await options.store()?.people.list({ status: 'active' })) ?? [];
      res.json([GUEST, ...people.slice(0, 200).map((p) => ({ id: p._id, name: `${p.name} (${p.email})` }))]);
    });
    app.post('/chat/messages', express.json({ limit: '16kb' }), async (req, res) => {
      const parsed = messageSchema.safeParse(req.body);
      if (!parsed.success) {
        res
          .status(400)
          .json({ error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
        return;
      }
      const { identity, text, action } = parsed.data;
      try {
        res.json(await conversation.handle({ actor: await actorFor(identity), text, action }));
      } catch (err) {
        log.error({ err: (err as Error).message, platform: 'web' }, 'web chat message failed');
        res.status(500).json(SORRY);
      }
    });
  };
}

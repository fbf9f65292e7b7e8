import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { MANIFEST_DIR, packageTeams } from '../../../scripts/package-teams';
import { decodePng, pngHeader } from '../../../scripts/teams/png';
import { readZip } from '../../../scripts/teams/zip';
import type { Catalog } from '../../../src/catalog/control';
import { createConversation } from '../../../src/chat/conversation';

const SCHEMA = path.resolve(__dirname, '../../../../shared/schemas/MicrosoftTeams.schema.json');
const APP_ID = '9a0c6b5e-3f1d-4c7a-8e2b-5d4f6a7b8c9d';
const manifest = JSON.parse(readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8'));
const icon = (name: string) => readFileSync(path.join(MANIFEST_DIR, name));

/**
 * The vendored schema says draft-04 but uses `const` (draft-06+), so it is compiled as draft-07,
 * Ajv's default; `strict: false` lets Microsoft's own annotations through.
 */
function validator() {
  const { $schema: _draft04, ...schema } = JSON.parse(readFileSync(SCHEMA, 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('Teams app manifest', () => {
  const validate = validator();
  const errors = (m: unknown) => (validate(m) ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message}`));

  it('is valid against the Teams manifest schema, as written and as packaged with an app id', () => {
    expect(errors(manifest)).toEqual([]);
    expect(errors({ ...manifest, manifestVersion: '1.30', bots: [{ scopes: ['everywhere'] }] })).toHaveLength(3);
    const packaged = readZip(packageTeams({ appId: APP_ID, version: '1.2.3' }));
    expect(packaged.map((e) => e.name)).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const substituted = JSON.parse(packaged[0]?.data.toString() ?? '{}');
    expect(errors(substituted)).toEqual([]);
    expect(substituted).toMatchObject({ id: APP_ID, version: '1.2.3', bots: [{ botId: APP_ID }] });
    expect(packaged[1]?.data.equals(icon('color.png'))).toBe(true);
  });

  it('refuses to package an app id that is not a GUID, saying what it should be', () => {
    expect(() => packageTeams({ appId: 'my-bot', version: '1.0.0' })).toThrow(/must be a GUID.*Azure app registration/);
  });

  it('has a 192×192 colour icon and a 32×32 outline icon that is white on transparent', () => {
    expect(pngHeader(icon('color.png'))).toMatchObject({ width: 192, height: 192 });
    const outline = decodePng(icon('outline.png'));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const pixels = Array.from({ length: 32 * 32 }, (_, i) => Array.from(outline.pixels.subarray(i * 4, i * 4 + 4)));
    const drawn = pixels.filter(([, , , a]) => (a ?? 0) > 0);
    expect(drawn.filter(([r, g, b]) => r !== 255 || g !== 255 || b !== 255)).toEqual([]);
    expect(drawn.length).toBeGreaterThan(50);
    expect(pixels.filter(([, , , a]) => a === 0).length).toBeGreaterThan(500);
  });

  it('offers the bot in personal chats and teams, with commands the conversation core understands', async () => {
    const [bot] = manifest.bots;
    expect(bot.scopes).toEqual(['personal', 'team']);
    const titles = bot.commandLists.flatMap((l: { commands: { title: string }[] }) => l.commands.map((c) => c.title));
    expect(titles).toEqual(['help', 'reviews', 'status', 'control']);
    // A command the core did not know would become a question for the assistant, which here fails.
    const conversation = createConversation({
      assistant: () => ({ ask: () => Promise.reject(new Error(`asked the assistant`)) }) as never,
      catalog: { get: () => undefined } as unknown as Catalog,
      reviews: { store: () => null, decisions: {} as never },
    });
    const actor = { platform: 'teams' as const, userId: 'aad-1', name: 'Ada', personId: null };
    for (const title of titles) {
      const reply = await conversation.handle({ actor, text: title === 'control' ? 'control 9.2.5' : title });
      expect([title, reply.text]).not.toEqual([title, expect.stringMatching(/^Sorry, something went wrong/)]);
    }
  });
});

import type { Block, Reply } from '../chat/model';
import type { Store } from '../store/port';
import type { DigestSection, SectionProvider } from './section';

export interface Digest {
  reply: Reply;
  sections: DigestSection[];
}

/**
 * The compliance lead's digest for a period: every provider's section, those needing attention
 * first, each scannable (a headline, a few lines, a button to the details). A provider that fails
 * shows as a section saying so, rather than hiding the rest.
 */
export async function composeDigest(
  store: Store,
  providers: readonly SectionProvider[],
  window: { now: Date; since: Date },
  title = 'Compliance digest',
): Promise<Digest> {
  const sections = (
    await Promise.all(
      providers.map((p) =>
        p(store, window).catch(
          (err: Error): DigestSection => ({
            id: 'error',
            title: 'A part of the digest failed',
            headline: 'a section could not be computed',
            attention: 1,
            blocks: [{ type: 'text', text: `This part could not be computed: ${err.message}` }],
          }),
        ),
      ),
    )
  )
    .filter((s): s is DigestSection => s !== null)
    .sort((a, b) => Number(b.attention > 0) - Number(a.attention > 0));
  const period = `${window.since.toISOString().slice(0, 10)} – ${window.now.toISOString().slice(0, 10)}`;
  const blocks: Block[] = [{ type: 'text', text: `*${title}* for ${period}` }];
  if (sections.length === 0) blocks.push({ type: 'text', text: 'Nothing needs your attention. ✅' });
  for (const s of sections) {
    blocks.push({ type: 'section', title: `${s.attention > 0 ? '🔸' : '✅'} ${s.title}`, text: s.headline });
    blocks.push(...s.blocks);
  }
  const text = sections.length
    ? `${title}: ${sections.map((s) => s.headline.replace(/\.$/, '')).join('; ')}`
    : `${title}: all good`;
  return { reply: { text, blocks }, sections };
}

/** The digest as plain text for a terminal (`controlbot digest preview`). */
export function digestText(digest: Digest): string {
  const lines: string[] = [];
  for (const b of digest.reply.blocks) {
    if (b.type === 'text' || b.type === 'context') lines.push(b.text);
    else if (b.type === 'section')
      lines.push('', `## ${b.title}`, b.text, ...(b.fields ?? []).map((f) => `  ${f.label}: ${f.value}`));
    else if (b.type === 'buttons') lines.push(b.buttons.map((x) => `[${x.label}]`).join(' '));
  }
  return `${lines.join('\n').trim()}\n`;
}

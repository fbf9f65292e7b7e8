import path from 'node:path';
import { cli } from '../../support/cli';
import { describeEachStore } from '../../support/stores';

describeEachStore('controlbot ask and catalog', (harness) => {
  it('prints the ask contract for one question', async () => {
    const r = await cli(harness().env, ['ask', 'do we need MFA on the AWS console?', '--json']);
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(answer)).toEqual(['question', 'confident', 'controls', 'answer']);
    expect(answer).toMatchObject({ question: 'do we need MFA on the AWS console?', confident: true });
    const controls = answer.controls as { id: string; title: string; score: number }[];
    expect(controls.length).toBeGreaterThanOrEqual(3);
    expect(controls.map((c) => c.id)).toContain('9.4.2');
    expect(typeof controls[0]?.score).toBe('number');
  });

  it('answers one question per line of standard input and records the ones it cannot answer', async () => {
    const r = await cli(harness().env, ['ask', '--json'], 'what does A.12.3.1 say\n\nwhats for lunch today\n');
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { confident: boolean; controls: { id: string }[] });
    expect(lines.map((l) => [l.confident, l.controls[0]?.id])).toEqual([
      [true, '12.3.1'],
      [false, undefined],
    ]);
    const store = await harness().open();
    expect((await store.questions.since(new Date(0))).map((q) => q.text)).toEqual(['whats for lunch today']);
    await store.close();
  });

  it('imports an OSCAL catalog whose controls are then answered with their own ids', async () => {
    const file = path.join(__dirname, '../../fixtures/oscal/mini-catalog.json');
    const imported = await cli(harness().env, ['catalog', 'import', file, '--name', 'acme']);
    expect(imported).toMatchObject({ code: 0, out: expect.stringContaining('imported 3 controls') });
    const r = await cli(harness().env, ['ask', 'egress filtering on build runners', '--json']);
    const answer = JSON.parse(r.out) as { confident: boolean; controls: { id: string }[] };
    expect(answer.confident).toBe(true);
    expect(answer.controls[0]?.id).toBe('acme:net-1');
    expect((await cli(harness().env, ['catalog', 'import', '/nonexistent.json'])).code).toBe(2);
  });
});

describe('controlbot catalog', () => {
  it('validates, lists and shows controls in every id form', async () => {
    expect((await cli({}, ['catalog', 'validate'])).out).toMatch(/^catalog ok: 121 controls .* 1\d policies/);
    const list = JSON.parse((await cli({}, ['catalog', 'list', '--json'])).out) as {
      id: string;
      cloudControl: boolean;
    }[];
    expect(list).toHaveLength(121);
    expect(list.filter((c) => c.cloudControl)).toHaveLength(7);
    for (const form of ['9.2.5', 'A.9.2.5'])
      expect((await cli({}, ['catalog', 'show', form])).out).toMatch(/^9\.2\.5 Review of user access rights/);
    expect((await cli({}, ['catalog', 'show', 'CLD.9.5.1'])).out).toMatch(
      /^CLD\.9\.5\.1 Segregation in virtual computing environments {2}\[cloud control\]/,
    );
    expect((await cli({}, ['catalog', 'show', '8.13'])).out).toMatch(/8\.13 maps to[\s\S]*12\.3\.1 Information backup/);
    expect(await cli({}, ['catalog', 'show', '99.9.9'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('no control "99.9.9"'),
    });
    const oscal = JSON.parse((await cli({}, ['catalog', 'export', '--format', 'oscal'])).out) as {
      catalog: { groups: unknown[] };
    };
    expect(oscal.catalog.groups).toHaveLength(14);
  });
});

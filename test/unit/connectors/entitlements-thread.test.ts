import { readEntitlements } from '../../../src/connectors/entitlements';
import { startEntitlementsThread } from '../../../src/connectors/entitlements-thread';
import { type ProblemSink, type RowProblem, SourceProblems } from '../../../src/connectors/read-source';
import { collect, failureOf, fixtureFiles } from './fixture-files';

const files = fixtureFiles();
const HEADER = 'account,person,system,role,privileged,last_login';

/** Rows and problems as `read` gives them, in the order they came. */
async function outcome(read: (problems: ProblemSink) => AsyncIterable<unknown>) {
  const events: unknown[] = [];
  let count = 0;
  const sink = {
    add(problem: RowProblem) {
      count += 1;
      events.push(String(problem));
    },
  };
  for await (const row of read(sink)) events.push(row);
  return { events, count };
}

async function inThread(file: string) {
  const thread = startEntitlementsThread(file);
  try {
    return await outcome((problems) => thread.rows(problems));
  } finally {
    await thread.close();
  }
}

/** A CSV of `n` rows with a bad row every 7th, a blank line every 11th and a two-line cell every 13th. */
function mixedCsv(n: number) {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    if (i % 11 === 5) lines.push('');
    const role = i % 13 === 3 ? '"line one\nline two"' : 'user';
    const privileged = i % 7 === 2 ? 'maybe' : i % 2 === 0 ? 'yes' : 'no';
    const login = i % 5 === 0 ? '' : `2024-0${1 + (i % 9)}-1${i % 10}T08:00:00+02:00`;
    lines.push(`acct${i},${i % 3 === 0 ? '' : `p${i}`},sys-${i % 4},${role},${privileged},${login}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('startEntitlementsThread', () => {
  it('yields the rows and reports the problems of readEntitlements, in the same order', async () => {
    const file = files.write('access.csv', mixedCsv(2500));
    const expected = await outcome((problems) => readEntitlements(file, problems));
    expect(expected.count).toBeGreaterThan(300);
    expect(await inThread(file)).toEqual(expected);
  });

  it('reads JSON exports the same way', async () => {
    const rows = [
      { account: 'ann', system: 'github', role: 'owner', privileged: true, lastLogin: '2024-04-30' },
      { account: 'bob', person: 7, system: 'github', role: 'member', privileged: 'perhaps' },
      { account: '', system: 'aws', role: 'admin', privileged: false, last_login: 'yesterday' },
    ];
    const file = files.write('access.json', JSON.stringify(rows));
    const expected = await outcome((problems) => readEntitlements(file, problems));
    expect(expected.count).toBe(2);
    expect(await inThread(file)).toEqual(expected);
  });

  it('fails as readEntitlements does on a file that cannot be read, after the rows before the break', async () => {
    const broken = files.write('access.csv', `${HEADER}\na,p,s,r,no,\nb,p,s,"r,no,\n`);
    const missing = files.path('nowhere.csv');
    for (const file of [broken, missing]) {
      const expected = await failureOf(readEntitlements(file, new SourceProblems()));
      const thread = startEntitlementsThread(file);
      const rows: unknown[] = [];
      const failure = await failureOf(
        (async function* () {
          for await (const row of thread.rows(new SourceProblems())) yield rows.push(row);
        })(),
      );
      await thread.close();
      expect({ code: failure.code, message: failure.message }).toEqual({
        code: expected.code,
        message: expected.message,
      });
      expect(rows).toHaveLength(file === broken ? 1 : 0);
    }
  });

  it('can be closed before its rows are read, or halfway', async () => {
    const file = files.write('access.csv', mixedCsv(5000));
    await startEntitlementsThread(file).close();
    const thread = startEntitlementsThread(file);
    let n = 0;
    for await (const _ of thread.rows(new SourceProblems())) if (++n === 1500) break;
    await thread.close();
    expect(n).toBe(1500);
    expect(await collect(readEntitlements(file, new SourceProblems()))).toHaveLength(
      Array.from({ length: 5000 }, (_, i) => i).filter((i) => i % 7 !== 2).length,
    );
  });
});

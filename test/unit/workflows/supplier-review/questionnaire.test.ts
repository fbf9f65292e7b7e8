import { parseAnswers } from '../../../../src/workflows/supplier-review/questionnaire';

const ok = { inUse: 'yes', dataChanged: 'no', incidents: 'none', documentsCurrent: 'Yes', decision: 'continue' };
const problemsOf = (fields: Record<string, string>) => {
  try {
    parseAnswers(fields);
    return [];
  } catch (err) {
    return (err as { details: string[] }).details;
  }
};

describe('parseAnswers', () => {
  it('reads yes/no answers, "no" or a description for changes, and the decision', () => {
    expect(parseAnswers(ok)).toEqual({
      stillInUse: true,
      dataSharedChanged: null,
      incidents: null,
      documentsCurrent: true,
      decision: 'continue',
      notes: null,
    });
    const withActions = parseAnswers({
      ...ok,
      dataChanged: 'now also support tickets',
      incidents: 'Phishing incident in March, customers informed',
      decision: 'Continue with actions',
      notes: 'Ask for the bridge letter',
    });
    expect(withActions).toMatchObject({
      dataSharedChanged: 'now also support tickets',
      incidents: 'Phishing incident in March, customers informed',
      decision: 'continue-with-actions',
      notes: 'Ask for the bridge letter',
    });
    expect(parseAnswers({ ...ok, inUse: 'no', decision: 'offboard', notes: 'Replaced by X in Q1' }).decision).toBe(
      'offboard',
    );
  });

  it('names every missing or unclear answer at once', () => {
    expect(
      problemsOf({
        inUse: 'maybe',
        dataChanged: 'yes',
        incidents: '',
        documentsCurrent: '',
        decision: 'think about it',
      }),
    ).toEqual([
      'whether the supplier is still in use (yes or no)',
      'whether the data shared changed ("no", or what changed)',
      'whether there were incidents ("no", or which)',
      'whether the certificate or audit report is current (yes or no)',
      'the decision: continue, continue with actions, or offboard',
    ]);
    expect(problemsOf({ ...ok, decision: 'offboard' })).toEqual(['notes: why and how to offboard']);
    expect(problemsOf({ ...ok, inUse: 'no' })).toEqual([
      'a decision other than continue for a supplier no longer in use',
    ]);
  });
});

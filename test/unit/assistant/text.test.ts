import { terms, words } from '../../../src/assistant/text';

describe('words and terms', () => {
  it('reads "log in" as a verb as one word, and leaves event logging alone', () => {
    expect(words("I can't log in")).toContain('login');
    expect(words('log into Jira')).toEqual(['login', 'jira']);
    expect(words('logged in as admin')).toEqual(['login', 'as', 'admin']);
    expect(words('is it logged in CloudTrail')).toEqual(['is', 'it', 'logged', 'in', 'cloudtrail']);
    expect(words('we log on every request')).toEqual(['we', 'log', 'on', 'every', 'request']);
  });

  it('drops chat filler and stems the rest', () => {
    expect(terms('hey, do we need to encrypt the backups?')).toEqual(['encrypt', 'backup']);
  });
});

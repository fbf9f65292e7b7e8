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

  it('keeps a hyphenated word whole and adds its parts', () => {
    expect(terms('log4j-style bug')).toEqual(['log4j-style', 'log4j', 'style', 'bug']);
    expect(terms('two-factor')).toEqual(['twofactor', 'factor']);
  });

  it('drops the s of plural acronyms and treats contractions as filler', () => {
    expect(terms('CVEs in our PRs')).toEqual(['cve', 'pr']);
    expect(terms("who's got it, where's the key")).toEqual(['key']);
  });
});

import { buildControlIndex, DEFAULT_RANKING, type IndexedControl } from '../../../src/assistant/control-index';

const control = (id: string, title: string, keywords: string[], summary = ''): IndexedControl => ({
  id,
  title,
  catalog: 'test',
  keywords,
  summary,
  customer: '',
  provider: '',
  evidence: [],
  objectiveTitle: '',
});

describe('control index', () => {
  // Two neighbours that mention the same words; only one lists the rare keyword "2FA" itself.
  const controls = [
    control('1.1.1', 'Admin rights', ['admin', 'privileged account', 'root'], 'Admin accounts and 2FA for admins.'),
    control('1.1.2', 'Login procedure', ['2FA', 'login', 'admin console'], 'How people log in.'),
    control('1.1.3', 'Unrelated', ['coffee', 'kitchen'], 'Coffee machine rules.'),
  ];

  it('ranks the control whose keyword the question contains whole above a neighbour that only mentions it', () => {
    const plain = buildControlIndex(controls, [], { ranking: { ...DEFAULT_RANKING, containedKeyword: 0 } });
    const ranked = buildControlIndex(controls, []);
    expect(plain.search('is 2FA required for admins').hits[0]?.id).toBe('1.1.1');
    expect(ranked.search('is 2FA required for admins').hits[0]?.id).toBe('1.1.2');
  });

  it('keeps the retrieval score apart from the keyword bonus, for the confidence gate', () => {
    const hit = buildControlIndex(controls, []).search('2FA for admins').hits[0];
    expect(hit?.score).toBeGreaterThan(hit?.baseScore ?? Number.POSITIVE_INFINITY);
  });

  it('finds nothing for a question with only stopwords', () => {
    expect(buildControlIndex(controls, []).search('what is the').hits).toEqual([]);
  });
});

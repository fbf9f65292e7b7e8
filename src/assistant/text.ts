import stem from 'wink-porter2-stemmer';

/**
 * Chat markup removed before searching: Slack mentions and channel links, link labels, emoji
 * shortcodes, code fences. What remains is the text a person would read.
 */
export function stripChatMarkup(text: string): string {
  return text
    .replace(/<[@#!][^>]*>/g, ' ')
    .replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, ' $1 ')
    .replace(/<(?:https?|mailto):[^>]*>/g, ' ')
    .replace(/:[a-z0-9_+-]+:/gi, ' ')
    .replace(/```[\s\S]*?```|`([^`]*)`/g, ' $1 ')
    .replace(/\s+/g, ' ')
    .trim();
}

// Chat filler and function words: they say nothing about which control fits.
const STOPWORDS = new Set(
  `a about above after again all also am an and any are as at be been before being below between both but by can cannot
  could did do does doing don done down during each else even ever every few for from further get gets getting got had has
  have having he her here hers him his how i if in into is it its itself just let like me might more most must my need
  needs no nor not now of off ok okay on once only or other ought our ours out over own please pls plz really same say
  says she should so some still such sure than thank thanks that the their them then there these they thing things this
  those through thx to too u under until up us use used using very want wants was way we well were what whats when where
  which while who whom why will with would yes yet you your yours hey hi hello folks guys team anyone someone somebody
  know question quick wondering allowed okay lol tbh btw fyi asap idk im ive dont cant wont isnt arent doesnt didnt
  go going gonna wanna kind sort actually basically literally one two new
  whos wheres hows whys whens thats theres heres lets youre theyre weve youve theyve youll hes shes shouldve
  couldve wouldve mustve aint hasnt havent hadnt wasnt werent shouldnt couldnt wouldnt mustnt`.split(/\s+/),
);

/**
 * "Log in" as a verb means signing in, not event logging: "can't log in", "log into Jira", "logged
 * in as admin" become one word, so they find the sign-in controls rather than the logging ones.
 */
const LOG_IN = /\blog(?:s|ged|ging)? ?(?:in|on)(?:to\b|\b(?= *(?:$|[.,;:!?)]|to\b|with\b|as\b|via\b|using\b)))/g;

/** Plural acronyms ("CVEs", "PRs", "VMs") lose the s the stemmer would not remove once lower-cased. */
const ACRONYM_PLURAL = /\b([A-Z][A-Z0-9]+)s\b/g;

/** Lower-cased words of at least two letters, or numbers, with ids like 9.2.5 kept whole. */
export function words(text: string): string[] {
  return (
    text
      .replace(ACRONYM_PLURAL, '$1')
      .toLowerCase()
      .replace(LOG_IN, 'login')
      .match(/[a-z0-9]+(?:[.'-][a-z0-9]+)*/g) ?? []
  );
}

/**
 * Words already stemmed: building the indexes stems the same few thousand words tens of thousands
 * of times, and questions reuse them. Bounded so odd input cannot grow it without end.
 */
const stemmed = new Map<string, string | null>();

/** The search term of a word, or null for a stopword: stemmed, apostrophes dropped. */
export function term(word: string): string | null {
  let t = stemmed.get(word);
  if (t !== undefined) return t;
  const w = word.toLowerCase().replace(/'/g, '');
  t = w.length < 2 || STOPWORDS.has(w) ? null : /\d/.test(w) ? w : stem(w.replace(/-/g, ''));
  if (stemmed.size < 200_000) stemmed.set(word, t);
  return t;
}

/**
 * A hyphenated word counts whole ("two-factor" → twofactor) and, when its parts are words of their
 * own, as its parts too: "log4j-style" finds log4j, "ai-generated" finds generated.
 */
const termsOf = (word: string): string[] => {
  const whole = term(word);
  if (!word.includes('-')) return whole ? [whole] : [];
  const parts = word.split('-').flatMap((p) => term(p) ?? []);
  return [...(whole ? [whole] : []), ...parts.filter((p) => p !== whole)];
};

export const terms = (text: string): string[] => words(text).flatMap(termsOf);

/**
 * How far a question's term may be from an indexed one and still match (MiniSearch's fuzzy
 * option): only terms the index does not know are treated as possible typos, so a known word
 * costs no fuzzy search; longer words forgive more. Word pairs (`a_b`) are never fuzzy.
 */
export const typoTolerance =
  (known: ReadonlySet<string>) =>
  (t: string): number | false =>
    known.has(t) || t.includes('_') ? false : t.length >= 8 ? 0.25 : t.length >= 5 ? 0.2 : false;

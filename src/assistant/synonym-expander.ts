import type { SynonymGroups } from '../catalog/synonyms';
import { terms } from './text';

/**
 * Adds the other words of a synonym group when a question uses one of them ("2fa" brings "mfa",
 * "authenticator", ...). Phrases match as consecutive terms after stemming.
 */
export function synonymExpander(groups: SynonymGroups): (queryTerms: readonly string[]) => string[] {
  const compiled = groups.map((group) => {
    const phrases = group.map((p) => terms(p)).filter((t) => t.length > 0);
    return { phrases, all: [...new Set(phrases.flat())] };
  });
  const contains = (haystack: readonly string[], needle: readonly string[]) =>
    haystack.some((_, i) => needle.every((t, j) => haystack[i + j] === t));
  return (queryTerms) => {
    const extra = new Set<string>();
    for (const group of compiled) {
      if (!group.phrases.some((p) => contains(queryTerms, p))) continue;
      for (const t of group.all) if (!queryTerms.includes(t)) extra.add(t);
    }
    return [...extra];
  };
}

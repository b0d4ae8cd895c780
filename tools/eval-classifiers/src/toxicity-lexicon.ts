/**
 * The lexicon baseline for toxicity: a fixed word list, matched as whole lower-cased words. Davidson
 * et al. sampled their tweets by lexicon terms (Hatebase), so this is the natural floor a learned model
 * has to clear. The lists are deliberately short and generic, written for this baseline; texts contain
 * slurs by design of the dataset.
 */
const HATE_TERMS = ['nigger', 'niggers', 'faggot', 'faggots', 'fag', 'fags', 'dyke', 'dykes', 'chink', 'chinks', 'spic', 'spics', 'wetback', 'wetbacks', 'kike', 'kikes', 'coon', 'coons', 'towelhead', 'raghead', 'beaner', 'beaners', 'tranny', 'trannies', 'queers', 'retards'];
const OFFENSIVE_TERMS = ['bitch', 'bitches', 'hoe', 'hoes', 'pussy', 'pussies', 'fuck', 'fucking', 'fucked', 'shit', 'ass', 'cunt', 'slut', 'sluts', 'whore', 'whores', 'dick', 'motherfucker', 'nigga', 'niggas', 'thot', 'skank', 'twat', 'bastard', 'retard'];

const hate = new Set(HATE_TERMS);
const offensive = new Set(OFFENSIVE_TERMS);

export interface LexiconResult {
  label: 'hate' | 'offensive' | 'neither';
  /** Number of lexicon words in the text: the baseline's toxicity score (for AUC). */
  hits: number;
}

export function lexiconClassify(text: string): LexiconResult {
  let hateHits = 0;
  let offensiveHits = 0;
  for (const word of text.toLowerCase().match(/[a-z']+/g) ?? []) {
    if (hate.has(word)) hateHits++;
    else if (offensive.has(word)) offensiveHits++;
  }
  const label = hateHits > 0 ? 'hate' : offensiveHits > 0 ? 'offensive' : 'neither';
  return { label, hits: hateHits + offensiveHits };
}

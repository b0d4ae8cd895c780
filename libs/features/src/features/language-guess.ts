import { defineLexicon, type Lexicon } from '../lexicon/lexicon';
import type { TextScan } from '../scan/text-scan';
import { SCRIPTS } from '../text/char-class';

/** Languages guessed from function words for Latin-script text. */
export const LATIN_LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'it', 'nl'] as const;
/** What the language feature reports: a Latin-script guess, a language implied by a CJK script, or other / unknown. */
export const LANGUAGES = [...LATIN_LANGUAGES, 'zh', 'ja', 'ko', 'other', 'unknown'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Dominant script of the prose letters, or none when there are none. */
export const SCRIPT_VALUES = [...SCRIPTS, 'none'] as const;
export type DominantScript = (typeof SCRIPT_VALUES)[number];

/** Frequent function words, chosen to overlap little between the languages. */
export const STOPWORDS: Readonly<Record<(typeof LATIN_LANGUAGES)[number], Lexicon>> = {
  en: defineLexicon('stopwords_en', ['the', 'and', 'is', 'are', 'of', 'to', 'you', 'that', 'this', 'it', 'with', 'for', 'what', 'how', 'i', 'be', 'was', 'have', 'not', 'can', 'an', 'a', 'about', 'my', 'your', 'there', 'which', 'would']),
  es: defineLexicon('stopwords_es', ['el', 'los', 'las', 'del', 'que', 'y', 'es', 'por', 'para', 'con', 'una', 'se', 'como', 'más', 'pero', 'está', 'qué', 'cómo', 'muy', 'también', 'puedo', 'hola', 'usted', 'lo']),
  fr: defineLexicon('stopwords_fr', ['le', 'les', 'des', 'et', 'est', 'une', 'dans', 'pour', 'pas', 'vous', 'je', 'qui', 'sur', 'avec', 'ce', 'il', 'elle', 'au', 'du', 'mais', 'très', 'bonjour', "c'est", 'sont']),
  de: defineLexicon('stopwords_de', ['der', 'die', 'das', 'und', 'ist', 'nicht', 'ich', 'zu', 'mit', 'ein', 'eine', 'sie', 'den', 'dem', 'auf', 'für', 'wie', 'auch', 'sind', 'kann', 'bitte', 'hallo', 'oder', 'wird']),
  pt: defineLexicon('stopwords_pt', ['o', 'os', 'do', 'da', 'dos', 'das', 'em', 'um', 'uma', 'não', 'é', 'para', 'com', 'mais', 'você', 'olá', 'muito', 'isso', 'são', 'também', 'pode', 'seu', 'sua', 'ao']),
  it: defineLexicon('stopwords_it', ['il', 'gli', 'di', 'che', 'è', 'per', 'non', 'sono', 'della', 'delle', 'con', 'come', 'anche', 'ma', 'più', 'questo', 'ciao', 'perché', 'nel', 'alla', 'molto', 'essere', 'può', 'un']),
  nl: defineLexicon('stopwords_nl', ['de', 'het', 'een', 'en', 'van', 'dat', 'niet', 'ik', 'op', 'te', 'zijn', 'met', 'voor', 'je', 'wat', 'hoe', 'ook', 'maar', 'dit', 'naar', 'wordt', 'kunnen', 'hebben', 'jij']),
};
export const STOPWORD_LEXICONS: readonly Lexicon[] = Object.values(STOPWORDS);

/** Minimum function words before a Latin-script text gets a language. */
const MIN_HITS = 2;

/** Dominant script of the prose letters (see TextScan.dominantScriptIndex), or none. */
export function dominantScript(scan: TextScan): DominantScript {
  const index = scan.dominantScriptIndex();
  return index < 0 ? 'none' : SCRIPTS[index];
}

/** A cheap language guess: function-word counts for Latin script (ties and too few hits: unknown), the script for CJK. Computed once per scan. */
export function guessLanguage(scan: TextScan): Language {
  if (scan.languageGuess === undefined) scan.languageGuess = guess(scan);
  return scan.languageGuess as Language;
}

function guess(scan: TextScan): Language {
  const script = dominantScript(scan);
  if (script === 'none') return 'unknown';
  if (script === 'han') return 'zh';
  if (script === 'kana') return 'ja';
  if (script === 'hangul') return 'ko';
  if (script !== 'latin') return 'other';
  let best: Language = 'unknown';
  let bestHits = 0;
  let tied = false;
  for (const language of LATIN_LANGUAGES) {
    const hits = scan.count(STOPWORDS[language]);
    if (hits > bestHits) {
      best = language;
      bestHits = hits;
      tied = false;
    } else if (hits === bestHits) tied = true;
  }
  return bestHits >= MIN_HITS && !tied ? best : 'unknown';
}

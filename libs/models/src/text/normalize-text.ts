import type { HashedNgramPreprocessing } from '../manifest/preprocessing-schema';

const URL_PATTERN = /\bhttps?:\/\/\S+/gi;
const MENTION_PATTERN = /@\w+/g;
const CURLY_APOSTROPHE = /[\u2018\u2019]/g;

/** The string the n-grams are read from: truncated, optionally lower-cased and masked. */
export function normalizeText(text: string, config: HashedNgramPreprocessing): string {
  let t = text.length > config.maxChars ? text.slice(0, config.maxChars) : text;
  if (config.lowercase) t = t.toLowerCase();
  if (config.maskUrlsAndMentions) t = t.replace(URL_PATTERN, 'http').replace(MENTION_PATTERN, '@user');
  // "can’t" and "can't" are the same word; models write both.
  return t.replace(CURLY_APOSTROPHE, "'");
}

export function isWordCode(c: number): boolean {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x27;
  return c >= 0xc0 && !(c >= 0x2000 && c <= 0x2bff) && !(c >= 0xd800 && c <= 0xdfff);
}

export function isSpaceCode(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029;
}

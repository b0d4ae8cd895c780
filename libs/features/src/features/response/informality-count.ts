import { defineLexicon } from '../../lexicon/lexicon';
import type { NumericFeature } from '../feature';

export const INFORMAL = defineLexicon('informal', [
  'gonna', 'wanna', 'gotta', 'kinda', 'sorta', 'dunno', 'lemme', 'gimme', 'ya', "y'all", "ain't", 'yeah', 'yep', 'yup', 'nope', 'nah', 'hey', 'dude',
  'bro', 'buddy', 'folks', 'btw', 'omg', 'tbh', 'imo', 'imho', 'idk', 'fyi', 'thx', 'pls', 'plz', 'cool', 'awesome', 'super', 'stuff', 'totally',
  'okey', 'ok', 'okay', 'oops', 'whoa', 'wow', 'yay', 'ugh', 'meh',
]);

export const informalityCount: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'informality_count',
  description: 'Informal register in prose: slang and chat words ("gonna", "yeah", "btw", "awesome", "wow", ...) plus smiley emoticons :) :-) :(.',
  lexicons: [INFORMAL],
  example: { text: "Yeah, that's gonna be awesome :)", value: 4 },
  compute: ({ response }) => response.count(INFORMAL) + response.smileys,
};

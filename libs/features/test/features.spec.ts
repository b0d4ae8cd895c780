import { FEATURES, promptFeatures, responseFeatures, turnFeatureMaps, turnFeatures } from '../src';

const numeric = (text: string, name: string, prompt?: string) => responseFeatures(text, prompt).numeric[name];

describe('registered examples', () => {
  it.each(FEATURES.map((f) => [f.name, f] as const))('%s computes the value its example states', (_name, f) => {
    const vector = f.subject === 'prompt' ? promptFeatures(f.example.text) : responseFeatures(f.example.text, f.example.prompt);
    const value = f.kind === 'numeric' ? vector.numeric[f.name] : vector.categorical[f.name];
    expect(value).toEqual(f.example.value);
  });
});

// Each row: feature, a text that has it (with the count), a text that does not.
const CASES: ReadonlyArray<[string, string, number, string]> = [
  ['emoji_count', 'Nice 👍 and 🇯🇵 and 👩🏾‍💻 and ❤️', 4, 'No emoji here :) © ™ ☺ 1⃣'.replace('1⃣', '')],
  ['exclamation_count', 'Wow! Really!!', 2, 'if (a != b) show ![img](x.png)'],
  ['question_count', 'Does that help? Anything else??', 2, 'See https://x.com/?a=1 and `a ? b : c`'],
  ['url_count', 'Go to https://a.org, http://b.com/x?y=1 or www.c.net.', 3, 'Email me at http: or www. or wwwhat'],
  ['apology_count', 'Sorry! I apologize. My mistake.', 3, 'I am not sorrowful; no apologetics.'],
  ['ai_disclaimer_count', "As a language model I can't see. I'm just an AI.", 2, 'As an aid to memory, the AI field grew.'],
  ['hedge_count', 'Perhaps it is likely; I believe so.', 3, 'It is certain and it will work.'],
  ['flattery_count', 'Good point, and well done!', 2, 'The point is done well.'],
  ['sycophantic_opener', 'Great question! Here it is.', 1, 'Here it is, as you asked. Great question!'],
  ['informality_count', 'Hey dude, btw that is kinda cool :)', 6, 'Hello, by the way that is rather good.'],
  ['humour_count', 'Haha, just kidding 🤣 :P', 4, 'A serious answer with a smile :)'],
  ['header_count', '# A\n## B', 2, '#hashtag and C# code'],
  ['list_count', '- a\n* b\n3. c', 3, '-a\n*b*\n3.c'],
  ['bold_count', '**a** and __b__', 2, '*a* and _b_'],
  ['code_block_count', '```\nx\n```', 1, '`inline` only'],
  ['is_latin_script', 'Bonjour tout le monde', 1, 'Привет всем'],
  ['is_cjk_script', '안녕하세요 여러분', 1, 'Hello everyone'],
  ['is_english', 'This is the answer to your question.', 1, 'Esta es la respuesta a tu pregunta.'],
];

describe.each(CASES)('%s', (name, positive, count, negative) => {
  it(`counts ${count} in a text that has it`, () => expect(numeric(positive, name)).toBe(count));
  it('is 0 in a near miss', () => expect(numeric(negative, name)).toBe(0));
});

describe('phrase matching', () => {
  it('is case-insensitive, reads ’ as an apostrophe and matches whole words only', () => {
    expect(numeric('I’M SORRY. Sorry. sorryful unsorry', 'apology_count')).toBe(2);
  });
  it('does not match across sentences or line breaks', () => {
    expect(numeric('As an. AI model', 'ai_disclaimer_count')).toBe(0);
    expect(numeric('As an\nAI model', 'ai_disclaimer_count')).toBe(0);
    expect(numeric('As an AI, I think so.', 'ai_disclaimer_count')).toBe(1);
  });
  it('ignores code (fenced and inline) and URLs', () => {
    expect(numeric('```\n# sorry! why?\n```\n`sorry?` https://x.com/sorry?why=1', 'apology_count')).toBe(0);
    expect(numeric('```\n# sorry! why?\n```\n`sorry?` https://x.com/sorry?why=1', 'question_count')).toBe(0);
    expect(numeric('```\n# sorry! why?\n```\n`sorry?` https://x.com/sorry?why=1', 'exclamation_count')).toBe(0);
  });
  it('an opener must start within the first four words', () => {
    expect(numeric('Oh wow, great question.', 'sycophantic_opener')).toBe(1);
    expect(numeric('Well, that is a great question.', 'sycophantic_opener')).toBe(0);
    expect(numeric('Well, that is a great question.', 'flattery_count')).toBe(1);
  });
});

describe('script and language', () => {
  it.each([
    ['Привет, как дела? Это ответ.', 'cyrillic', 'other'],
    ['Η Αθήνα είναι η πρωτεύουσα.', 'greek', 'other'],
    ['你可以使用切片来反转列表。', 'han', 'zh'],
    ['リストを逆順にするにはスライスを使います。', 'kana', 'ja'],
    ['파이썬에서 리스트를 뒤집으려면', 'hangul', 'ko'],
    ['مرحبا كيف حالك', 'arabic', 'other'],
    ['Der Hund ist nicht mit dem Ball auf der Wiese.', 'latin', 'de'],
    ['Le chat est dans la maison avec les enfants.', 'latin', 'fr'],
    ['O gato está em casa com as crianças, não é?', 'latin', 'pt'],
    ['Il gatto è nella casa con il bambino, perché?', 'latin', 'it'],
    ['De kat is in het huis met een bal.', 'latin', 'nl'],
    ['ok', 'latin', 'unknown'],
    ['```\nprint(1)\n```', 'none', 'unknown'],
    ['', 'none', 'unknown'],
  ])('%s -> %s / %s', (text, script, language) => {
    expect(responseFeatures(text).categorical).toEqual({ script, language });
  });

  it('CJK with a few English words stays CJK; English with a Chinese name stays Latin', () => {
    expect(responseFeatures('在Python中反转列表有几种方法。你可以使用切片操作。').categorical.script).toBe('han');
    expect(responseFeatures('The word 你好 means hello in Chinese, and it is common.').categorical.script).toBe('latin');
  });

  it('language_mismatch compares the response with the prompt', () => {
    const es = '¿Cómo puedo invertir una lista en Python? Quiero que sea una lista nueva.';
    expect(numeric('You can use a slice, and it returns a new list.', 'language_mismatch', es)).toBe(1);
    expect(numeric('Puedes usar una rebanada, y es muy fácil para la lista.', 'language_mismatch', es)).toBe(0);
    expect(numeric('You can use a slice, and it returns a new list.', 'language_mismatch')).toBe(0);
    expect(numeric('Можно использовать срез.', 'language_mismatch', 'كيف أعكس القائمة')).toBe(1);
  });
});

describe('edge cases', () => {
  const allNumeric = (text: string) => Object.values(responseFeatures(text).numeric);

  it('empty text: every numeric feature is 0', () => {
    expect(allNumeric('').every((v) => v === 0)).toBe(true);
    expect(promptFeatures('')).toEqual({ numeric: { prompt_chars: 0, prompt_tokens: 0 }, categorical: { prompt_category: 'other' } });
  });

  it('only a code block: tokens and one block, no prose counts', () => {
    const f = responseFeatures('```python\n# Great question! Sorry :) 😂 https://x.com\nprint("hi!")\n```').numeric;
    expect(f.code_block_count).toBe(1);
    expect(f.tokens).toBeGreaterThan(10);
    const prose = ['emoji_count', 'exclamation_count', 'question_count', 'url_count', 'apology_count', 'flattery_count', 'humour_count', 'header_count'];
    expect(prose.map((name) => f[name])).toEqual(prose.map(() => 0));
  });

  it('emoji ZWJ sequences, skin tones, flags and keycaps count one each', () => {
    expect(numeric('👨‍👩‍👧‍👦', 'emoji_count')).toBe(1);
    expect(numeric('🏳️‍🌈', 'emoji_count')).toBe(1);
    expect(numeric('👍🏻👍🏿', 'emoji_count')).toBe(2);
    expect(numeric('🇺🇸🇫🇷🇩', 'emoji_count')).toBe(3);
    expect(numeric('1️⃣ #️⃣', 'emoji_count')).toBe(2);
  });

  it('CJK text: full-width punctuation counts, tokens are per character', () => {
    const f = responseFeatures('这是什么？太好了！').numeric;
    expect(f.question_count).toBe(1);
    expect(f.exclamation_count).toBe(1);
    expect(f.tokens).toBeGreaterThanOrEqual(4);
    expect(f.tokens).toBeLessThanOrEqual(9);
  });

  it('a 1 MB response: counts scale with the repetitions', () => {
    const unit = '## Step\n1. **Do** this! Is it ok? Sorry 😂 https://x.com\n\n';
    const big = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const one = responseFeatures(unit).numeric;
    const many = responseFeatures(big).numeric;
    const k = big.length / unit.length;
    for (const name of ['header_count', 'list_count', 'bold_count', 'exclamation_count', 'question_count', 'emoji_count', 'url_count', 'apology_count']) {
      expect([name, many[name]]).toEqual([name, one[name] * k]);
    }
    expect(Math.abs(many.tokens - one.tokens * k) / (one.tokens * k)).toBeLessThan(0.02);
  });

  it('pathological inputs stay linear: 200k backticks, stars, underscores, colons', () => {
    for (const ch of ['`', '*', '_', ':', '#', '-', 'h', '\u200d', '\ud83d']) {
      const f = responseFeatures(ch.repeat(200_000));
      expect(f.numeric.tokens).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('turnFeatures', () => {
  it('gives the same vectors as the separate calls', () => {
    const prompt = '¿Qué es una lista en Python?';
    const response = 'A list is an ordered collection.';
    expect(turnFeatures(prompt, response)).toEqual({ response: responseFeatures(response, prompt), prompt: promptFeatures(prompt) });
  });

  it('turnFeatureMaps merges them, response features first, keys in the same order as spreading', () => {
    for (const [prompt, response] of [['¿Qué es una lista en Python?', 'A list is an ordered collection.'], ['', ''], ['Write a haiku', '# Sea\n\n- waves **crash**\n```\ncode\n```']]) {
      const t = turnFeatures(prompt, response);
      const merged = turnFeatureMaps(prompt, response);
      expect(Object.entries(merged.numeric)).toEqual(Object.entries({ ...t.response.numeric, ...t.prompt.numeric }));
      expect(Object.entries(merged.categorical)).toEqual(Object.entries({ ...t.response.categorical, ...t.prompt.categorical }));
    }
  });
});

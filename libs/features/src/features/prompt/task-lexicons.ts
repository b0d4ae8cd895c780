import { defineLexicon } from '../../lexicon/lexicon';

// Evidence words for the coarse task category of a prompt (prompt-category.ts weighs them).

export const CODING_WORDS = defineLexicon('task_coding', [
  'code', 'coding', 'program', 'programming', 'programmer', 'function', 'functions', 'python', 'javascript', 'typescript', 'java', 'js', 'rust', 'golang',
  'kotlin', 'php', 'html', 'css', 'sql', 'json', 'yaml', 'xml', 'regex', 'api', 'bug', 'debug', 'compile', 'compiler', 'syntax', 'exception', 'stack trace',
  'algorithm', 'variable', 'array', 'loop', 'recursion', 'git', 'github', 'docker', 'kubernetes', 'linux', 'bash', 'terminal', 'npm', 'react', 'django',
  'numpy', 'dataframe', 'database', 'backend', 'frontend', 'repository', 'refactor', 'unit test',
]);

export const MATH_WORDS = defineLexicon('task_math', [
  'solve', 'equation', 'equations', 'integral', 'derivative', 'calculate', 'calculus', 'algebra', 'geometry', 'probability', 'theorem', 'prove', 'proof',
  'math', 'maths', 'mathematics', 'arithmetic', 'fraction', 'fractions', 'percent', 'percentage', 'factorial', 'logarithm', 'matrix', 'matrices',
  'polynomial', 'square root', 'divisible', 'multiply', 'divided by', 'plus', 'minus', 'sum of', 'remainder',
]);

/** Written forms: strong evidence of a writing task, weighed double. */
export const WRITING_FORMS = defineLexicon('task_writing_forms', [
  'poem', 'poems', 'story', 'stories', 'essay', 'haiku', 'limerick', 'sonnet', 'lyrics', 'song', 'novel', 'screenplay', 'blog post',
  'speech', 'slogan', 'tagline', 'tweet', 'caption', 'email', 'letter', 'article', 'paragraph', 'rap', 'joke about', 'bio',
]);

export const WRITING_VERBS = defineLexicon('task_writing_verbs', [
  'write', 'rewrite', 'compose', 'draft', 'paraphrase', 'summarize', 'summarise', 'proofread', 'translate', 'rephrase', 'edit this', 'improve this',
]);

export const ADVICE_WORDS = defineLexicon('task_advice', [
  'should i', 'advice', 'tips', 'recommend', 'suggest', 'suggestions', 'help me', 'best way', 'what should', 'how can i', 'how do i', 'how should',
  'is it safe', 'is it okay', 'is it ok', 'is it bad', 'pros and cons', 'worth it', 'what would you do', "i'm thinking", 'i am thinking',
  'my boyfriend', 'my girlfriend', 'my wife', 'my husband', 'my boss', 'my friend', 'my mom', 'my dad', 'my son', 'my daughter', 'my parents',
]);

/** Question words opening the prompt. */
export const FACTUAL_OPENERS = defineLexicon(
  'task_factual_openers',
  ['what', "what's", 'who', "who's", 'when', 'where', 'which', 'why', 'how many', 'how much', 'how does', 'how did', 'how long', 'how old', 'how far', 'is', 'are', 'was', 'were', 'does', 'did'],
  { startsWithin: 1 },
);

export const FACTUAL_WORDS = defineLexicon('task_factual', [
  'explain', 'define', 'definition', 'meaning of', 'tell me about', 'describe', 'history of', 'capital of', 'difference between', 'population of', 'invented',
]);

export const CHIT_CHAT_WORDS = defineLexicon('task_chit_chat', [
  'hi', 'hello', 'hey', 'how are you', 'good morning', 'good evening', 'good night', "what's up", 'thanks', 'thank you', 'who are you', 'your name',
  'nice to meet you', "i'm bored", 'i am bored', 'tell me a joke', 'lol', 'bye', 'goodbye', "how's it going", 'are you real', 'do you like',
]);

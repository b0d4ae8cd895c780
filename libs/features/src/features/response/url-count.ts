import type { NumericFeature } from '../feature';

export const urlCount: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'url_count',
  description: 'URLs in prose: http://, https:// or www. followed by a letter or digit, up to white space or a closing bracket or quote.',
  example: { text: 'See https://docs.python.org/3/ and [the guide](www.example.com/guide).', value: 2 },
  compute: ({ response }) => response.urls,
};

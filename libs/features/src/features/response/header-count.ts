import type { NumericFeature } from '../feature';

export const headerCount: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'header_count',
  description: 'Markdown headers as the arena counts them: lines starting with 1-6 "#" then white space (^#{1,6}\\s), fenced code removed first.',
  example: { text: '# Setup\nInstall it.\n## Usage\nRun it.\n####### not a header', value: 2 },
  compute: ({ response }) => response.markdown.headers,
};

import path from 'node:path';
import { loadLabelledJsonl } from './jsonl';
import { REPO_ROOT, type LoadedData } from './training-row';

/** The hand-labelled hh-rlhf follow-up turns of libs/signals (docs/signals.md, "Evaluation set"). */
export const FOLLOW_UP_DATA_DIR = path.join(REPO_ROOT, 'libs', 'signals', 'data');
/** The dev split (309 rows): the only split the follow-up model is trained or tuned on. */
export const FOLLOW_UP_DEV = path.join(FOLLOW_UP_DATA_DIR, 'followup-dev.jsonl');
/** The test split (291 rows): held out for the figures in docs/classifiers.md; never read by the trainer. */
export const FOLLOW_UP_TEST = path.join(FOLLOW_UP_DATA_DIR, 'followup-test.jsonl');

/** Follow-up turns labelled complaint / gratitude / clarification / none (retry has no example in hh-rlhf). */
export function loadFollowUps(file = FOLLOW_UP_DEV): LoadedData {
  if (path.resolve(file) === FOLLOW_UP_TEST) throw new Error(`${path.relative(REPO_ROOT, FOLLOW_UP_TEST)} is the held-out test split; train on followup-dev.jsonl`);
  const data = loadLabelledJsonl(file);
  const name = path.basename(file, '.jsonl');
  return {
    rows: data.rows.map((r) => ({ ...r, id: `${name}:${r.id}` })),
    sources: data.sources.map((s) => ({ ...s, note: 'hand-labelled 2nd+ Human turns of the hh-rlhf test transcripts; labelling guide in docs/signals.md' })),
  };
}

import fs from 'node:fs';
import path from 'node:path';
import { loadManifest, parseCsvObjects } from '@prefstream/models';
import { classificationReport, rocAuc, type ClassificationReport } from './metrics';
import { datasetsDir, SHIPPED_MODELS_DIR } from './paths';
import { predict } from './predict';
import { lexiconClassify } from './toxicity-lexicon';

const LABELS = ['hate', 'offensive', 'neither'];

export interface ToxicityScores extends ClassificationReport {
  /** Toxic (hate or offensive) vs neither, ranked by the toxic score. */
  toxicAuc: number;
}

/** The Davidson rows the shipped toxicity model never saw (ids listed in models/toxicity/heldout.json). */
export function readHeldOutTweets(manifestPath = path.join(SHIPPED_MODELS_DIR, 'toxicity', 'manifest.json')) {
  const heldOut = JSON.parse(fs.readFileSync(path.join(path.dirname(manifestPath), 'heldout.json'), 'utf8')) as { description: string; ids: string[] };
  const ids = new Set(heldOut.ids);
  const rows = parseCsvObjects(fs.readFileSync(path.join(datasetsDir(), 'davidson', 'labeled_data.csv'), 'utf8'))
    .filter((r) => ids.has(`davidson:${r['']}`))
    .map((r) => ({ text: r['tweet']!, gold: LABELS[Number(r['class'])]! }));
  if (rows.length !== ids.size) throw new Error(`heldout.json lists ${ids.size} rows, ${rows.length} found in labeled_data.csv`);
  return { description: heldOut.description, rows };
}

function scores(gold: string[], predicted: string[], toxicScore: number[]): ToxicityScores {
  return { ...classificationReport(LABELS, gold, predicted), toxicAuc: rocAuc(toxicScore, gold.map((g) => g !== 'neither')) };
}

/** The shipped model on its held-out fold, with the lexicon baseline on the same rows. */
export async function evaluateToxicity() {
  const manifestPath = path.join(SHIPPED_MODELS_DIR, 'toxicity', 'manifest.json');
  const { manifest } = await loadManifest(manifestPath);
  const { description, rows } = readHeldOutTweets(manifestPath);
  const gold = rows.map((r) => r.gold);
  const results = await predict(manifestPath, rows.map((r) => r.text));
  const lexicon = rows.map((r) => lexiconClassify(r.text));
  return {
    protocol: `shipped model (trained on ${manifest.training?.rows} tweets) on the ${rows.length} held-out tweets: ${description}`,
    model: scores(gold, results.map((r) => r.label), results.map((r) => r.scores['toxic']!)),
    lexiconBaseline: scores(gold, lexicon.map((l) => l.label), lexicon.map((l) => l.hits)),
  };
}

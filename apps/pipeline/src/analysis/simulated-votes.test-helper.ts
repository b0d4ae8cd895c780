import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, openStore, type RowOf, type Store } from '@prefstream/clickhouse';
import { createPrng } from '@prefstream/stats';

/** Test support: votes rows as the processor writes them, from a known model of preference. */
export interface SimulatedVotes {
  seed: number;
  n: number;
  /** Log-strength (base 10) by model. */
  strengths: Record<string, number>;
  /** Share of votes with feature differences (the rest have none, like votes without inline text). */
  withDiffs?: number;
  /** True effect per feature on the log-odds, per unit of the normalised difference. */
  effects?: Record<string, number>;
  anonymousShare?: number;
  /** Share of ties and both_bad (half each), independent of the responses. Default 0.15. */
  tieShare?: number;
  tenant?: string;
  users?: number;
  startMs?: number;
  stepMs?: number;
  idPrefix?: string;
}

export function simulatedVoteRows(o: SimulatedVotes): RowOf<'votes'>[] {
  const rng = createPrng(o.seed);
  const models = Object.keys(o.strengths);
  const effects = o.effects ?? {};
  const rows: RowOf<'votes'>[] = [];
  for (let k = 0; k < o.n; k++) {
    const a = models[Math.floor(rng.next() * models.length)];
    let b = models[Math.floor(rng.next() * models.length)];
    if (b === a) b = models[(models.indexOf(a) + 1) % models.length];
    const diffs: Record<string, number> = {};
    let eta = Math.log(10) * (o.strengths[a] - o.strengths[b]);
    if (rng.next() < (o.withDiffs ?? 0)) {
      for (const [feature, effect] of Object.entries(effects)) {
        diffs[feature] = Math.round((rng.next() * 1.6 - 0.8) * 1000) / 1000;
        eta += effect * diffs[feature];
      }
    }
    const u = rng.next();
    const p = 1 / (1 + Math.exp(-eta));
    const ties = o.tieShare ?? 0.15;
    const winner = u < ties / 2 ? 'tie' : u < ties ? 'both_bad' : rng.next() < p ? 'a' : 'b';
    rows.push({
      tenant: o.tenant ?? 'acme',
      vote_id: `${o.idPrefix ?? 'v'}-${o.seed}-${k}`,
      conversation_id: `c-${o.seed}-${k}`,
      user_hash: o.users ? `u${Math.floor(rng.next() * o.users)}` : '',
      segment: '',
      model_a: a,
      model_b: b,
      winner,
      anonymous: rng.next() < (o.anonymousShare ?? 0.5) ? 1 : 0,
      feature_diffs: diffs,
      ts: (o.startMs ?? Date.UTC(2025, 0, 1)) + k * (o.stepMs ?? 1000),
    });
  }
  return rows;
}

/** A migrated embedded store in a fresh temporary directory. */
export async function temporaryStore(prefix: string): Promise<{ store: Store; dir: string; dispose: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const store = await openStore({ kind: 'embedded', dataDir: path.join(dir, 'store') });
  await migrate(store);
  return { store, dir, dispose: async () => { await store.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

import fc from 'fast-check';
import { PairwiseCounts } from './pairwise-counts';
import type { PairwiseVote, VoteWinner } from './vote';

const vote = fc.record({
  modelA: fc.constantFrom('m1', 'm2', 'm3', 'm4'),
  modelB: fc.constantFrom('m1', 'm2', 'm3', 'm4'),
  winner: fc.constantFrom<VoteWinner>('a', 'b', 'tie', 'both_bad'),
});

/** Per ordered model pair: [wins of the first, wins of the second, ties], counted directly from votes. */
function tally(votes: PairwiseVote[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const v of votes) {
    if (v.modelA === v.modelB) continue;
    const [x, y] = [v.modelA, v.modelB].sort();
    const key = `${x}|${y}`;
    const t = out.get(key) ?? [0, 0, 0];
    if (v.winner === 'tie' || v.winner === 'both_bad') t[2]++;
    else t[(v.winner === 'a' ? v.modelA : v.modelB) === x ? 0 : 1]++;
    out.set(key, t);
  }
  return out;
}

function countsTally(c: PairwiseCounts): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of c.rows()) {
    const [x, y] = [c.models[r.i], c.models[r.j]];
    out.set(x < y ? `${x}|${y}` : `${y}|${x}`, x < y ? [r.winsI, r.winsJ, r.ties] : [r.winsJ, r.winsI, r.ties]);
  }
  return out;
}

describe('PairwiseCounts', () => {
  it('holds exactly the win/win/tie tally of the votes, whatever the order, and round-trips through JSON', () => {
    fc.assert(
      fc.property(fc.array(vote, { maxLength: 100 }), (votes) => {
        const c = new PairwiseCounts();
        votes.forEach((v) => c.add(v));
        expect(countsTally(c)).toEqual(tally(votes));
        const selfVotes = votes.filter((v) => v.modelA === v.modelB).length;
        expect([c.totalVotes, c.selfVotes]).toEqual([votes.length - selfVotes, selfVotes]);
        const back = PairwiseCounts.fromJSON(JSON.parse(JSON.stringify(c.toJSON())));
        expect(back.toJSON()).toEqual(c.toJSON());
        const perModel = c.votesPerModel();
        c.models.forEach((m, x) => expect(perModel[x]).toBe(votes.filter((v) => v.modelA !== v.modelB && (v.modelA === m || v.modelB === m)).length));
      }),
    );
  });

  it('skips self-votes (no information), rejects unknown winners and bad JSON', () => {
    const c = new PairwiseCounts();
    expect(c.add({ modelA: 'x', modelB: 'x', winner: 'a' })).toBe(false);
    expect([c.totalVotes, c.selfVotes, c.models.length]).toEqual([0, 1, 0]);
    expect(() => c.add({ modelA: 'x', modelB: 'y', winner: 'left' as VoteWinner })).toThrow(RangeError);
    expect(() => PairwiseCounts.fromJSON({ models: ['x', 'y'], rows: [[1, 0, 1, 0, 0]] })).toThrow(RangeError);
  });
});

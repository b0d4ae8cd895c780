import { createPrng } from '../random/prng';
import { OnlineElo } from './online-elo';

describe('OnlineElo', () => {
  it('moves equal ratings by k/2 on a win and not at all on a tie', () => {
    const elo = new OnlineElo({ k: 32 });
    elo.update({ modelA: 'x', modelB: 'y', winner: 'tie' });
    expect([elo.ratingOf('x'), elo.ratingOf('y')]).toEqual([1000, 1000]);
    elo.update({ modelA: 'x', modelB: 'y', winner: 'a' });
    expect([elo.ratingOf('x'), elo.ratingOf('y')]).toEqual([1016, 984]);
    // Next: E_x = 1 / (1 + 10^(-32/400)); y wins.
    elo.update({ modelA: 'y', modelB: 'x', winner: 'a' });
    const expectedX = 1 / (1 + Math.pow(10, -32 / 400));
    expect(elo.ratingOf('x')).toBeCloseTo(1016 - 32 * expectedX, 12);
    expect(elo.update({ modelA: 'x', modelB: 'x', winner: 'a' })).toBe(false);
  });

  it('conserves the rating sum and round-trips through JSON', () => {
    const elo = new OnlineElo();
    const rng = createPrng(2);
    const models = ['a1', 'a2', 'a3', 'a4'];
    for (let v = 0; v < 500; v++) {
      const x = models[Math.floor(rng.next() * 4)];
      const y = models[(models.indexOf(x) + 1 + Math.floor(rng.next() * 3)) % 4];
      elo.update({ modelA: x, modelB: y, winner: rng.next() < 0.45 ? 'a' : rng.next() < 0.8 ? 'b' : 'both_bad' });
    }
    expect(Object.values(elo.ratings()).reduce((a, b) => a + b, 0)).toBeCloseTo(4000, 8);
    const back = OnlineElo.fromJSON(JSON.parse(JSON.stringify(elo.toJSON())));
    expect(back.ratings()).toEqual(elo.ratings());
    expect(back.votesOf('a1')).toBe(elo.votesOf('a1'));
  });

  it('hovers around the Bradley-Terry difference 400 log10(p / (1 - p)) for a fixed win probability', () => {
    const elo = new OnlineElo({ k: 4 });
    const rng = createPrng(8);
    const p = 0.75;
    let sum = 0;
    const n = 40_000;
    for (let v = 0; v < n; v++) {
      elo.update({ modelA: 'x', modelB: 'y', winner: rng.next() < p ? 'a' : 'b' });
      if (v >= n / 2) sum += elo.ratingOf('x') - elo.ratingOf('y');
    }
    // Stationary mean of the difference is near the true one (a small bias of order k remains).
    expect(Math.abs(sum / (n / 2) - 400 * Math.log10(p / (1 - p)))).toBeLessThan(10);
  });
});

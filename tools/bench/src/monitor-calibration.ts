/**
 * How often the drift detector alarms in control, and how soon it finds a real change, by threshold:
 * the figures behind `monitors.cusumThreshold` and `monitors.baselineMinutes` (docs/monitors.md).
 * Simulated minutes of the implicit reward: 45 responses a minute, per-response sd 0.5, and a minute-
 * to-minute shift of the true mean (overdispersion) with sd 0.05, as real traffic has. Seeded; prints JSON.
 *
 *   npx tsx tools/bench/src/monitor-calibration.ts
 */
import { StandardisedCusum } from '@prefstream/monitors';
import { createPrng } from '@prefstream/stats';

const RESPONSES = 45;
const SD = 0.5;
const TAU = 0.05;
const WEEK = 7 * 24 * 60;

function gaussian(seed: number): () => number {
  const rng = createPrng(seed);
  return () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** One simulated subject: minutes of N(mean + tau z, sd^2 / n) means, the shift `drop` from minute `at` on. */
function simulate(seed: number, h: number, baselineMinutes: number, minutes: number, drop = 0, at = Infinity) {
  const normal = gaussian(seed);
  const cusum = new StandardisedCusum({ baselineMinutes, h });
  let falseAlarms = 0;
  let delay: number | null = null;
  for (let i = 0; i < minutes; i++) {
    const mean = 0.3 - (i >= at ? drop : 0) + TAU * normal() + (SD / Math.sqrt(RESPONSES)) * normal();
    const o = cusum.observe({ count: RESPONSES, sum: RESPONSES * mean, sumsq: (RESPONSES - 1) * SD * SD + RESPONSES * mean * mean }, i * 60_000);
    if (!o.alarm) continue;
    if (i < at) falseAlarms++;
    else if (delay === null) delay = i - at;
  }
  return { falseAlarms, delay };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? null;

const rows = [];
for (const baselineMinutes of [60, 180]) {
  for (const h of [8, 12, 16]) {
    const inControl = Array.from({ length: 200 }, (_, i) => simulate(7000 + i, h, baselineMinutes, baselineMinutes + WEEK));
    const found = (drop: number) => Array.from({ length: 200 }, (_, i) => simulate(9000 + i, h, baselineMinutes, baselineMinutes + 60 + 600, drop, baselineMinutes + 60).delay).filter((d): d is number => d !== null);
    const row: Record<string, number | null> = { baselineMinutes, h, falseAlarmsPerWeek: inControl.reduce((s, r) => s + r.falseAlarms, 0) / inControl.length };
    for (const drop of [0.05, 0.1, 0.19]) {
      const delays = found(drop);
      row[`drop${drop}_medianMinutes`] = median(delays);
      row[`drop${drop}_foundWithin10h`] = delays.length / 200;
    }
    rows.push(row);
  }
}
console.log(JSON.stringify(rows, null, 1));

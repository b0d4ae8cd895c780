import { CapacityGate, TextClassifier } from '../src';
import { describeWithDatasets, realTexts } from './helpers/datasets';

describe('CapacityGate', () => {
  it('grants in FIFO order and never exceeds its capacity', async () => {
    const gate = new CapacityGate(10);
    const order: string[] = [];
    await gate.acquire(6);
    const big = gate.acquire(8).then(() => order.push('big'));
    const small = gate.acquire(1).then(() => order.push('small')); // would fit now, but must not jump the queue
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(gate.waiting).toBe(2);
    gate.release(6);
    await Promise.all([big, small]);
    expect(order).toEqual(['big', 'small']);
    expect(gate.inUse).toBe(9);
  });

  it('rejects requests larger than the gate and fails waiters on demand', async () => {
    const gate = new CapacityGate(2);
    await expect(gate.acquire(3)).rejects.toThrow('cannot acquire 3');
    await gate.acquire(2);
    const waiting = gate.acquire(1);
    gate.failWaiters(new Error('closed'));
    await expect(waiting).rejects.toThrow('closed');
  });
});

describeWithDatasets('TextClassifier queue bound', () => {
  it('keeps accepted-but-unanswered texts within maxQueue; callers beyond it wait and are then answered', async () => {
    const classifier = await TextClassifier.open('harmful-request', { maxBatch: 4, maxQueue: 8, lingerMs: 1 });
    const texts = realTexts('harmful-request', 40);
    let maxOutstanding = 0;
    let sawWaiting = false;
    const observe = () => {
      const s = classifier.stats();
      maxOutstanding = Math.max(maxOutstanding, s.queued + s.inFlight);
      sawWaiting ||= s.waitingCallers > 0;
    };
    try {
      // Ten callers of four texts each arrive at once: 40 texts against a bound of 8.
      const calls = Array.from({ length: 10 }, (_, i) => classifier.classify(texts.slice(i * 4, i * 4 + 4)).then((r) => (observe(), r)));
      await Promise.resolve();
      observe();
      const results = await Promise.all(calls);
      expect(sawWaiting).toBe(true);
      expect(maxOutstanding).toBeLessThanOrEqual(8);
      expect(results.flat()).toHaveLength(40);
      // Same answers as one unbounded call: waiting changed when, not what.
      const together = await classifier.classify(texts);
      expect(results.flat().map((r) => r.label)).toEqual(together.map((r) => r.label));
      expect(classifier.stats()).toMatchObject({ queued: 0, inFlight: 0, waitingCallers: 0 });
    } finally {
      await classifier.close();
    }
  });

  it('admits a call larger than the whole queue in chunks and answers it in order', async () => {
    const classifier = await TextClassifier.open('harmful-request', { maxBatch: 8, maxQueue: 16 });
    const texts = realTexts('harmful-request', 100);
    try {
      const big = await classifier.classify(texts);
      const oneByOne = await Promise.all(texts.map((t) => classifier.classify([t])));
      expect(big.map((r) => r.label)).toEqual(oneByOne.map(([r]) => r!.label));
      // Batch width (padding) may change float summation order, not the value beyond rounding.
      big.forEach((r, i) => expect(r.scores['unsafe']).toBeCloseTo(oneByOne[i]![0]!.scores['unsafe']!, 6));
    } finally {
      await classifier.close();
    }
  });

  it('rejects work after close with a non-retriable error', async () => {
    const classifier = await TextClassifier.open('harmful-request');
    await classifier.close();
    await expect(classifier.classify(['hello'])).rejects.toMatchObject({ code: 'MODEL_CLOSED', retriable: false });
  });
});

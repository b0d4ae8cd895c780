import { TextClassifier } from '../src';
import { describeWithDatasets, realTexts } from './helpers/datasets';

describeWithDatasets('inference runs off the event loop', () => {
  it('timers keep firing between batch results while a big batch is classified', async () => {
    const classifier = await TextClassifier.open('refusal', { maxBatch: 128 });
    const texts = realTexts('refusal', 450);
    const events: string[] = [];
    const interval = setInterval(() => events.push('tick'), 1);
    try {
      // 16 calls x 450 responses = 7,200 texts, 64 batches: seconds of CPU work in total.
      const calls = Array.from({ length: 16 }, () => classifier.classify(texts).then(() => events.push('result')));
      await Promise.all(calls);
    } finally {
      clearInterval(interval);
      await classifier.close();
    }
    const firstResult = events.indexOf('result');
    const lastResult = events.lastIndexOf('result');
    // The loop turned before the first call was answered and between answers: nothing blocked it.
    expect(events.slice(0, firstResult)).toContain('tick');
    expect(events.slice(firstResult, lastResult)).toContain('tick');
  });
});

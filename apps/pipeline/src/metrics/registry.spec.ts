import { MetricsRegistry } from './registry';

describe('MetricsRegistry', () => {
  it('renders counters, gauges and histograms in the Prometheus text format', () => {
    const registry = new MetricsRegistry();
    const c = registry.counter('x_total', 'things');
    const g = registry.gauge('lag', 'lag');
    const h = registry.histogram('latency_seconds', 'latency', [0.1, 1]);
    c.inc({ topic: 't' });
    c.inc({ topic: 't' }, 2);
    g.set({ partition: 0 }, 5);
    h.observe({}, 0.05);
    h.observe({}, 0.5);
    h.observe({}, 3);
    const text = registry.render();
    expect(text).toContain('# TYPE x_total counter\nx_total{topic="t"} 3');
    expect(text).toContain('lag{partition="0"} 5');
    expect(text).toContain('latency_seconds_bucket{le="0.1"} 1\nlatency_seconds_bucket{le="1"} 2\nlatency_seconds_bucket{le="+Inf"} 3\nlatency_seconds_sum 3.55\nlatency_seconds_count 3');
  });

  it('treats a label value as a string: a gauge set for partition 0 is deleted by partition "0"', () => {
    // The runner deletes a revoked partition's gauges with the partition parsed back from a string key.
    const registry = new MetricsRegistry();
    const g = registry.gauge('lag', 'lag');
    g.set({ topic: 't', partition: 0 }, 5);
    g.set({ topic: 't', partition: 1 }, 7);
    g.delete({ topic: 't', partition: '0' });
    expect(registry.render()).not.toContain('partition="0"');
    expect(registry.render()).toContain('lag{topic="t",partition="1"} 7');
  });

  it('escapes label values', () => {
    const registry = new MetricsRegistry();
    registry.counter('c', 'h').inc({ reason: 'a"b\\c\nd' });
    expect(registry.render()).toContain('c{reason="a\\"b\\\\c\\nd"} 1');
  });

  it('reads scrape-time gauges afresh on every render', () => {
    const registry = new MetricsRegistry();
    const gauge = registry.gauge('reads', 'h');
    let reads = 0;
    registry.onRender(() => gauge.set({}, ++reads));
    expect(registry.render()).toContain('reads 1');
    expect(registry.render()).toContain('reads 2');
  });
});

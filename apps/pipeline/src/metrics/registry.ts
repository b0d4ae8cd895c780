/**
 * A small Prometheus registry (text exposition format 0.0.4): counters, gauges and histograms with
 * labels. Enough for `/metrics`; no client library needed.
 */
type Labels = Record<string, string | number>;
// Values as strings: Prometheus labels are strings, so partition 0 and "0" are one series (set and delete must agree).
const key = (labels: Labels) => JSON.stringify(Object.entries(labels).map(([k, v]) => [k, String(v)]).sort(([a], [b]) => a.localeCompare(b)));
const render = (labels: Labels) => {
  const entries = Object.entries(labels);
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}` : '';
};

abstract class Metric {
  constructor(readonly name: string, readonly help: string, readonly type: 'counter' | 'gauge' | 'histogram') {}
  abstract lines(): string[];
}

export class Counter extends Metric {
  private values = new Map<string, { labels: Labels; value: number }>();
  constructor(name: string, help: string) {
    super(name, help, 'counter');
  }
  inc(labels: Labels = {}, by = 1): void {
    const k = key(labels);
    const entry = this.values.get(k) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(k, entry);
  }
  get(labels: Labels = {}): number {
    return this.values.get(key(labels))?.value ?? 0;
  }
  lines(): string[] {
    return [...this.values.values()].map((v) => `${this.name}${render(v.labels)} ${v.value}`);
  }
}

export class Gauge extends Metric {
  private values = new Map<string, { labels: Labels; value: number }>();
  constructor(name: string, help: string) {
    super(name, help, 'gauge');
  }
  set(labels: Labels, value: number): void {
    this.values.set(key(labels), { labels, value });
  }
  delete(labels: Labels): void {
    this.values.delete(key(labels));
  }
  get(labels: Labels = {}): number | undefined {
    return this.values.get(key(labels))?.value;
  }
  lines(): string[] {
    return [...this.values.values()].map((v) => `${this.name}${render(v.labels)} ${v.value}`);
  }
}

export class Histogram extends Metric {
  private series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(name: string, help: string, private readonly buckets: number[]) {
    super(name, help, 'histogram');
  }
  observe(labels: Labels, value: number): void {
    const k = key(labels);
    const s = this.series.get(k) ?? { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]) s.counts[i]++;
    s.sum += value;
    s.count++;
    this.series.set(k, s);
  }
  lines(): string[] {
    const out: string[] = [];
    for (const s of this.series.values()) {
      this.buckets.forEach((b, i) => out.push(`${this.name}_bucket${render({ ...s.labels, le: b })} ${s.counts[i]}`));
      out.push(`${this.name}_bucket${render({ ...s.labels, le: '+Inf' })} ${s.count}`, `${this.name}_sum${render(s.labels)} ${s.sum}`, `${this.name}_count${render(s.labels)} ${s.count}`);
    }
    return out;
  }
}

export class MetricsRegistry {
  private readonly metrics: Metric[] = [];
  private readonly collectors: (() => void)[] = [];
  counter(name: string, help: string): Counter {
    return this.add(new Counter(name, help));
  }
  gauge(name: string, help: string): Gauge {
    return this.add(new Gauge(name, help));
  }
  histogram(name: string, help: string, buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]): Histogram {
    return this.add(new Histogram(name, help, buckets));
  }
  /** Runs `collect` before every render: for gauges read at scrape time (memory, ...). */
  onRender(collect: () => void): void {
    this.collectors.push(collect);
  }
  render(): string {
    for (const collect of this.collectors) collect();
    return this.metrics.flatMap((m) => [`# HELP ${m.name} ${m.help}`, `# TYPE ${m.name} ${m.type}`, ...m.lines()]).join('\n') + '\n';
  }
  private add<M extends Metric>(metric: M): M {
    this.metrics.push(metric);
    return metric;
  }
}

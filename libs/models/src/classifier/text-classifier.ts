import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PrefstreamError } from '@prefstream/errors';
import { loadManifest } from '../manifest/load-manifest';
import type { ModelManifest } from '../manifest/manifest-schema';
import type { FromWorker, ToWorker } from '../worker/worker-protocol';
import { CapacityGate } from './capacity-gate';
import { toClassification, type Classification } from './classification';
import { resolveManifestPath } from './model-location';

export interface ClassifierOptions {
  /** Most texts per ONNX run. Default 256. */
  maxBatch?: number;
  /** How long a partial batch waits for more texts before it is sent anyway. Default 2 ms. */
  lingerMs?: number;
  /** Most texts accepted and not yet answered; classify() waits for room beyond that. Default 4096. */
  maxQueue?: number;
  /** Batches handed to the worker at once: 2 lets it start the next while one is answered. */
  maxBatchesInFlight?: number;
  /** onnxruntime intra-op threads. Default 1: the worker thread plus the caller fill two cores. */
  intraOpThreads?: number;
  /** onnxruntime inter-op threads. Default 1 (the graph is a chain; nothing runs in parallel). */
  interOpThreads?: number;
  /** Folder of named models; default <repo>/models or $PREFSTREAM_MODELS_DIR. */
  modelsDir?: string;
}

export interface ClassifierStats {
  /** Texts accepted and waiting to be batched. */
  queued: number;
  /** Texts in batches the worker has not answered yet. */
  inFlight: number;
  /** classify() chunks waiting for room in the queue (back-pressure). */
  waitingCallers: number;
  batchesSent: number;
  textsClassified: number;
}

interface Request {
  results: Classification[];
  remaining: number;
  settled: boolean;
  resolve: (results: Classification[]) => void;
  reject: (error: Error) => void;
}

interface QueuedText {
  text: string;
  request: Request;
  index: number;
}

function settleWithError(request: Request, error: Error): void {
  if (request.settled) return;
  request.settled = true;
  request.reject(error);
}

const BOOTSTRAP = path.join(__dirname, '..', 'worker', 'bootstrap.js');

/**
 * A text classifier running one ONNX model in a worker thread. classify(texts) queues the texts;
 * they go to the worker in batches of up to maxBatch, or after lingerMs when fewer are waiting.
 *
 * Back-pressure: at most maxQueue texts are accepted and unanswered. A caller beyond that is not
 * refused; its promise simply waits (FIFO) until earlier batches are answered, so a producer that
 * awaits classify() is slowed to the model's pace and memory stays bounded. Large calls are
 * admitted in maxBatch-sized chunks, so one call of any size never needs more than the bound.
 */
export class TextClassifier {
  private readonly queue: QueuedText[] = [];
  private readonly inFlight = new Map<number, QueuedText[]>();
  private readonly gate: CapacityGate;
  private lingerTimer: NodeJS.Timeout | undefined;
  private lingerExpired = false;
  private nextBatchId = 1;
  private batchesSent = 0;
  private textsClassified = 0;
  private state: 'open' | 'closing' | 'closed' | 'failed' = 'open';
  private failure: Error | undefined;
  private drained: (() => void) | undefined;
  private readonly maxBatch: number;
  private readonly lingerMs: number;
  private readonly maxBatchesInFlight: number;

  private constructor(
    readonly manifest: ModelManifest,
    readonly manifestPath: string,
    private readonly worker: Worker,
    options: ClassifierOptions,
  ) {
    this.maxBatch = options.maxBatch ?? 256;
    this.lingerMs = options.lingerMs ?? 2;
    this.maxBatchesInFlight = options.maxBatchesInFlight ?? 2;
    this.gate = new CapacityGate(Math.max(options.maxQueue ?? 4096, this.maxBatch));
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    worker.on('error', (error) => this.fail(new PrefstreamError(`classifier worker for ${manifest.name} crashed: ${error.message}`, { code: 'MODEL_WORKER_FAILED', retriable: true, cause: error })));
    worker.on('exit', (code) => {
      if (this.state !== 'closed') this.fail(new PrefstreamError(`classifier worker for ${manifest.name} exited (code ${code})`, { code: 'MODEL_WORKER_FAILED', retriable: true }));
    });
    worker.unref(); // an idle classifier does not keep the process alive; ref'd while work is pending
  }

  /** Opens a model by name (under modelsDir) or by manifest path, and waits until its worker is ready. */
  static async open(model: string, options: ClassifierOptions = {}): Promise<TextClassifier> {
    const { manifest, manifestPath, modelPath } = await loadManifest(resolveManifestPath(model, options.modelsDir));
    const worker = new Worker(BOOTSTRAP);
    const init: ToWorker = { type: 'init', manifest, modelPath, threads: { intraOpThreads: options.intraOpThreads ?? 1, interOpThreads: options.interOpThreads ?? 1 } };
    const ready = new Promise<void>((resolve, reject) => {
      const onExit = (code: number) => reject(new PrefstreamError(`classifier worker for ${manifestPath} exited during start (code ${code})`, { code: 'MODEL_LOAD_FAILED', retriable: false }));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.once('message', (message: FromWorker) => {
        worker.off('error', reject);
        worker.off('exit', onExit);
        if (message.type === 'ready') return resolve();
        const detail = message.type === 'init-error' ? message.message : `unexpected ${message.type}`;
        const mismatch = message.type === 'init-error' && message.mismatch;
        reject(new PrefstreamError(`model manifest ${manifestPath}: ${mismatch ? 'does not fit its ONNX file: ' : 'cannot be loaded: '}${detail}`, { code: mismatch ? 'MODEL_MANIFEST_MISMATCH' : 'MODEL_LOAD_FAILED', retriable: false }));
      });
    });
    worker.postMessage(init);
    try {
      await ready;
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return new TextClassifier(manifest, manifestPath, worker, options);
  }

  /** Classifies texts; resolves with one Classification per text, in order. Waits when the queue is full. */
  async classify(texts: readonly string[]): Promise<Classification[]> {
    const pending: Promise<Classification[]>[] = [];
    try {
      for (let start = 0; start < texts.length; start += this.maxBatch) {
        const chunk = texts.slice(start, start + this.maxBatch);
        this.assertUsable();
        await this.gate.acquire(chunk.length);
        this.assertUsable();
        pending.push(this.enqueue(chunk));
      }
    } catch (error) {
      for (const p of pending) p.catch(() => undefined); // this call already failed; no unhandled rejections
      throw error;
    }
    return (await Promise.all(pending)).flat();
  }

  stats(): ClassifierStats {
    let inFlight = 0;
    for (const batch of this.inFlight.values()) inFlight += batch.length;
    return { queued: this.queue.length, inFlight, waitingCallers: this.gate.waiting, batchesSent: this.batchesSent, textsClassified: this.textsClassified };
  }

  /** Answers everything already accepted, then stops the worker. Later classify() calls fail. */
  async close(): Promise<void> {
    if (this.state === 'closed') return;
    if (this.state === 'open') {
      this.state = 'closing';
      this.gate.failWaiters(this.closedError());
      if (this.queue.length > 0 || this.inFlight.size > 0) {
        await new Promise<void>((resolve) => {
          this.drained = resolve;
          this.lingerExpired = true;
          this.pump();
        });
      }
    }
    this.state = 'closed';
    clearTimeout(this.lingerTimer);
    await this.worker.terminate();
  }

  private closedError(): PrefstreamError {
    return new PrefstreamError(`classifier ${this.manifest.name} is closed`, { code: 'MODEL_CLOSED', retriable: false });
  }

  private assertUsable(): void {
    if (this.state === 'failed') throw this.failure!;
    if (this.state !== 'open') throw this.closedError();
  }

  private enqueue(texts: string[]): Promise<Classification[]> {
    return new Promise((resolve, reject) => {
      const request: Request = { results: new Array(texts.length), remaining: texts.length, settled: false, resolve, reject };
      if (texts.length === 0) return resolve([]);
      texts.forEach((text, index) => this.queue.push({ text, request, index }));
      this.worker.ref();
      this.pump();
    });
  }

  /** Sends full batches while the worker has room; a partial batch only once its linger expired. */
  private pump(): void {
    while (this.inFlight.size < this.maxBatchesInFlight && this.queue.length > 0) {
      if (this.queue.length < this.maxBatch && !this.lingerExpired) break;
      this.send(this.queue.splice(0, this.maxBatch));
      this.lingerExpired = this.state === 'closing';
    }
    if (this.queue.length > 0 && this.lingerTimer === undefined && !this.lingerExpired) {
      this.lingerTimer = setTimeout(() => {
        this.lingerTimer = undefined;
        this.lingerExpired = true;
        this.pump();
      }, this.lingerMs);
    }
  }

  private send(batch: QueuedText[]): void {
    const batchId = this.nextBatchId++;
    this.inFlight.set(batchId, batch);
    this.batchesSent++;
    const message: ToWorker = { type: 'classify', batchId, texts: batch.map((q) => q.text) };
    this.worker.postMessage(message);
  }

  private onMessage(message: FromWorker): void {
    if (message.type !== 'result' && message.type !== 'batch-error') return;
    const batch = this.inFlight.get(message.batchId);
    if (!batch) return;
    this.inFlight.delete(message.batchId);
    if (message.type === 'result') {
      batch.forEach((item, row) => {
        const { request } = item;
        request.results[item.index] = toClassification(this.manifest, message.probabilities, row);
        if (--request.remaining === 0 && !request.settled) {
          request.settled = true;
          request.resolve(request.results);
        }
      });
      this.textsClassified += batch.length;
    } else {
      const error = new PrefstreamError(`classifier ${this.manifest.name}: batch failed in the worker: ${message.message}`, { code: 'MODEL_INFERENCE_FAILED', retriable: false });
      for (const { request } of batch) settleWithError(request, error);
    }
    this.gate.release(batch.length);
    this.afterProgress();
  }

  private afterProgress(): void {
    this.pump();
    if (this.queue.length === 0 && this.inFlight.size === 0) {
      this.worker.unref();
      this.drained?.();
    }
  }

  private fail(error: Error): void {
    if (this.state === 'closed' || this.state === 'failed') return;
    this.state = 'failed';
    this.failure = error;
    clearTimeout(this.lingerTimer);
    const affected = [...this.queue.splice(0), ...[...this.inFlight.values()].flat()];
    this.inFlight.clear();
    for (const { request } of affected) settleWithError(request, error);
    this.gate.failWaiters(error);
    this.drained?.();
    this.worker.unref();
  }
}

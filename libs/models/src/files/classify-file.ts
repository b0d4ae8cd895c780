import type { Classification } from '../classifier/classification';
import type { TextClassifier } from '../classifier/text-classifier';
import { formatFromPath, readTextRows, type TextFileFormat } from './read-text-rows';

export interface ClassifyFileOptions {
  input: string;
  /** Default: from the extension (.csv, .ndjson, .jsonl). */
  format?: TextFileFormat;
  /** CSV column or NDJSON field holding the text. */
  textColumn: string;
  /** Texts per classify() call. Default 256. */
  chunkSize?: number;
  /** classify() calls kept open at once, so the worker always has the next batch. Default 4. */
  chunksInFlight?: number;
}

export interface FileClassification {
  row: number;
  classification: Classification;
}

/**
 * Classifies every row of a CSV or NDJSON file, yielding results in file order. Reading is pulled by
 * the consumer: at most chunksInFlight chunks are read ahead, so memory stays bounded on any file.
 */
export async function* classifyFile(classifier: TextClassifier, options: ClassifyFileOptions): AsyncGenerator<FileClassification> {
  const chunkSize = options.chunkSize ?? 256;
  const chunksInFlight = options.chunksInFlight ?? 4;
  const open: { rows: number[]; results: Promise<Classification[]> }[] = [];
  let rows: number[] = [];
  let texts: string[] = [];
  const flush = () => {
    const results = classifier.classify(texts);
    results.catch(() => undefined); // awaited below in order; avoid an unhandled rejection meanwhile
    open.push({ rows, results });
    rows = [];
    texts = [];
  };
  const drainOne = async function* (): AsyncGenerator<FileClassification> {
    const head = open.shift()!;
    const results = await head.results;
    for (let i = 0; i < results.length; i++) yield { row: head.rows[i]!, classification: results[i]! };
  };
  for await (const { row, text } of readTextRows(options.input, options.format ?? formatFromPath(options.input), options.textColumn)) {
    rows.push(row);
    texts.push(text);
    if (texts.length === chunkSize) {
      flush();
      if (open.length >= chunksInFlight) yield* drainOne();
    }
  }
  if (texts.length > 0) flush();
  while (open.length > 0) yield* drainOne();
}

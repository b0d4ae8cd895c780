import { TextClassifier, type Classification } from '@prefstream/models';

/** Opens a model (name or manifest path), classifies the texts through the worker, closes it. */
export async function predict(model: string, texts: readonly string[]): Promise<Classification[]> {
  const classifier = await TextClassifier.open(model);
  try {
    return await classifier.classify(texts);
  } finally {
    await classifier.close();
  }
}

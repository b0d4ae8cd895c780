import { z } from 'zod';
import { hashedNgramPreprocessingSchema } from './preprocessing-schema';

const dimension = z.union([z.string().min(1), z.number().int().positive()]);

const inputTensor = <T extends string>(dtype: T) =>
  z.object({ name: z.string().min(1), dtype: z.literal(dtype), shape: z.tuple([dimension, dimension]) });

const dataSource = z.object({
  /** Path as given to the trainer (relative to the repo root when it lives there). */
  path: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  rows: z.number().int().min(0),
  note: z.string().optional(),
});

/**
 * A model manifest: everything needed to run a model (file, tensors, preprocessing, labels) and to
 * judge it (training data, seed, metrics). The shipped models and user-supplied ones use this format.
 */
export const modelManifestSchema = z
  .object({
    schemaVersion: z.literal(1),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    version: z.string().min(1),
    description: z.string(),
    /** What the text is: a model's response, a user's prompt, a user's follow-up message, or any text. */
    appliesTo: z.enum(['response', 'prompt', 'follow-up', 'text']),
    /** The ONNX file, relative to the manifest's folder. */
    file: z.string().min(1),
    /** sha256 of the ONNX file; checked on load when present. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    inputs: z.object({ indices: inputTensor('int64'), weights: inputTensor('float32') }),
    outputs: z.object({
      probabilities: z.object({ name: z.string().min(1), dtype: z.literal('float32'), shape: z.tuple([dimension, dimension]) }),
    }),
    /** Class names in the order of the probabilities' last axis. */
    labels: z.array(z.string().min(1)).min(2),
    /** Extra scores that are sums of class probabilities, e.g. toxic = hate + offensive. */
    derivedScores: z.record(z.string(), z.array(z.string()).min(1)).default({}),
    preprocessing: hashedNgramPreprocessingSchema,
    training: z
      .object({
        algorithm: z.string(),
        seed: z.number().int(),
        data: z.array(dataSource),
        rows: z.number().int().min(0),
        labelCounts: z.record(z.string(), z.number().int().min(0)),
        hyperparameters: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
        heldOut: z.object({ description: z.string(), file: z.string(), rows: z.number().int().min(0) }).optional(),
        command: z.string(),
      })
      .optional(),
    metrics: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((m, ctx) => {
    if (new Set(m.labels).size !== m.labels.length) ctx.addIssue({ code: 'custom', path: ['labels'], message: 'labels must be unique' });
    for (const [score, parts] of Object.entries(m.derivedScores)) {
      for (const part of parts) {
        if (!m.labels.includes(part)) ctx.addIssue({ code: 'custom', path: ['derivedScores', score], message: `"${part}" is not one of labels` });
      }
      if (m.labels.includes(score)) ctx.addIssue({ code: 'custom', path: ['derivedScores', score], message: 'a derived score may not reuse a label name' });
    }
    const classes = m.outputs.probabilities.shape[1];
    if (typeof classes === 'number' && classes !== m.labels.length) {
      ctx.addIssue({ code: 'custom', path: ['outputs', 'probabilities', 'shape'], message: `last dimension ${classes} != ${m.labels.length} labels` });
    }
  });

export type ModelManifest = z.infer<typeof modelManifestSchema>;
export type ModelManifestInput = z.input<typeof modelManifestSchema>;

import { onnx } from 'onnx-proto';
import { buildLinearModelOnnx } from '../src/onnx/linear-model-graph';

describe('buildLinearModelOnnx', () => {
  const weights = Float64Array.from({ length: 8 * 3 }, (_, i) => (i % 7) - 3);
  const bytes = buildLinearModelOnnx({ weights, bias: Float64Array.of(0.5, -1, 2), buckets: 8, classes: 3 }, { name: 'unit', version: '0' });
  const model = onnx.ModelProto.decode(bytes);

  it('stores the weight table with one extra zero row for the padding index', () => {
    const w = model.graph!.initializer!.find((t) => t.name === 'W')!;
    expect(w.dims!.map(Number)).toEqual([9, 3]);
    const table = new Float32Array(Uint8Array.from(w.rawData!).buffer); // a copy: rawData is a view into the decoded buffer
    expect([...table.slice(0, 24)]).toEqual([...weights]);
    expect([...table.slice(24)]).toEqual([0, 0, 0]);
  });

  it('declares opset 13, the [batch, features] inputs and the named outputs', () => {
    expect(Number(model.opsetImport[0]!.version)).toBe(13);
    expect(model.graph!.input!.map((i) => i.name)).toEqual(['indices', 'weights']);
    expect(model.graph!.output!.map((o) => o.name)).toEqual(['probabilities', 'logits']);
    expect(model.graph!.node!.map((n) => n.opType)).toEqual(['Gather', 'Unsqueeze', 'MatMul', 'Squeeze', 'Add', 'Softmax']);
    expect(model.metadataProps.find((p) => p.key === 'name')!.value).toBe('unit');
  });
});

// Jest runs each test file in its own vm realm, so a Float32Array made by onnxruntime-node's native
// code (outer realm) fails `instanceof Float32Array` inside the test, and onnxruntime rejects its own
// outputs. Tests that call onnxruntime-node directly use this environment: the test realm shares the
// outer realm's typed-array constructors.
const { TestEnvironment } = require('jest-environment-node');

const TYPED_ARRAYS = ['ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];

class SharedTypedArraysEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED_ARRAYS) this.global[name] = globalThis[name];
  }
}

module.exports = SharedTypedArraysEnvironment;

/** Thrown when a request is shorter than its fields say: the connection is closed, the broker stays up. */
export class TruncatedRequestError extends Error {
  constructor(what: string) {
    super(`truncated request while reading ${what}`);
    this.name = 'TruncatedRequestError';
  }
}

/** Reads Kafka's big-endian, non-flexible primitive types from a buffer. */
export class Reader {
  offset = 0;
  constructor(readonly buffer: Buffer) {}

  private need(n: number, what: string): void {
    if (this.offset + n > this.buffer.length) throw new TruncatedRequestError(what);
  }
  int8(): number {
    this.need(1, 'int8');
    return this.buffer.readInt8(this.offset++);
  }
  int16(): number {
    this.need(2, 'int16');
    const v = this.buffer.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }
  int32(): number {
    this.need(4, 'int32');
    const v = this.buffer.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }
  int64(): bigint {
    this.need(8, 'int64');
    const v = this.buffer.readBigInt64BE(this.offset);
    this.offset += 8;
    return v;
  }
  boolean(): boolean {
    return this.int8() !== 0;
  }
  nullableString(): string | null {
    const length = this.int16();
    if (length < 0) return null;
    this.need(length, 'string');
    const v = this.buffer.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return v;
  }
  string(): string {
    return this.nullableString() ?? '';
  }
  nullableBytes(): Buffer | null {
    const length = this.int32();
    if (length < 0) return null;
    this.need(length, 'bytes');
    const v = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length;
    return v;
  }
  /** `n` raw bytes (a view, not a copy). */
  raw(n: number): Buffer {
    this.need(n, 'bytes');
    const v = this.buffer.subarray(this.offset, this.offset + n);
    this.offset += n;
    return v;
  }
  /** Unsigned varint (flexible versions, KIP-482). */
  unsignedVarint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.int8() & 0xff;
      value += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return value;
    }
    throw new TruncatedRequestError('varint (too long)');
  }
  arrayLength(): number {
    const n = this.int32();
    if (n > this.buffer.length - this.offset) throw new TruncatedRequestError('array');
    return n;
  }
}

/** Writes Kafka primitives into growing chunks; `toBuffer` concatenates once. */
export class Writer {
  private chunks: Buffer[] = [];
  private current = Buffer.allocUnsafe(1024);
  private used = 0;
  length = 0;

  private room(n: number): Buffer {
    if (this.used + n > this.current.length) {
      this.chunks.push(this.current.subarray(0, this.used));
      this.current = Buffer.allocUnsafe(Math.max(1024, n));
      this.used = 0;
    }
    this.length += n;
    return this.current;
  }
  int8(v: number): this {
    this.room(1).writeInt8(v, this.used);
    this.used += 1;
    return this;
  }
  uint8(v: number): this {
    this.room(1).writeUInt8(v, this.used);
    this.used += 1;
    return this;
  }
  int16(v: number): this {
    this.room(2).writeInt16BE(v, this.used);
    this.used += 2;
    return this;
  }
  int32(v: number): this {
    this.room(4).writeInt32BE(v, this.used);
    this.used += 4;
    return this;
  }
  uint32(v: number): this {
    this.room(4).writeUInt32BE(v >>> 0, this.used);
    this.used += 4;
    return this;
  }
  int64(v: bigint): this {
    this.room(8).writeBigInt64BE(v, this.used);
    this.used += 8;
    return this;
  }
  boolean(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }
  nullableString(v: string | null | undefined): this {
    if (v === null || v === undefined) return this.int16(-1);
    const bytes = Buffer.from(v, 'utf8');
    this.int16(bytes.length);
    return this.raw(bytes);
  }
  nullableBytes(v: Buffer | null | undefined): this {
    if (v === null || v === undefined) return this.int32(-1);
    this.int32(v.length);
    return this.raw(v);
  }
  unsignedVarint(v: number): this {
    while (v >= 0x80) {
      this.uint8((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    return this.int8(v);
  }
  /** Appends bytes without copying large ones. */
  raw(bytes: Buffer): this {
    if (bytes.length > 256) {
      this.chunks.push(this.current.subarray(0, this.used));
      this.current = Buffer.allocUnsafe(1024);
      this.used = 0;
      this.chunks.push(bytes);
      this.length += bytes.length;
      return this;
    }
    bytes.copy(this.room(bytes.length), this.used);
    this.used += bytes.length;
    return this;
  }
  toBuffer(): Buffer {
    return Buffer.concat([...this.chunks, this.current.subarray(0, this.used)], this.length);
  }
}

import { Reader, Writer } from './primitives';

/**
 * A declarative description of a request or response body, in the spirit of Kafka's own message JSON
 * definitions: each field has a type and the versions it exists in. One small interpreter reads and
 * writes every API from these, so adding a version is a data change.
 */
export type Primitive = 'int8' | 'int16' | 'int32' | 'int64' | 'boolean' | 'string' | 'nullableString' | 'bytes' | 'nullableBytes' | 'records';
export type FieldType = Primitive | { array: FieldType | Schema; nullable?: boolean };
export interface Field {
  name: string;
  type: FieldType;
  /** Inclusive version range in which the field is present; open-ended when max is omitted. */
  versions?: [number, number?];
}
export type Schema = Field[];
export type Struct = Record<string, unknown>;

const present = (field: Field, version: number) => !field.versions || (version >= field.versions[0] && (field.versions[1] === undefined || version <= field.versions[1]));
const isSchema = (t: FieldType | Schema): t is Schema => Array.isArray(t);

function readValue(reader: Reader, type: FieldType | Schema, version: number): unknown {
  if (isSchema(type)) return readStruct(reader, type, version);
  if (typeof type === 'object') {
    const n = reader.arrayLength();
    if (n < 0) return type.nullable ? null : [];
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(readValue(reader, type.array, version));
    return out;
  }
  switch (type) {
    case 'int8': return reader.int8();
    case 'int16': return reader.int16();
    case 'int32': return reader.int32();
    case 'int64': return reader.int64();
    case 'boolean': return reader.boolean();
    case 'string': return reader.string();
    case 'nullableString': return reader.nullableString();
    case 'bytes': return reader.nullableBytes() ?? Buffer.alloc(0);
    case 'nullableBytes': case 'records': return reader.nullableBytes();
  }
}

export function readStruct(reader: Reader, schema: Schema, version: number): Struct {
  const out: Struct = {};
  for (const field of schema) if (present(field, version)) out[field.name] = readValue(reader, field.type, version);
  return out;
}

function writeValue(writer: Writer, type: FieldType | Schema, value: unknown, version: number, path: string): void {
  if (isSchema(type)) return writeStruct(writer, type, (value ?? {}) as Struct, version, path);
  if (typeof type === 'object') {
    if (value === null || value === undefined) {
      writer.int32(type.nullable ? -1 : 0);
      return;
    }
    const items = value as unknown[];
    writer.int32(items.length);
    for (const item of items) writeValue(writer, type.array, item, version, path);
    return;
  }
  switch (type) {
    case 'int8': writer.int8(Number(value ?? 0)); return;
    case 'int16': writer.int16(Number(value ?? 0)); return;
    case 'int32': writer.int32(Number(value ?? 0)); return;
    case 'int64': writer.int64(BigInt((value as bigint | number | undefined) ?? 0)); return;
    case 'boolean': writer.boolean(Boolean(value)); return;
    case 'string': writer.nullableString((value as string | undefined) ?? ''); return;
    case 'nullableString': writer.nullableString(value as string | null | undefined); return;
    case 'bytes': writer.nullableBytes((value as Buffer | undefined) ?? Buffer.alloc(0)); return;
    case 'nullableBytes': case 'records': writer.nullableBytes(value as Buffer | null | undefined); return;
  }
  throw new Error(`unknown field type at ${path}`);
}

export function writeStruct(writer: Writer, schema: Schema, value: Struct, version: number, path = ''): void {
  for (const field of schema) if (present(field, version)) writeValue(writer, field.type, value[field.name], version, `${path}.${field.name}`);
}

import type { Socket } from 'node:net';
import type { BrokerContext } from './handlers/context';
import { supportedApiVersions } from './handlers/api-versions';
import { HANDLERS } from './handlers/registry';
import { API, API_BY_KEY } from './protocol/api-definitions';
import { ErrorCode } from './protocol/error-codes';
import { Reader, Writer } from './protocol/primitives';
import { readStruct, writeStruct } from './protocol/schema';

export const MAX_REQUEST_BYTES = 100 * 1024 * 1024;

/**
 * One client connection: splits the byte stream into size-prefixed frames and answers them strictly in
 * order (the protocol guarantees in-order responses per connection, so a long-polling Fetch holds back
 * the requests behind it, as in Kafka). A malformed frame closes this connection only.
 */
export function serveConnection(socket: Socket, broker: BrokerContext): void {
  const clientHost = socket.remoteAddress ?? 'unknown';
  let buffered: Buffer = Buffer.alloc(0);
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  const close = (reason: string) => {
    if (closed) return;
    closed = true;
    broker.log(`closing connection from ${clientHost}:${socket.remotePort}: ${reason}`);
    socket.destroy();
  };
  const send = (correlationId: number, body: Buffer) => {
    if (closed) return;
    const frame = Buffer.allocUnsafe(8);
    frame.writeInt32BE(body.length + 4, 0);
    frame.writeInt32BE(correlationId, 4);
    socket.write(Buffer.concat([frame, body]));
  };
  const errorOnly = (code: number) => new Writer().int16(code).toBuffer();

  const handle = async (frame: Buffer) => {
    const reader = new Reader(frame);
    const apiKey = reader.int16();
    const version = reader.int16();
    const correlationId = reader.int32();
    const clientId = reader.nullableString() ?? '';
    const api = API_BY_KEY.get(apiKey);
    if (!api || !HANDLERS[api.name]) {
      broker.log(`unsupported API key ${apiKey} from ${clientId || clientHost}; answered UNSUPPORTED_VERSION`);
      return send(correlationId, errorOnly(ErrorCode.UNSUPPORTED_VERSION));
    }
    if (version < api.minVersion || version > api.maxVersion) {
      if (api.key === API.ApiVersions.key) {
        // KIP-511: answer in v0 format with the supported ranges, so the client can retry lower.
        const body = new Writer();
        writeStruct(body, API.ApiVersions.response, { error_code: ErrorCode.UNSUPPORTED_VERSION, api_keys: supportedApiVersions() }, 0);
        return send(correlationId, body.toBuffer());
      }
      broker.log(`unsupported ${api.name} v${version} from ${clientId || clientHost} (supported v${api.minVersion}-v${api.maxVersion})`);
      return send(correlationId, errorOnly(ErrorCode.UNSUPPORTED_VERSION));
    }
    const request = readStruct(reader, api.request, version);
    const response = await HANDLERS[api.name](request, { version, clientId, clientHost }, broker);
    if (response === undefined) return;
    const body = new Writer();
    writeStruct(body, api.response, response, version);
    send(correlationId, body.toBuffer());
  };

  socket.on('data', (chunk: Buffer) => {
    buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
    while (!closed && buffered.length >= 4) {
      const size = buffered.readInt32BE(0);
      if (size < 8 || size > MAX_REQUEST_BYTES) return close(`invalid frame size ${size}`);
      if (buffered.length < 4 + size) break;
      const frame = buffered.subarray(4, 4 + size);
      buffered = buffered.subarray(4 + size);
      queue = queue.then(() => handle(frame)).catch((error) => close(`malformed request: ${(error as Error).message}`));
    }
  });
  socket.on('error', (error) => close(error.message));
  socket.on('close', () => (closed = true));
}

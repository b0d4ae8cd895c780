import type { Socket } from 'node:net';
import type { BrokerContext } from './handlers/context';
import { apiVersionsV3, supportedApiVersions } from './handlers/api-versions';
import { HANDLERS } from './handlers/registry';
import { API, API_BY_KEY } from './protocol/api-definitions';
import { ErrorCode } from './protocol/error-codes';
import { Reader, Writer } from './protocol/primitives';
import { readStruct, writeStruct } from './protocol/schema';

export const MAX_REQUEST_BYTES = 100 * 1024 * 1024;
/** Requests read ahead of the one being answered before this connection stops reading. */
const MAX_QUEUED_REQUESTS = 32;

/**
 * One client connection: splits the byte stream into size-prefixed frames and answers them strictly in
 * order (the protocol guarantees in-order responses per connection, so a long-polling Fetch holds back
 * the requests behind it, as in Kafka). A malformed frame closes this connection only.
 */
export function serveConnection(socket: Socket, broker: BrokerContext): void {
  const clientHost = socket.remoteAddress ?? 'unknown';
  // Received bytes not yet cut into frames, kept as chunks: concatenated once per complete frame,
  // so a large request arriving in many packets is not re-copied on every packet.
  let chunks: Buffer[] = [];
  let bufferedBytes = 0;
  let queue: Promise<void> = Promise.resolve();
  let pending = 0;
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
    socket.cork();
    socket.write(frame);
    socket.write(body);
    socket.uncork();
  };
  // Backpressure: the next request waits until a slow reader has taken the previous responses.
  const drained = () => (closed || !socket.writableNeedDrain ? Promise.resolve() : new Promise<void>((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  }));
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
    if (api.key === API.ApiVersions.key && version === 3) return send(correlationId, apiVersionsV3(reader));
    const request = readStruct(reader, api.request, version);
    const response = await HANDLERS[api.name](request, { version, clientId, clientHost }, broker);
    if (response === undefined) return;
    const body = new Writer();
    writeStruct(body, api.response, response, version);
    send(correlationId, body.toBuffer());
  };

  const enqueue = (frame: Buffer) => {
    // Like Kafka muting a busy channel: stop reading while requests pile up, resume as they complete.
    if (++pending >= MAX_QUEUED_REQUESTS) socket.pause();
    queue = queue
      .then(() => handle(frame))
      .then(drained)
      .catch((error) => close(`malformed request: ${(error as Error).message}`))
      .finally(() => {
        if (--pending < MAX_QUEUED_REQUESTS && socket.isPaused() && !closed) socket.resume();
      });
  };

  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    bufferedBytes += chunk.length;
    while (!closed && bufferedBytes >= 4) {
      if (chunks[0].length < 4) chunks = [Buffer.concat(chunks, bufferedBytes)];
      const size = chunks[0].readInt32BE(0);
      if (size < 8 || size > MAX_REQUEST_BYTES) return close(`invalid frame size ${size}`);
      if (bufferedBytes < 4 + size) break;
      const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, bufferedBytes);
      const rest = all.subarray(4 + size);
      chunks = rest.length ? [rest] : [];
      bufferedBytes = rest.length;
      enqueue(all.subarray(4, 4 + size));
    }
  });
  socket.on('error', (error) => close(error.message));
  socket.on('close', () => (closed = true));
}

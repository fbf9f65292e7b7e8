import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

/** RFC 6455 §1.3: the server proves it read the handshake by hashing the key with this GUID. */
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OP = { continuation: 0x0, text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** One server frame (servers never mask), FIN set. */
function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const header = Buffer.alloc(len < 126 ? 2 : len < 65_536 ? 4 : 10);
  header.writeUInt8(0x80 | opcode, 0);
  if (len < 126) header.writeUInt8(len, 1);
  else if (len < 65_536) {
    header.writeUInt8(126, 1);
    header.writeUInt16BE(len, 2);
  } else {
    header.writeUInt8(127, 1);
    header.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([header, payload]);
}

/** The complete frames at the start of `buf` (client frames are masked), and what is left over. */
function parseFrames(buf: Buffer) {
  const frames: { fin: boolean; opcode: number; payload: Buffer }[] = [];
  let offset = 0;
  while (buf.length - offset >= 2) {
    const b0 = buf.readUInt8(offset);
    const b1 = buf.readUInt8(offset + 1);
    let pos = offset + 2;
    let len = b1 & 0x7f;
    if (len === 126) {
      if (buf.length < pos + 2) break;
      len = buf.readUInt16BE(pos);
      pos += 2;
    } else if (len === 127) {
      if (buf.length < pos + 8) break;
      len = Number(buf.readBigUInt64BE(pos));
      pos += 8;
    }
    const maskLen = b1 & 0x80 ? 4 : 0;
    if (buf.length < pos + maskLen + len) break;
    const mask = buf.subarray(pos, pos + maskLen);
    pos += maskLen;
    const payload = Buffer.from(buf.subarray(pos, pos + len));
    for (let i = 0; i < payload.length && maskLen; i++)
      payload.writeUInt8(payload.readUInt8(i) ^ mask.readUInt8(i % 4), i);
    frames.push({ fin: (b0 & 0x80) !== 0, opcode: b0 & 0x0f, payload });
    offset = pos + len;
  }
  return { frames, rest: buf.subarray(offset) };
}

/** Slack's side of one Socket Mode connection. */
export interface SocketPeer {
  /** Sends one JSON message (hello, an envelope, disconnect). */
  send(message: object): void;
  /** Every JSON message the client sent (acks: `{envelope_id, payload?}`). */
  received: Record<string, unknown>[];
  /** The status code of the client's close frame, once it closed the connection. */
  closeCode?: number;
}

function accept(socket: Duplex, key: string): SocketPeer {
  const accepted = createHash('sha1')
    .update(key + WS_GUID)
    .digest('base64');
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accepted}\r\n\r\n`,
  );
  const peer: SocketPeer = {
    send: (message) => void socket.write(frame(OP.text, Buffer.from(JSON.stringify(message)))),
    received: [],
  };
  let pending = Buffer.alloc(0);
  let message: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => {
    const { frames, rest } = parseFrames(Buffer.concat([pending, chunk]));
    pending = Buffer.from(rest);
    for (const f of frames) {
      if (f.opcode === OP.ping) socket.write(frame(OP.pong, f.payload));
      if (f.opcode === OP.close) {
        peer.closeCode = f.payload.length >= 2 ? f.payload.readUInt16BE(0) : 1005;
        socket.end(frame(OP.close, f.payload.subarray(0, 2)));
      }
      if (f.opcode !== OP.text && f.opcode !== OP.continuation) continue;
      message.push(f.payload);
      if (!f.fin) continue;
      peer.received.push(JSON.parse(Buffer.concat(message).toString('utf8')) as Record<string, unknown>);
      message = [];
    }
  });
  socket.on('error', () => socket.destroy());
  return peer;
}

/**
 * A loopback stand-in for Slack's Socket Mode edge. `POST /api/apps.connections.open` with the
 * app-level token answers a ws:// URL on this same server, where a minimal RFC 6455 server plays
 * Slack's side of the WebSocket (it answers pings and close frames; the test sends hello and
 * envelopes). Every other /api/ call is forwarded to the Web API fake at `webApiUrl`, because
 * the bot's WebClient and the Socket Mode client share one SLACK_API_URL.
 */
export async function startFakeSlackSocket(options: { appToken: string; webApiUrl: string }) {
  const opens: { token: string | undefined }[] = [];
  const peers: SocketPeer[] = [];
  const sockets = new Set<Duplex>();
  let onPeer: ((peer: SocketPeer) => void) | undefined;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const method = (req.url ?? '').replace(/^\/api\//, '');
      const token = req.headers.authorization?.replace(/^Bearer /, '');
      if (method === 'apps.connections.open') {
        opens.push({ token });
        const body =
          token === options.appToken
            ? { ok: true, url: `ws://127.0.0.1:${port}/link` }
            : { ok: false, error: 'invalid_auth' };
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      }
      const forwarded = await fetch(`${options.webApiUrl}${method}`, {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '', authorization: req.headers.authorization ?? '' },
        body: Buffer.concat(chunks),
      });
      res.writeHead(forwarded.status, { 'content-type': 'application/json' }).end(await forwarded.text());
    });
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex) => {
    const key = req.headers['sec-websocket-key'];
    if (req.url !== '/link' || typeof key !== 'string') return void socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const peer = accept(socket, key);
    peers.push(peer);
    onPeer?.(peer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    /** Every apps.connections.open call, with the token it carried. */
    opens,
    peers,
    /** Resolves with the next (or an already open) connection. */
    connected: () =>
      new Promise<SocketPeer>((resolve) => {
        const open = peers.find((p) => p.closeCode === undefined);
        if (open) resolve(open);
        else onPeer = resolve;
      }),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

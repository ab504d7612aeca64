/** Test helpers for hardening: a real listening server, and requests sent byte for byte. */
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import type { Server } from 'node:http';
import type { Application } from 'express';
import { createHttpServer } from '../../src/web/limits.js';

export interface Listening {
  port: number;
  close(): Promise<void>;
}

/** The app behind the production HTTP server (its header limits and timeouts), on an ephemeral loopback port. */
export async function listen(app: Application): Promise<Listening> {
  const server: Server = createHttpServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RawResponse {
  status: number;
  head: string;
  body: string;
}

/**
 * Sends `request` exactly as written (no client normalises `..`, backslashes
 * or bad escapes) and reads until the server closes the connection.
 */
export function rawRequest(port: number, request: string | Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' && chunks.length ? finish() : reject(error)));
    socket.on('end', () => finish());
    socket.write(request);
    function finish(): void {
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0), head, body: split < 0 ? '' : text.slice(split + 4) });
    }
  });
}

/** A GET for a raw request target, asking the server to close the connection afterwards. */
export function rawGet(port: number, target: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const lines = Object.entries({ Host: '127.0.0.1', Connection: 'close', ...headers }).map(([name, value]) => `${name}: ${value}`);
  return rawRequest(port, Buffer.from(`GET ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`, 'latin1'));
}

/**
 * A real SMTP server on loopback (smtp-server), collecting every message it
 * accepts. `mode` makes it misbehave: reject (451) or hang after N messages.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMail, type ReceivedMail } from './mail.js';

export interface TestSmtp {
  url: string;
  messages: ReceivedMail[];
  /** Accept everything (default), or after `after` accepted messages reject them all with 451, or never answer. */
  mode: { kind: 'accept' } | { kind: 'reject' | 'hang'; after: number };
  /** Messages whose DATA the server is sitting on (hang mode). */
  hanging: number;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const state: TestSmtp = {
    url: '',
    messages: [],
    mode: { kind: 'accept' },
    hanging: 0,
    async waitFor(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (state.messages.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} messages, got ${state.messages.length}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return state.messages;
    },
    to: (address) => state.messages.filter((message) => message.to.includes(address)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const { mode } = state;
        if (mode.kind !== 'accept' && state.messages.length >= mode.after) {
          if (mode.kind === 'hang') return void state.hanging++;
          return callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
        }
        state.messages.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((rcpt) => rcpt.address)));
        callback();
      });
    },
  });
  // A client killed mid-message (the kill -9 test) resets its connection: expected, not a failure.
  // Any other server error is still thrown.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return state;
}

/** Where reminders go in tests: an SMTP server and an SMS gateway on loopback that keep what arrives. */
import { createServer } from 'node:http';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../src/net/free-port';
import { useForAll } from './use-for-all';

export interface TestSmtpServer {
  url: string;
  /** The messages accepted, with their recipients and raw text (headers and body). */
  received: Array<{ to: string[]; data: string }>;
  /** How many recipients were refused (with `refuseRecipients`). */
  refusedRecipients(): number;
  close(): Promise<void>;
}

/**
 * An SMTP server without TLS or authentication. `refuseRecipients` refuses every recipient with
 * an error that names the address (as real servers do); `refuseMessages()` refuses a message once
 * sent while it returns true.
 */
export async function startTestSmtpServer(
  options: { refuseRecipients?: boolean; refuseMessages?: () => boolean } = {},
): Promise<TestSmtpServer> {
  const received: TestSmtpServer['received'] = [];
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (!options.refuseRecipients) return callback();
      refused += 1;
      callback(new Error(`550 mailbox ${address.address} unavailable`));
    },
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
      stream.on('end', () => {
        if (options.refuseMessages?.()) return callback(new Error('mailbox unavailable'));
        received.push({ to: session.envelope.rcptTo.map((address) => address.address), data });
        callback();
      });
    },
  });
  // A client killed mid-message (the two-workers test kills a worker) resets its connection: not a failure of the test.
  server.on('error', () => {});
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refusedRecipients: () => refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface TestSmsGateway {
  /** The URL to post messages to. */
  url: string;
  /** The messages accepted (answered 2xx), with the Authorization header they came with. */
  received: Array<{ auth: string | undefined; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** An SMS gateway over HTTP that answers each message with the status `answer()` gives (202 by default). */
export async function startTestSmsGateway(answer: () => number = () => 202): Promise<TestSmsGateway> {
  const received: TestSmsGateway['received'] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('error', () => {}); // a sender killed mid-request
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const status = answer();
      if (status < 300) received.push({ auth: req.headers.authorization, body: JSON.parse(text) });
      res.writeHead(status).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/v1/messages`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An SMTP server (see `startTestSmtpServer`) for the tests of this file or `describe` block. */
export function useTestSmtpServer(options: Parameters<typeof startTestSmtpServer>[0] = {}): () => TestSmtpServer {
  return useForAll(
    'The test SMTP server',
    () => startTestSmtpServer(options),
    (server) => server.close(),
  );
}

/** An SMS gateway (see `startTestSmsGateway`) for the tests of this file or `describe` block. */
export function useTestSmsGateway(answer?: () => number): () => TestSmsGateway {
  return useForAll(
    'The test SMS gateway',
    () => startTestSmsGateway(answer),
    (gateway) => gateway.close(),
  );
}

/**
 * The subject and the text of a plain-text mail as `received` holds it: headers unfolded, the
 * subject's encoded words and the body's transfer encoding (quoted-printable or base64) decoded.
 */
export function readMail(data: string): { subject: string; text: string; headers: Map<string, string> } {
  const split = data.indexOf('\r\n\r\n');
  const head = data.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const words = (value: string) =>
    value
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
        kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : quotedPrintable(text.replaceAll('_', ' ')),
      );
  const body = data.slice(split + 4).replace(/\r\n\.?$/, '');
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? quotedPrintable(body.replace(/=\r\n/g, ''))
        : body;
  return { subject: words(headers.get('subject') ?? ''), text: text.replace(/\r\n/g, '\n'), headers };
}

function quotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const hex = text[index] === '=' ? /^[0-9A-F]{2}/i.exec(text.slice(index + 1, index + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      index += 2;
    } else bytes.push(...Buffer.from(text[index]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problemPages, type ProblemType } from './problem-types';

/**
 * Requests that Node's HTTP parser refuses before express sees them (headers or URL too large,
 * malformed request lines) get a problem+json answer too, instead of a bare status line.
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const type: ProblemType = tooLarge ? 'headers-too-large' : 'malformed-request';
    const { status, title } = problemPages[type];
    const problem = {
      type: `/problems/${type}`,
      title,
      status,
      detail: tooLarge
        ? 'The request line and headers exceed 16 KB. Shorten the URL (ids are at most 128 characters) or the headers.'
        : 'The request is not valid HTTP/1.1. Check the request line and headers.',
    };
    const text = JSON.stringify(problem);
    socket.end(
      `HTTP/1.1 ${status} ${problem.title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  });
}

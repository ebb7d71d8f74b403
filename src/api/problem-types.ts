/**
 * The page behind each problem `type` (RFC 9457 §3.1.1): every answer's `type` is `/problems/<code>`
 * (src/api/problem-details.ts), and GET /problems/<code> serves a page saying what the problem means and
 * how to fix it. The catalog is exhaustive over the error codes: a new code without its page fails `tsc`.
 */
import type { ErrorCode } from '../errors';
import type { ApiRoute } from './api-route';
import { NotFoundError } from '../errors';
import { pathParam } from './api-route';

/** Every kind of problem the API answers with: the errors', and those of requests Node's HTTP parser refuses (src/api/client-errors.ts). */
export type ProblemType = ErrorCode | 'internal-error' | 'headers-too-large' | 'malformed-request';

interface ProblemPage {
  status: number;
  title: string;
  /** What it means, in one or two sentences. */
  meaning: string;
  /** What the client does about it. */
  fix: string;
}

export const problemPages: Record<ProblemType, ProblemPage> = {
  'malformed-json': {
    status: 400,
    title: 'Malformed JSON',
    meaning: 'The request body is not valid JSON.',
    fix: 'Send a JSON document with `Content-Type: application/json`; `detail` quotes where the parser stopped.',
  },
  'malformed-path': {
    status: 400,
    title: 'Malformed path',
    meaning: 'The path holds a broken percent-escape (such as `%` or `%ZZ`).',
    fix: 'Encode each id in a path with `encodeURIComponent`.',
  },
  'unreadable-body': {
    status: 400,
    title: 'Unreadable body',
    meaning: 'The body could not be read as sent: it does not decompress as its `Content-Encoding` says, or it was cut short.',
    fix: 'Check that the body matches its `Content-Encoding` and `Content-Length`, and send it again.',
  },
  'validation-failed': {
    status: 422,
    title: 'Invalid input',
    meaning:
      'The request is well-formed but its content is not acceptable: the body does not match the schema of the route, a query ' +
      'parameter is out of range, or a business rule refuses a value.',
    fix: '`errors` lists each problem with a JSON Pointer into the body (or the query parameter) and what to change; fix them all and send the request again.',
  },
  'rules-invalid': {
    status: 422,
    title: 'Rules invalid',
    meaning:
      'The rule files are invalid, or a reload would remove a profile customers hold without saying where they go; the rule set in use is unchanged.',
    fix: '`problems` lists each with file, line, column and how to fix it (`npx rulebook validate` shows the same); fix the files and reload.',
  },
  'cod-refused': {
    status: 422,
    title: 'Cash on delivery refused',
    meaning: 'A cash-on-delivery order exceeds the available COD limit of the customer, or COD is switched off for its channel.',
    fix: 'Offer another payment method, or wait until open COD orders are delivered; `GET /v1/customers/{customerId}/cod` shows the limit and what is available.',
  },
  unauthorized: {
    status: 401,
    title: 'Unauthorized',
    meaning: 'The request has no bearer token, a malformed `Authorization` header, or a token the API does not know.',
    fix: 'Send `Authorization: Bearer <token>` with a token of API_TOKENS (or the one `npm start` printed).',
  },
  forbidden: {
    status: 403,
    title: 'Forbidden',
    meaning: 'The token is valid but lacks the permission this request needs; `requiredScope` names it.',
    fix: 'Ask an operator to grant the permission (for personal data: list the token in API_PERSONAL_DATA_TOKENS), or use a token that has it.',
  },
  'not-found': {
    status: 404,
    title: 'Not found',
    meaning: 'The customer, order, invoice, group, job or other object named in the path or body does not exist.',
    fix: 'Check the id (`detail` names it); create the object first if it should exist.',
  },
  'route-not-found': {
    status: 404,
    title: 'No such route',
    meaning: 'No route answers this method and path.',
    fix: 'The routes are listed in `/openapi.json` and documented at `/docs`.',
  },
  conflict: {
    status: 409,
    title: 'Conflict',
    meaning:
      'The request clashes with the current state: the same id was sent before with other values, an email or phone belongs to another ' +
      'customer, the customer was merged into another (`mergedInto`) or erased, or a process is in a state that refuses this step.',
    fix: '`detail` says which and how to resolve it; repeating the request unchanged does not help.',
  },
  'payload-too-large': {
    status: 413,
    title: 'Payload too large',
    meaning: 'The body exceeds the limit: 1 MB or 10,000 values for JSON, 2 MB or 50,000 rows for an import file.',
    fix: 'Split the data over several requests, or send it as a file import.',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported media type',
    meaning: 'The body is sent in a format the route does not take (JSON routes take `application/json`; imports take CSV or XLSX).',
    fix: 'Send the body with the content type the route documents, in UTF-8.',
  },
  'rate-limited': {
    status: 429,
    title: 'Too many requests',
    meaning: 'The token sent more requests in a minute than API_RATE_LIMIT allows.',
    fix: 'Wait `Retry-After` seconds, then spread the requests out (the RateLimit header says what is left); or ask the operator to raise API_RATE_LIMIT.',
  },
  'idempotency-key-reused': {
    status: 422,
    title: 'Idempotency key reused for another request',
    meaning:
      'The `Idempotency-Key` was sent by this token within the last 24 hours with another request (a different method, path, query or body).',
    fix: 'Make up a new key (a UUID) for each new request; repeat a request only with its own key and exactly the same body.',
  },
  'request-in-flight': {
    status: 409,
    title: 'Request with this idempotency key in progress',
    meaning: 'The first request with this `Idempotency-Key` has not answered yet.',
    fix: 'Repeat the same request after `Retry-After` seconds: it then answers what the first one answered.',
  },
  'dependency-unavailable': {
    status: 503,
    title: 'Dependency unavailable',
    meaning:
      'The database or Temporal could not be reached, or a change made at the same moment conflicted with this request, which was rolled back.',
    fix: 'Repeat the same request after `Retry-After` seconds: writes are idempotent by their ids (or their `Idempotency-Key`), so a repeat completes what this attempt could not.',
  },
  'encryption-key-missing': {
    status: 500,
    title: 'Encryption key missing',
    meaning: 'A stored value is sealed under a payload key this process is not configured with; `detail` names the key id.',
    fix: 'An operator adds the former key to RULEBOOK_PAYLOAD_OLD_KEYS (docs/operations.md, "Encrypted attributes") and restarts the API.',
  },
  'headers-too-large': {
    status: 431,
    title: 'Request header fields too large',
    meaning: 'The request line and headers exceed 16 KB; the request was refused before any route saw it.',
    fix: 'Shorten the URL (ids are at most 128 characters; filters belong in a few query parameters) or the headers (cookies, tokens).',
  },
  'malformed-request': {
    status: 400,
    title: 'Malformed request',
    meaning: 'The request is not valid HTTP/1.1 (a broken request line or header); it was refused before any route saw it.',
    fix: 'Check the request line (`METHOD /path HTTP/1.1`) and that each header is `Name: value` on its own line.',
  },
  'internal-error': {
    status: 500,
    title: 'Internal error',
    meaning: 'The server failed to handle the request.',
    fix: 'Retry later; if it persists, report the request id of `instance` to the operator, who finds the failure in the logs.',
  },
};

/** GET /problems and GET /problems/{problemType}: the pages behind the problem types, open without a token. */
export function problemPageRoutes(): ApiRoute[] {
  const html = { description: 'The page (HTML; Markdown with `Accept: text/markdown`).', contentType: ['text/html', 'text/markdown'] };
  return [
    {
      method: 'get',
      path: '/problems',
      summary: 'The kinds of problem the API answers with',
      description: 'Every `type` of a problem+json answer, with its status and title, each linking to its page.',
      tag: 'Problems',
      scope: 'public',
      query: [],
      responses: { 200: html },
      handle: (req, res) => {
        const entries = Object.entries(problemPages) as Array<[ProblemType, ProblemPage]>;
        const markdown = [
          '# Problems',
          '',
          'Every error of the Rulebook API is `application/problem+json` (RFC 9457); its `type` is one of these pages.',
          '',
          ...entries.map(([type, page]) => `- [${type}](/problems/${type}): ${page.status} ${page.title}`),
          '',
        ].join('\n');
        sendPage(req, res, 'Problems', markdown);
      },
    },
    {
      method: 'get',
      path: '/problems/{problemType}',
      summary: 'What a kind of problem means and how to fix it',
      description: 'The page a problem `type` (`/problems/<type>`) resolves to.',
      tag: 'Problems',
      scope: 'public',
      query: [],
      responses: { 200: html, 404: { description: 'No such kind of problem.', schema: 'Problem' } },
      handle: (req, res) => {
        const type = pathParam(req, 'problemType');
        const page = Object.hasOwn(problemPages, type) ? problemPages[type as ProblemType] : undefined;
        if (!page) throw new NotFoundError(`There is no problem type "${type}". GET /problems lists them all.`);
        const markdown = [
          `# ${page.title}`,
          '',
          `\`type\`: \`/problems/${type}\` — HTTP status ${page.status}`,
          '',
          '## What it means',
          '',
          page.meaning,
          '',
          '## How to fix it',
          '',
          page.fix,
          '',
          'The `detail` of each answer says what is wrong in that request. [All problem types](/problems)',
          '',
        ].join('\n');
        sendPage(req, res, page.title, markdown);
      },
    },
  ];
}

function sendPage(req: Parameters<ApiRoute['handle']>[0], res: Parameters<ApiRoute['handle']>[1], title: string, markdown: string) {
  res.vary('Accept');
  if (req.accepts(['text/html', 'text/markdown']) === 'text/markdown') {
    res.type('text/markdown; charset=utf-8').send(markdown);
    return;
  }
  res
    .type('html')
    .send(
      `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${escapeHtml(title)} — Rulebook API</title></head>\n<body>\n${markdownToHtml(markdown)}\n</body>\n</html>\n`,
    );
}

/** The little Markdown these pages use: headings, paragraphs, list items, `code` and [links](/x). */
function markdownToHtml(markdown: string): string {
  const inline = (text: string) =>
    escapeHtml(text)
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\[([^\]]+)\]\((\/[^)\s]*)\)/g, '<a href="$2">$1</a>');
  const out: string[] = [];
  let list = false;
  for (const line of markdown.split('\n')) {
    const item = /^- (.*)$/.exec(line);
    if (!item && list) {
      out.push('</ul>');
      list = false;
    }
    if (item) {
      if (!list) out.push('<ul>');
      list = true;
      out.push(`<li>${inline(item[1]!)}</li>`);
    } else if (line.startsWith('## ')) out.push(`<h2>${inline(line.slice(3))}</h2>`);
    else if (line.startsWith('# ')) out.push(`<h1>${inline(line.slice(2))}</h1>`);
    else if (line.trim() !== '') out.push(`<p>${inline(line)}</p>`);
  }
  if (list) out.push('</ul>');
  return out.join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

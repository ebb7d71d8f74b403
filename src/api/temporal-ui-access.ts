/**
 * What the Temporal Web UI needs to use the API as its codec server (src/api/routes/temporal-codec-routes.ts):
 *
 * - CORS: the UI is a page of another origin (the dev server's `http://127.0.0.1:8233`) that POSTs
 *   JSON with `X-Namespace` (and `Authorization` when told to pass its access token), so the browser
 *   asks first (preflight, without credentials) and reads the answer only if the API allows that
 *   origin. Allowed: RULEBOOK_CODEC_CORS_ORIGINS, by default the dev UI's own origins.
 * - A sign-in: the UI sends no API token of its own (its "pass access token" sends the access token of
 *   its own OIDC sign-in, and only to an https endpoint), so an operator signs in once at
 *   `/temporal-codec/sign-in` with an API token; the browser then keeps a cookie (HttpOnly,
 *   SameSite=Strict, 12 hours, valid only under the codec path) that the UI sends when its codec
 *   setting "Include cross-origin credentials" is on. The cookie is signed with the token itself: a
 *   token removed from API_TOKENS ends its sessions.
 */
import express, { type Express, type Request, type RequestHandler } from 'express';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { tokenDigest } from '../use-cases/credentials';
import { legacyCaller } from './auth';

/** Where the codec routes live; the cookie is sent for this path only. */
export const temporalCodecPath = '/v1/temporal-codec';
/** The sign-in page for browsers (outside /v1: it takes the token in a form, not a header). */
export const codecSignInPath = '/temporal-codec/sign-in';
const cookieName = 'rulebook_temporal_codec';
const sessionSeconds = 12 * 3600;

/** The dev Web UI's origins for a UI port (`npm start` prints the first). */
export function defaultCodecCorsOrigins(uiPort = 8233): string[] {
  return [`http://127.0.0.1:${uiPort}`, `http://localhost:${uiPort}`];
}

/**
 * CORS for the codec routes: a preflight from an allowed origin is answered here (204, before any
 * authentication, as browsers send it without credentials); other requests from it get the headers
 * that let the page read the answer. Other origins get no CORS headers, so browsers keep their
 * pages from reading anything.
 */
export function codecCors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get('origin');
    res.vary('Origin');
    if (origin && allowed.has(origin)) {
      res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' });
      if (req.method === 'OPTIONS') {
        res.set({
          'Access-Control-Allow-Methods': 'POST, OPTIONS',
          'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Namespace',
          'Access-Control-Max-Age': '600',
        });
        res.status(204).end();
        return;
      }
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}

/** The session cookie's value for the token at `position` (1-based) in the list, valid until `expires` (epoch seconds). */
function sessionValue(token: string, position: number, expires: number): string {
  const mac = createHmac('sha256', token).update(`temporal-codec|${position}|${expires}`).digest('base64url');
  return `${position}.${expires}.${mac}`;
}

/** The caller (`token-<n>`) a codec session cookie stands for, or undefined when it is absent, expired or not ours. */
export function codecSessionCaller(req: Request, tokens: readonly string[], now = Date.now()): string | undefined {
  const raw = (req.get('cookie') ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${cookieName}=`))
    ?.slice(cookieName.length + 1);
  const match = raw ? /^([1-9][0-9]{0,5})\.([0-9]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(raw) : null;
  if (!match) return undefined;
  const position = Number(match[1]);
  const expires = Number(match[2]);
  const token = tokens[position - 1];
  if (!token || expires * 1000 <= now) return undefined;
  const expected = Buffer.from(sessionValue(token, position, expires));
  const presented = Buffer.from(raw!);
  return expected.length === presented.length && timingSafeEqual(expected, presented) ? `token-${position}` : undefined;
}

/**
 * Authenticates a request to the codec routes by its session cookie when it carries no Authorization
 * header (bearerAuth then lets it through as that caller).
 */
export function codecSessionAuth(tokens: readonly string[], personalDataReaders: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    if (!req.get('authorization')) {
      const caller = codecSessionCaller(req, tokens);
      if (caller)
        res.locals.caller = legacyCaller(caller, personalDataReaders, tokenDigest(tokens[Number(caller.slice('token-'.length)) - 1]!));
    }
    next();
  };
}

/** The browser sign-in of the codec routes: GET shows a form for an API token, POST checks it and sets the session cookie. */
export function mountCodecSignIn(app: Express, tokens: readonly string[]): void {
  app.get(codecSignInPath, (_req, res) => {
    res.type('html').send(page('Sign in to decode Temporal payloads', signInForm('')));
  });
  app.post(codecSignInPath, express.urlencoded({ extended: false, limit: '4kb' }), (req, res) => {
    const token =
      typeof (req.body as Record<string, unknown> | undefined)?.token === 'string' ? (req.body as { token: string }).token.trim() : '';
    const position = tokens.findIndex((candidate) => sameText(candidate, token)) + 1;
    if (position === 0) {
      res
        .status(401)
        .type('html')
        .send(page('Sign in to decode Temporal payloads', signInForm('That is not an API token of this installation.')));
      return;
    }
    const expires = Math.floor(Date.now() / 1000) + sessionSeconds;
    res.cookie(cookieName, sessionValue(tokens[position - 1]!, position, expires), {
      httpOnly: true,
      sameSite: 'strict',
      // Behind a load balancer that terminates TLS, the API sees http: the forwarded protocol tells.
      secure: req.secure || req.get('x-forwarded-proto') === 'https',
      path: temporalCodecPath,
      maxAge: sessionSeconds * 1000,
    });
    res
      .type('html')
      .send(
        page(
          'Signed in',
          `<p>This browser may use the codec server as <code>token-${position}</code> until ${new Date(expires * 1000).toISOString()}.</p>` +
            '<p>In the Temporal Web UI, open the codec server settings (the data encoder icon at the top), keep the endpoint ' +
            `<code>…${temporalCodecPath}</code> and tick <b>Include cross-origin credentials</b>. Decoding needs a token allowed to read ` +
            'personal data (listed in API_PERSONAL_DATA_TOKENS, or the one <code>npm start</code> generated).</p>',
        ),
      );
  });
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function signInForm(problem: string): string {
  return (
    (problem ? `<p role="alert">${problem}</p>` : '') +
    "<p>The Temporal Web UI shows Rulebook's encrypted payloads through this API. Sign this browser in with an API token " +
    '(the one <code>npm start</code> printed, or one of API_TOKENS).</p>' +
    `<form method="post" action="${codecSignInPath}"><label>API token <input name="token" type="password" autocomplete="off" required></label> ` +
    '<button type="submit">Sign in</button></form>'
  );
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
}

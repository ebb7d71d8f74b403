/**
 * The console (src/console): a single-page app served at /console by the API process, bundled from
 * the repository by esbuild on its first request and kept in memory. Nothing is fetched from a
 * network: the page, its script and its styles come from here, and it talks to /v1 with the token
 * its sign-in form keeps in the browser's session storage.
 */
import { build } from 'esbuild';
import express, { type Response, type Router } from 'express';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { projectRoot } from '../config/project-root';

/** Where the console is served. */
export const consolePath = '/console';

const consoleDir = path.join(projectRoot, 'src', 'console');

/** One built file: its media type, bytes and entity tag. */
interface Asset {
  type: string;
  body: Buffer;
  etag: string;
}

let bundle: Promise<Map<string, Asset>> | undefined;

/** The console's script and styles, built once per process (a failed build is tried again on the next request). */
export function consoleBundle(): Promise<Map<string, Asset>> {
  bundle ??= buildConsole().catch((error: unknown) => {
    bundle = undefined;
    throw error;
  });
  return bundle;
}

async function buildConsole(): Promise<Map<string, Asset>> {
  const result = await build({
    entryPoints: { console: path.join(consoleDir, 'main.tsx') },
    tsconfig: path.join(consoleDir, 'tsconfig.json'),
    bundle: true,
    write: false,
    outdir: '/assets',
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const assets = new Map<string, Asset>();
  for (const file of result.outputFiles) {
    const name = path.basename(file.path);
    const body = Buffer.from(file.contents);
    const type = name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
    assets.set(name, { type, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` });
  }
  return assets;
}

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Rulebook console</title>
  <link rel="stylesheet" href="${consolePath}/assets/console.css">
</head>
<body>
  <div id="app"><p>Loading the console…</p></div>
  <noscript>The Rulebook console needs JavaScript.</noscript>
  <script type="module" src="${consolePath}/assets/console.js"></script>
</body>
</html>`;

/**
 * The page may run only its own script and talk only to this API: a script injected through some
 * value could otherwise read the token from session storage and send it away.
 */
function secureHeaders(res: Response): void {
  res.set({
    'Content-Security-Policy':
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
      "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
}

/** Serves the console's page at /console and below (its own routes), and its bundle under /console/assets. */
export function consoleRouter(): Router {
  const router = express.Router();
  router.get(`${consolePath}/assets/:name`, async (req, res, next) => {
    try {
      const asset = (await consoleBundle()).get(req.params.name);
      if (!asset) return next();
      secureHeaders(res);
      res.set({ 'Content-Type': asset.type, ETag: asset.etag, 'Cache-Control': 'no-cache' });
      if (req.get('if-none-match') === asset.etag) return res.status(304).end();
      res.send(asset.body);
    } catch (error) {
      next(error);
    }
  });
  router.get([consolePath, `${consolePath}/*path`], (req, res, next) => {
    if (req.path.startsWith(`${consolePath}/assets/`)) return next();
    secureHeaders(res);
    res.set('Cache-Control', 'no-store').type('html').send(page);
  });
  return router;
}

/** Human-readable API docs: Swagger UI served from the swagger-ui-dist package, no CDN needed. */
import express, { type Router } from 'express';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const swaggerUiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Rulebook API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script>
    // validatorUrl null: no badge from an outside validator service (which flags every OpenAPI 3.1 document).
    window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', persistAuthorization: true, validatorUrl: null });
  </script>
</body>
</html>`;

/** Serves the docs page at /docs and its assets under /docs/assets. */
export function apiDocsRouter(): Router {
  const router = express.Router();
  router.use('/docs/assets', express.static(swaggerUiDir, { index: false }));
  router.get('/docs', (_req, res) => {
    res.type('html').send(page);
  });
  return router;
}

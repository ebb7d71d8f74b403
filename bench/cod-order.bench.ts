/**
 * Cash-on-delivery orders at checkout (`POST /v1/orders`, payment method cod: the customer locked,
 * the limit checked, the hold recorded and its workflow's start queued, in one transaction) with 50
 * concurrent clients, next to the bare baseline (express + BEGIN / INSERT / COMMIT into a table
 * shaped like `orders`) in the same run: the return-ingestion bench in its `cod-orders` mode — see
 * bench/return-ingestion.bench.ts for the method, the settings and how to read the report.
 *
 * Run:   npx tsx bench/cod-order.bench.ts
 */
process.env.BENCH_EVENT = 'cod-orders';
await import('./return-ingestion.bench');

export {};

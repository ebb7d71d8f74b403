/**
 * Cash-on-delivery orders at checkout (`POST /v1/orders`, payment method cod: the customer locked,
 * the limit checked and the hold recorded in one statement, the start of the workflow of the hold's
 * due minute queued by the first hold of that minute, in one transaction) with 50
 * concurrent clients, next to the bare baseline (express + BEGIN / INSERT / COMMIT into a table
 * shaped like `orders`) in the same run: the return-ingestion bench in its `cod-orders` mode — see
 * bench/return-ingestion.bench.ts for the method, the settings and how to read the report.
 *
 * Run:   npx tsx bench/cod-order.bench.ts
 */
process.env.BENCH_EVENT = 'cod-orders';
await import('./return-ingestion.bench');

export {};

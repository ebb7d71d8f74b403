/**
 * Prometheus metrics of one API process at GET /metrics: requests by route pattern and status,
 * their durations, the rule set in use and whether its last reload failed, reminders waiting in
 * the outbox, and Node's own process metrics. Labels are route patterns, never concrete paths,
 * which may hold personal data.
 */
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RuleRegistry } from '../rules/rule-registry';
import { outboxBacklog } from '../store/outbox-store';
import { recentRecalculationJobs } from '../store/rule-profiles-store';
import { intentBacklog } from '../store/workflow-intent-store';
import type { Database } from '../store/database';
import { routeOf } from './request-log';

export interface ApiMetrics {
  /** Counts and times every request when it ends. */
  record: RequestHandler;
  /** The metrics in Prometheus's text format. */
  render(): Promise<{ contentType: string; text: string }>;
}

/** Metrics over the process's rule registry and database; each call has its own registry. */
export function createApiMetrics(rules: RuleRegistry, db: Database): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'rulebook_http_requests_total',
    help: 'HTTP requests by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'rulebook_http_request_duration_seconds',
    help: 'HTTP request durations by method and route pattern.',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'rulebook_rules_info',
    help: 'The rule set in use (value 1), by version; last_reload_ok is 0 when the last reload was refused.',
    labelNames: ['version', 'last_reload_ok'],
    registers: [registry],
    collect() {
      const status = rules.status();
      this.reset();
      this.set({ version: status.version, last_reload_ok: String(status.lastReload?.ok ?? true) }, 1);
    },
  });
  new Gauge({
    name: 'rulebook_rules_on_disk_differs',
    help: 'Whether the rule files on disk differ from the rules in use (1): a reload pending, or refused (rulebook status).',
    registers: [registry],
    collect() {
      this.set(rules.onDisk().differs ? 1 : 0);
    },
  });
  new Gauge({
    name: 'rulebook_profile_recalculation_remaining',
    help: 'Customers that running profile recalculation jobs (after rule changes) have still to recalculate.',
    registers: [registry],
    async collect() {
      const running = await recentRecalculationJobs(db, 0);
      this.set(running.reduce((sum, job) => sum + (job.total - job.done), 0));
    },
  });
  // Every channel is reported, at 0 when nothing waits, so that dashboards see the series.
  const backlogByChannel = async () => {
    const rows = await outboxBacklog(db);
    return ['email', 'sms'].map(
      (channel) => rows.find((row) => row.channel === channel) ?? { channel, pending: 0, dead: 0, oldestPendingSeconds: 0 },
    );
  };
  new Gauge({
    name: 'rulebook_outbox_pending',
    help: 'Reminder messages queued and not yet sent, by channel (a growing number means delivery is failing).',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await backlogByChannel()) this.set({ channel: row.channel }, row.pending);
    },
  });
  new Gauge({
    name: 'rulebook_outbox_oldest_pending_seconds',
    help: 'Age of the oldest message waiting to be sent, by channel.',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await backlogByChannel()) this.set({ channel: row.channel }, row.oldestPendingSeconds);
    },
  });
  new Gauge({
    name: 'rulebook_outbox_dead',
    help: 'Messages given up after the delivery horizon, by channel (listed at GET /v1/notifications?status=dead).',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await backlogByChannel()) this.set({ channel: row.channel }, row.dead);
    },
  });

  new Gauge({
    name: 'rulebook_workflow_intents_pending',
    help: 'Workflow starts and signals queued and not yet delivered to Temporal (a growing number: Temporal unreachable, or no worker running).',
    registers: [registry],
    async collect() {
      this.set((await intentBacklog(db)).pending);
    },
  });
  new Gauge({
    name: 'rulebook_workflow_intents_oldest_pending_seconds',
    help: 'Age of the oldest workflow intent waiting to be delivered.',
    registers: [registry],
    async collect() {
      this.set((await intentBacklog(db)).oldestPendingSeconds);
    },
  });
  new Gauge({
    name: 'rulebook_workflow_intents_dead',
    help: 'Workflow intents never to be delivered: given up after the horizon, or withdrawn because what they were for went away (listed with their reason at GET /v1/workflow-intents?status=dead).',
    registers: [registry],
    async collect() {
      this.set((await intentBacklog(db)).dead);
    },
  });

  return {
    record: (req, res, next) => {
      const endTimer = durations.startTimer();
      res.on('finish', () => {
        const route = routeOf(req);
        requests.inc({ method: req.method, route, status: String(res.statusCode) });
        endTimer({ method: req.method, route });
      });
      next();
    },
    async render() {
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
  };
}

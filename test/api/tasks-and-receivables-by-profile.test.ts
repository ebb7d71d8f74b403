/**
 * The work and the money per customer profile and per scenario (seed 001: tasks to do are viewed per
 * customer profile, outstanding amounts are filtered by it, and a profile without a scenario exists
 * to handle its customers case by case), over HTTP on the running system.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, anInvoice, aPayment } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

// Ids of this file only: the workflow ids (dunning-<invoice>) are shared by every test file on the run's Temporal server.
const rulebook = useTestSystem();
const assignProfile = (customerId: string, profileId: string) =>
  rulebook.put(`/v1/customers/${customerId}/profiles/account-type`, { profileId, assignedBy: 'ar' });
/** The tasks GET /v1/tasks lists for `query`. */
/** A task as GET /v1/tasks lists it. */
type ListedTask = Record<string, unknown> & { id: string; kind: string; invoiceId: string | null; closeReason: string | null };
const tasks = async (query: string): Promise<ListedTask[]> => {
  const res = await rulebook.api(`/v1/tasks?${query}`);
  expect(res.status, query).toBe(200);
  return (await body(res)).tasks;
};
/** The invoices of the tasks GET /v1/tasks lists for `query`, each once, sorted. */
const invoicesOfTasks = async (query: string) =>
  [...new Set((await tasks(query)).map((task) => String(task.invoiceId)))].sort((a, b) => a.localeCompare(b));
/** What GET /v1/receivables answers for `query`. */
const receivables = async (query: string) => {
  const res = await rulebook.api(`/v1/receivables?${query}`);
  expect(res.status, query).toBe(200);
  return body(res);
};

beforeAll(async () => {
  // A new customer keeps the default profile to-assign, which has no scenario: their invoice is left to manual handling.
  await rulebook.post('/v1/customers', aCustomer({ id: 'C-tp-case' }));
  expect(
    (await body(await rulebook.post('/v1/invoices', anInvoice({ id: 'INV-tp-case', customerId: 'C-tp-case', amount: 800 })))).dunning,
  ).toEqual({
    scenarioId: null,
    manualHandling: true,
  });
  // A standard customer's invoice due long ago: every step of the standard scenario is due at once, the call and the formal notice among them.
  await rulebook.post('/v1/customers', aCustomer({ id: 'C-tp-std' }));
  await assignProfile('C-tp-std', 'standard');
  const overdue = anInvoice({
    id: 'INV-tp-std',
    customerId: 'C-tp-std',
    amount: 2500,
    issuedAt: '2026-01-01T10:00:00Z',
    dueDate: '2026-01-15',
  });
  expect((await body(await rulebook.post('/v1/invoices', overdue))).dunning).toMatchObject({ scenarioId: 'standard' });
});

describe('tasks per profile and scenario', () => {
  it("records the customer's profile, and no scenario, on the task of an invoice left to manual handling", async () => {
    expect(await tasks('kind=manual-handling')).toEqual([
      expect.objectContaining({
        id: 'manual:INV-tp-case',
        kind: 'manual-handling',
        customerId: 'C-tp-case',
        invoiceId: 'INV-tp-case',
        scenarioId: null,
        profileSetId: 'account-type',
        profileId: 'to-assign',
        status: 'open',
      }),
    ]);
  });

  it('lists the invoices left to manual handling under the profile that has no scenario, and under scenario=none', async () => {
    expect(await invoicesOfTasks('profile=to-assign')).toEqual(['INV-tp-case']);
    expect(await invoicesOfTasks('profile=account-type/to-assign')).toEqual(['INV-tp-case']);
    expect(await invoicesOfTasks('scenario=none')).toEqual(['INV-tp-case']);
    expect(await invoicesOfTasks('profile=to-assign&scenario=none&kind=manual-handling')).toEqual(['INV-tp-case']);
    expect(await invoicesOfTasks('profile=to-assign&scenario=standard')).toEqual([]);
  });

  it("records the sequence's scenario and profile on the tasks its steps make", async () => {
    await expect
      .poll(
        async () => (await tasks('scenario=standard&profile=standard')).map((task) => String(task.kind)).sort((a, b) => a.localeCompare(b)),
        // The steps run in the worker after the relay has started the sequence: seconds when the machine is busy.
        { timeout: 30_000, interval: 100 },
      )
      .toEqual(['call', 'formal-notice']);
    for (const task of await tasks('scenario=standard')) {
      expect(task).toMatchObject({ invoiceId: 'INV-tp-std', scenarioId: 'standard', profileSetId: 'account-type', profileId: 'standard' });
    }
    expect(await invoicesOfTasks('profile=account-type/standard&kind=call')).toEqual(['INV-tp-std']);
    expect(await invoicesOfTasks('profile=to-assign')).toEqual(['INV-tp-case']);
    expect(await invoicesOfTasks('scenario=none')).toEqual(['INV-tp-case']);
  });
});

describe('receivables per profile and scenario', () => {
  it('answers the total and the amounts per profile and per scenario of every unpaid invoice without filters', async () => {
    expect(await receivables('')).toEqual({
      profileSetId: 'account-type',
      total: { invoices: 2, outstanding: 3300 },
      byProfile: [
        { profileId: 'standard', invoices: 1, outstanding: 2500 },
        { profileId: 'to-assign', invoices: 1, outstanding: 800 },
      ],
      byScenario: [
        { scenarioId: 'standard', invoices: 1, outstanding: 2500 },
        { scenarioId: null, invoices: 1, outstanding: 800 },
      ],
    });
  });

  it('keeps the invoices of the filtered profile and scenario, with the values tasks take', async () => {
    const leftToManualHandling = {
      profileSetId: 'account-type',
      total: { invoices: 1, outstanding: 800 },
      byProfile: [{ profileId: 'to-assign', invoices: 1, outstanding: 800 }],
      byScenario: [{ scenarioId: null, invoices: 1, outstanding: 800 }],
    };
    expect(await receivables('scenario=none')).toEqual(leftToManualHandling);
    expect(await receivables('profile=to-assign')).toEqual(leftToManualHandling);
    expect(await receivables('profile=account-type/to-assign&scenario=none')).toEqual(leftToManualHandling);
    expect((await receivables('profile=standard&scenario=standard')).total).toEqual({ invoices: 1, outstanding: 2500 });
    expect(await receivables('profile=to-assign&scenario=standard')).toEqual({
      profileSetId: 'account-type',
      total: { invoices: 0, outstanding: 0 },
      byProfile: [],
      byScenario: [],
    });
  });
});

describe('a customer whose profile changes after the task was made', () => {
  it('keeps the task under the profile it was made with, while what they owe moves to their new profile', async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-moved' }));
    await rulebook.post('/v1/invoices', anInvoice({ id: 'INV-moved', customerId: 'C-moved', amount: 300 }));
    expect((await assignProfile('C-moved', 'standard')).status).toBe(200);

    // The manual-handling task no longer applies once reminders started: cancelled, still under to-assign.
    expect(await invoicesOfTasks('profile=to-assign')).toEqual(['INV-tp-case']);
    expect(await tasks('profile=to-assign&status=cancelled')).toEqual([
      expect.objectContaining({ invoiceId: 'INV-moved', status: 'cancelled', closedBy: 'rulebook', closeReason: 'reminders-started' }),
    ]);
    expect(await invoicesOfTasks('profile=standard&kind=manual-handling')).toEqual([]);
    // The new profile's scenario starts for what is still owed (issue 12 point 9): the invoice is no longer left to manual handling.
    expect((await receivables('profile=standard&scenario=none')).total).toEqual({ invoices: 0, outstanding: 0 });
    expect((await receivables('profile=standard&scenario=standard')).total).toEqual({ invoices: 2, outstanding: 2800 });
    expect((await receivables('profile=to-assign')).total).toEqual({ invoices: 1, outstanding: 800 });
  });
});

describe('the filters', () => {
  it('are refused (422, problem+json naming the parameter) when malformed or repeated, on tasks and on receivables', async () => {
    for (const route of ['/v1/tasks', '/v1/receivables']) {
      for (const [query, parameter] of [
        ['profile=', '/profile'],
        ['profile=To-Assign', '/profile'],
        ['profile=account-type/to-assign/x', '/profile'],
        ['profile=to-assign&profile=standard', '/profile'],
        ['scenario=', '/scenario'],
        ['scenario=none&scenario=standard', '/scenario'],
      ] as const) {
        const res = await rulebook.api(`${route}?${query}`);
        expect(res.status, `${route}?${query}`).toBe(422);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect((await body(res)).errors, `${route}?${query}`).toEqual([expect.objectContaining({ pointer: parameter })]);
      }
    }
  });

  it('are described in the OpenAPI document, with the fields tasks and receivables answer', async () => {
    const doc = await body(await rulebook.api('/openapi.json'));
    const names = (path: string) =>
      doc.paths[path].get.parameters.map((parameter: { name: string; in: string }) => `${parameter.in}:${parameter.name}`);
    expect(names('/v1/tasks')).toEqual([
      'query:kind',
      'query:status',
      'query:profile',
      'query:scenario',
      'query:customerId',
      'query:limit',
      'query:after',
    ]);
    expect(names('/v1/receivables')).toEqual(['query:profile', 'query:scenario']);
    expect(doc.paths['/v1/tasks'].get.responses['200'].content['application/json'].schema.properties.tasks.items).toEqual({
      $ref: '#/components/schemas/Task',
    });
    expect(Object.keys(doc.components.schemas.Task.properties)).toEqual(
      expect.arrayContaining(['scenarioId', 'profileSetId', 'profileId', 'closedAt', 'closedBy', 'closeReason', 'outcome']),
    );
    expect(doc.paths['/v1/tasks/{taskId}/done'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/TaskDone',
    });
    expect(doc.components.schemas.Receivables.required).toEqual(['profileSetId', 'total', 'byProfile', 'byScenario']);
  });
});

describe('closing tasks', () => {
  /** A standard customer with an invoice due long ago: its call and formal-notice tasks, once the steps have run. */
  async function overdueInvoiceWithTasks(customerId: string, invoiceId: string) {
    await rulebook.post('/v1/customers', aCustomer({ id: customerId }));
    await assignProfile(customerId, 'standard');
    const invoice = anInvoice({ id: invoiceId, customerId, amount: 1200, issuedAt: '2026-01-01T10:00:00Z', dueDate: '2026-01-15' });
    expect((await rulebook.post('/v1/invoices', invoice)).status).toBe(201);
    await expect
      .poll(async () => (await tasks('status=open&limit=500')).filter((task) => task.invoiceId === invoiceId).length, {
        timeout: 30_000,
        interval: 100,
      })
      .toBe(2);
    return (await tasks('limit=500')).filter((task) => task.invoiceId === invoiceId);
  }

  it('marks a task done with who did it and what came of it; a repeat answers it unchanged', async () => {
    const [call] = (await overdueInvoiceWithTasks('C-tp-done', 'INV-tp-done')).filter((task) => task.kind === 'call');
    const res = await rulebook.post(`/v1/tasks/${call!.id}/done`, { doneBy: 'ar.meena', outcome: 'promised to pay on Friday' });
    expect(res.status).toBe(200);
    const done = await body(res);
    expect(done).toMatchObject({
      id: call!.id,
      status: 'done',
      closedBy: 'ar.meena via token-1',
      closeReason: 'done',
      outcome: 'promised to pay on Friday',
    });
    expect(Date.parse(done.closedAt)).toBeGreaterThan(Date.parse(done.createdAt) - 1);
    expect(await body(await rulebook.api(`/v1/tasks/${call!.id}`))).toEqual(done);
    // Repeated by someone else: the first closing stands.
    expect(await body(await rulebook.post(`/v1/tasks/${call!.id}/done`, { doneBy: 'ar.ravi' }))).toEqual(done);
    expect((await tasks('status=open&limit=500')).map((task) => task.id)).not.toContain(call!.id);
    expect((await tasks('status=done&kind=call&limit=500')).map((task) => task.id)).toContain(call!.id);
  });

  it('cancels the open tasks of an invoice paid in full, which can then no longer be marked done', async () => {
    const made = await overdueInvoiceWithTasks('C-tp-paid', 'INV-tp-paid');
    expect((await rulebook.post('/v1/invoices/INV-tp-paid/payments', aPayment({ amount: 500 }))).status).toBe(201);
    // Part paid: still owed, still to do.
    expect((await tasks('status=open&limit=500')).filter((task) => task.invoiceId === 'INV-tp-paid')).toHaveLength(2);
    expect((await rulebook.post('/v1/invoices/INV-tp-paid/payments', aPayment({ amount: 700 }))).status).toBe(201);
    const cancelled = (await tasks('status=cancelled&limit=500')).filter((task) => task.invoiceId === 'INV-tp-paid');
    const byId = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(cancelled.map((task) => [task.id, task.closeReason, task.closedBy]).sort(byId)).toEqual(
      made.map((task) => [task.id, 'invoice-paid', 'rulebook']).sort(byId),
    );
    const refused = await rulebook.post(`/v1/tasks/${made[0]!.id}/done`, { doneBy: 'ar.meena' });
    expect(refused.status).toBe(409);
    expect((await body(refused)).detail).toMatch(/was cancelled on .* \(invoice-paid\): it no longer applies/);
  });

  it('answers 404 for an unknown task and 422 for a body with an empty doneBy or unknown fields', async () => {
    expect((await rulebook.post('/v1/tasks/no-such-task/done', { doneBy: 'ar' })).status).toBe(404);
    expect((await rulebook.api('/v1/tasks/no-such-task')).status).toBe(404);
    const [task] = await tasks('kind=manual-handling');
    for (const request of [{ doneBy: '' }, { doneBy: 'ar', status: 'done' }, { outcome: '' }]) {
      const res = await rulebook.post(`/v1/tasks/${task!.id}/done`, request);
      expect(res.status, JSON.stringify(request)).toBe(422);
    }
    expect((await rulebook.api('/v1/tasks?status=closed')).status).toBe(422);
    expect((await rulebook.api('/v1/tasks?limit=0')).status).toBe(422);
  });

  it('pages the list, oldest first: each page starts after the last task of the one before', async () => {
    const all = await tasks('status=open&limit=500');
    expect(all.length).toBeGreaterThanOrEqual(3);
    const seen: unknown[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await body(await rulebook.api(`/v1/tasks?limit=2${after ? `&after=${encodeURIComponent(after)}` : ''}`));
      seen.push(...page.tasks.map((task: { id: string }) => task.id));
      expect(page.tasks.length).toBeLessThanOrEqual(2);
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toEqual(all.map((task) => task.id));
  });
});

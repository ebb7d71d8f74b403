/**
 * The work and the money per customer profile and per scenario (seed 001: tasks to do are viewed per
 * customer profile, outstanding amounts are filtered by it, and a profile without a scenario exists
 * to handle its customers case by case), over HTTP on the running system.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, anInvoice } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

// Ids of this file only: the workflow ids (dunning-<invoice>) are shared by every test file on the run's Temporal server.
const rulebook = useTestSystem();
const assignProfile = (customerId: string, profileId: string) =>
  rulebook.put(`/v1/customers/${customerId}/profiles/account-type`, { profileId, assignedBy: 'ar' });
/** The tasks GET /v1/tasks lists for `query`. */
const tasks = async (query: string): Promise<Array<Record<string, unknown>>> => {
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

    expect(await invoicesOfTasks('profile=to-assign')).toEqual(['INV-moved', 'INV-tp-case']);
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
    expect(names('/v1/tasks')).toEqual(['query:kind', 'query:status', 'query:profile', 'query:scenario']);
    expect(names('/v1/receivables')).toEqual(['query:profile', 'query:scenario']);
    expect(doc.paths['/v1/tasks'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/TaskList',
    });
    expect(Object.keys(doc.components.schemas.TaskList.properties.tasks.items.properties)).toEqual(
      expect.arrayContaining(['scenarioId', 'profileSetId', 'profileId']),
    );
    expect(doc.components.schemas.Receivables.required).toEqual(['profileSetId', 'total', 'byProfile', 'byScenario']);
  });
});

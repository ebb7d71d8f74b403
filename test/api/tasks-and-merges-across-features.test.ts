/**
 * Tasks and merges where they meet other features (issue 12, found by an adversarial review): a task
 * marked done while the invoice is paid, an invoice left to manual handling a second time, a task's
 * outcome after obfuscation, merges racing payments and profile changes. Over HTTP on the running
 * system. Ids carry the prefix r12 (workflow ids are shared on the run's Temporal server).
 */
import { describe, expect, it } from 'vitest';
import { aCustomer, anInvoice, aPayment } from '../support/factories';
import { body, useTestSystem } from '../support/running-system';

const rulebook = useTestSystem();
const day = 86_400_000;
const dayFromNow = (days: number) => new Date(Date.now() + days * day).toISOString().slice(0, 10);
const dueLater = () => ({ issuedAt: new Date().toISOString(), dueDate: dayFromNow(20) });
const assignProfile = (customerId: string, profileId: string) =>
  rulebook.put(`/v1/customers/${customerId}/profiles/account-type`, { profileId, assignedBy: 'ar' });
const tasks = async (query: string) => {
  const res = await rulebook.api(`/v1/tasks?${query}`);
  expect(res.status, query).toBe(200);
  return (await body(res)) as { tasks: Array<Record<string, unknown> & { id: string; invoiceId: string | null }>; next?: string };
};
const expectProblem = async (res: Response, status: number) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
};

describe('the manual-handling task of an invoice', () => {
  it('is open again when a profile change leaves the invoice to manual handling a second time (to-assign → standard → to-assign)', async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-r12-back' }));
    const invoice = await rulebook.post('/v1/invoices', anInvoice({ id: 'INV-r12-back', customerId: 'C-r12-back', ...dueLater() }));
    expect((await body(invoice)).dunning).toEqual({ scenarioId: null, manualHandling: true });
    expect((await assignProfile('C-r12-back', 'standard')).status).toBe(200);
    expect(await body(await rulebook.api('/v1/tasks/manual:INV-r12-back'))).toMatchObject({
      status: 'cancelled',
      closeReason: 'reminders-started',
    });

    expect((await assignProfile('C-r12-back', 'to-assign')).status).toBe(200);

    // Reminders ended (profile-changed); receivables count the invoice under scenario none, to handle by hand…
    const receivables = await body(await rulebook.api('/v1/receivables?scenario=none&profile=to-assign'));
    expect(receivables.total.invoices).toBeGreaterThanOrEqual(1);
    const plan = await body(await rulebook.api('/v1/invoices/INV-r12-back/dunning'));
    expect(plan.state ?? plan.sequence?.state).toBe('ended');
    // …so the task list must show it as open work, with the profile now held.
    const open = await tasks('scenario=none&profile=to-assign');
    expect(open.tasks.map((task) => task.invoiceId)).toContain('INV-r12-back');
  });
});

describe('tasks closing', () => {
  it('a task marked done while a payment pays the invoice in full ends in one state, answered consistently (x8)', async () => {
    for (let n = 0; n < 8; n++) {
      const customerId = `C-r12-race-${n}`;
      const invoiceId = `INV-r12-race-${n}`;
      await rulebook.post('/v1/customers', aCustomer({ id: customerId }));
      await rulebook.post('/v1/invoices', anInvoice({ id: invoiceId, customerId, amount: 800, ...dueLater() }));
      const [done, paid] = await Promise.all([
        rulebook.post(`/v1/tasks/manual:${invoiceId}/done`, { doneBy: 'ops', outcome: 'handled' }),
        rulebook.post(`/v1/invoices/${invoiceId}/payments`, aPayment({ amount: 800 })),
      ]);
      expect([200, 201]).toContain(paid.status);
      const task = await body(await rulebook.api(`/v1/tasks/manual:${invoiceId}`));
      if (done.status === 200) expect(task).toMatchObject({ status: 'done', closedBy: 'ops via token-1', outcome: 'handled' });
      else {
        await expectProblem(done, 409);
        expect(task).toMatchObject({ status: 'cancelled', closeReason: 'invoice-paid' });
      }
    }
  });

  it('pages through tasks made in one transaction (same created_at) without loss or repeat', async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-r12-ties' }));
    expect((await assignProfile('C-r12-ties', 'standard')).status).toBe(200);
    for (let n = 0; n < 5; n++) {
      await rulebook.post('/v1/invoices', anInvoice({ id: `INV-r12-ties-${n}`, customerId: 'C-r12-ties', ...dueLater() }));
    }
    // One profile change leaves all five to manual handling in one transaction.
    expect((await assignProfile('C-r12-ties', 'to-assign')).status).toBe(200);
    const rows = await rulebook.system.db.query<{ n: string }>(
      `SELECT count(DISTINCT created_at)::text AS n FROM tasks WHERE customer_id = 'C-r12-ties'`,
    );
    expect(rows[0]!.n).toBe('1');
    const seen: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await tasks(`kind=manual-handling&limit=2${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      seen.push(...page.tasks.filter((task) => String(task.invoiceId).startsWith('INV-r12-ties')).map((task) => task.id));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4].map((n) => `manual:INV-r12-ties-${n}`));
  });

  it('answers a page `after` a task id that does not exist with a problem, not an empty page that looks like the end', async () => {
    const res = await rulebook.api('/v1/tasks?after=no-such-task');
    expect(res.status).not.toBe(200);
    await expectProblem(res, 422);
  });

  it('clear problems for hostile task requests, never a 500', async () => {
    await expectProblem(await rulebook.post('/v1/tasks/nope/done', { doneBy: 'ops' }), 404);
    expect((await rulebook.api('/v1/tasks/%E0%A4%A')).status).toBeLessThan(500);
    await expectProblem(await rulebook.post('/v1/tasks/nope/done', { doneBy: 7 }), 422);
    await expectProblem(await rulebook.post('/v1/tasks/nope/done', { doneBy: 'ops', status: 'done' }), 422);
    // (Unknown profile/scenario ids are accepted on purpose: tasks of removed ones stay findable.)
    for (const query of ['status=closed', 'limit=0', 'limit=abc', 'limit=100000', 'status=open&status=done', 'after=a&after=b']) {
      const res = await rulebook.api(`/v1/tasks?${query}`);
      expect(res.status, query).toBeLessThan(500);
      expect(res.status, query).not.toBe(200);
    }
  });
});

describe('personal data after obfuscation', () => {
  it("leaves no former contact in a task's outcome (free text, as a note's)", async () => {
    const phone = '+919812300017';
    const email = 'r12.priya.outcome@example.com';
    await rulebook.post('/v1/customers', { id: 'C-r12-obf', email, phone, name: 'Priya Outcome' });
    await rulebook.post('/v1/invoices', anInvoice({ id: 'INV-r12-obf', customerId: 'C-r12-obf', amount: 900, ...dueLater() }));
    const done = await rulebook.post('/v1/tasks/manual:INV-r12-obf/done', {
      doneBy: 'ops.anil',
      outcome: `Priya Outcome promised to pay; call back on ${phone} or write to ${email}`,
    });
    expect(done.status).toBe(200);
    expect((await rulebook.post('/v1/invoices/INV-r12-obf/payments', aPayment({ amount: 900 }))).status).toBe(201);
    const res = await rulebook.post('/v1/customers/C-r12-obf/obfuscation', { reason: 'asked', requestedBy: 'dpo' });
    expect(res.status).toBe(200);

    const shown = JSON.stringify(await body(await rulebook.api('/v1/tasks/manual:INV-r12-obf')));
    for (const secret of [phone, email, 'Priya Outcome']) expect(shown).not.toContain(secret);
  });
});

describe('merges racing', () => {
  it('two opposite merges of one pair at once: one 200, one clear 409, never a 500 (x5)', async () => {
    for (let n = 0; n < 5; n++) {
      const [a, b] = [`C-r12-opp-a${n}`, `C-r12-opp-b${n}`];
      await rulebook.post('/v1/customers', aCustomer({ id: a }));
      await rulebook.post('/v1/customers', aCustomer({ id: b }));
      const answers = await Promise.all([
        rulebook.post(`/v1/customers/${a}/merge`, { duplicateId: b, mergedBy: 'ops' }),
        rulebook.post(`/v1/customers/${b}/merge`, { duplicateId: a, mergedBy: 'ops' }),
      ]);
      expect(answers.map((res) => res.status).sort((a, b) => a - b)).toEqual([200, 409]);
    }
  });

  it('a merge, a payment in full of the duplicate’s invoice and a profile change of the survivor at once leave nothing owed reminded or open (x5)', async () => {
    for (let n = 0; n < 5; n++) {
      const [survivor, duplicate, invoiceId] = [`C-r12-tri-s${n}`, `C-r12-tri-d${n}`, `INV-r12-tri-${n}`];
      await rulebook.post('/v1/customers', aCustomer({ id: survivor }));
      await rulebook.post('/v1/customers', aCustomer({ id: duplicate }));
      expect((await assignProfile(survivor, 'standard')).status).toBe(200);
      expect((await assignProfile(duplicate, 'export')).status).toBe(200);
      // Overdue: the export scenario's call task is made at once.
      await rulebook.post('/v1/invoices', anInvoice({ id: invoiceId, customerId: duplicate, amount: 1200, dueDate: '2026-01-01' }));
      const [merged, paid, changed] = await Promise.all([
        rulebook.post(`/v1/customers/${survivor}/merge`, { duplicateId: duplicate, mergedBy: 'ops' }),
        rulebook.post(`/v1/invoices/${invoiceId}/payments`, aPayment({ amount: 1200 })),
        assignProfile(survivor, n % 2 === 0 ? 'to-assign' : 'key-account'),
      ]);
      expect([merged.status, paid.status, changed.status]).toEqual([200, 201, 200]);
      // Nothing is owed: no reminder sequence of the invoice is started after the payment, and no task stays open.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const open = await rulebook.system.db.query(`SELECT id FROM tasks WHERE invoice_id = $1 AND status = 'open'`, [invoiceId]);
      expect(open, `open tasks of ${invoiceId}`).toEqual([]);
      const receivables = await body(await rulebook.api('/v1/receivables'));
      expect(JSON.stringify(receivables)).not.toContain(invoiceId);
      const dup = await body(await rulebook.api(`/v1/customers/${duplicate}`));
      expect(dup.mergedInto).toBe(survivor);
      expect(dup.profiles ?? {}).toEqual({});
    }
  });
});

describe('a merge into a survivor without a scenario', () => {
  it("leaves the duplicate's mid-sequence invoice as open manual-handling work, even when its task was cancelled before", async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-r12-mk' }));
    // The duplicate was to assign (manual-handling task), then standard: reminders started, the task cancelled.
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-r12-md' }));
    await rulebook.post('/v1/invoices', anInvoice({ id: 'INV-r12-md', customerId: 'C-r12-md', ...dueLater() }));
    expect((await assignProfile('C-r12-md', 'standard')).status).toBe(200);
    expect((await body(await rulebook.api('/v1/tasks/manual:INV-r12-md'))).status).toBe('cancelled');

    const merged = await rulebook.post('/v1/customers/C-r12-mk/merge', { duplicateId: 'C-r12-md', mergedBy: 'ops' });
    expect(merged.status).toBe(200);

    const plan = await body(await rulebook.api('/v1/invoices/INV-r12-md/dunning'));
    expect(JSON.stringify(plan)).toContain('profile-changed');
    const receivables = await body(await rulebook.api('/v1/receivables?scenario=none'));
    expect(receivables.byProfile).toEqual(expect.arrayContaining([expect.objectContaining({ profileId: 'to-assign' })]));
    const open = await tasks('scenario=none');
    expect(open.tasks.map((task) => task.invoiceId)).toContain('INV-r12-md');
  });

  it('a merge into a survivor pending erasure is a clear 409', async () => {
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-r12-pe' }));
    await rulebook.post('/v1/customers', aCustomer({ id: 'C-r12-pe-d' }));
    expect((await rulebook.post('/v1/customers/C-r12-pe/erasure', { reason: 'asked', requestedBy: 'dpo' })).status).toBe(202);
    await expectProblem(await rulebook.post('/v1/customers/C-r12-pe/merge', { duplicateId: 'C-r12-pe-d', mergedBy: 'ops' }), 409);
    await expectProblem(await rulebook.post('/v1/customers/C-r12-pe-d/merge', { duplicateId: 'C-r12-pe', mergedBy: 'ops' }), 409);
  });
});

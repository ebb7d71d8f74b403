/**
 * The console as support staff and analysts use it, in a real headless Chromium against a real
 * Rulebook (API, worker, Temporal dev server, PostgreSQL): sign in, find a customer by phone,
 * request and cancel an erasure, watch an import, open a group's members, an invoice's reminder
 * timeline, and explain a decision. Each test writes a screenshot of its page to test-results/console.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, screenshot, useBrowser } from '../support/browser';
import { shippedRules } from '../support/rule-dirs';
import { body, testToken, useTestSystem } from '../support/running-system';

const asha = { id: 'C-console-1', email: 'asha.rao@example.com', phone: '+91 98765 43210', name: 'Asha Rao' };
/** Two days ago: the reminders due before it and on the day after it have run, later ones wait. */
const dueDate = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
const invoiceId = 'INV-console-1';
/** A name with a "•" of its own: the console must not take it for one the API masked. */
const ravi = { id: 'C-console-bullet', email: 'ravi.sharma@example.com', name: 'Ravi • Sharma' };
/** The default profile (to-assign) has no reminder scenario: Manu's invoice is left to manual handling. */
const manu = { id: 'C-console-manual', email: 'manu@example.com', name: 'Manu Pillai' };
const manualInvoiceId = 'INV-console-manual';

// The returner profiles switched on, so that a return gives Asha a profile with a decision record behind it.
const returnBehaviour = readFileSync(path.join(shippedRules, 'profiles/return-behaviour.yaml'), 'utf8').replaceAll(
  'active: false',
  'active: true',
);

/** Every page of the console, with data on it. */
const consolePages = [
  '/console/customers',
  `/console/customers/${asha.id}`,
  '/console/groups',
  '/console/groups/premium-users',
  '/console/groups/vip-import',
  '/console/files',
  '/console/receivables',
  `/console/invoices/${invoiceId}`,
  `/console/invoices/${manualInvoiceId}`,
  '/console/rules',
];

describe('console', () => {
  const rulebook = useTestSystem({ rules: { 'profiles/return-behaviour.yaml': returnBehaviour } });
  const browser = useBrowser();

  beforeAll(async () => {
    expect((await rulebook.post('/v1/customers', asha)).status).toBe(201);
    expect((await rulebook.patch(`/v1/customers/${asha.id}`, { attributes: { premium_member: true, city: 'Kozhikode' } })).status).toBe(
      200,
    );
    expect((await rulebook.put(`/v1/customers/${asha.id}/profiles/account-type`, { profileId: 'standard' })).status).toBe(200);
    const invoice = { id: invoiceId, customerId: asha.id, amount: 1_800, currency: 'INR', dueDate, issuedAt: `${dueDate}T00:00:00Z` };
    expect((await rulebook.post('/v1/invoices', invoice)).status).toBe(201);
    expect((await rulebook.post('/v1/customers', ravi)).status).toBe(201);
    expect((await rulebook.post('/v1/customers', manu)).status).toBe(201);
    const manual = { ...invoice, id: manualInvoiceId, customerId: manu.id, amount: 500 };
    expect((await rulebook.post('/v1/invoices', manual)).status).toBe(201);
    const aReturn = { id: 'R-console-1', customerId: asha.id, items: 1, returnedAt: new Date(Date.now() - 86_400_000).toISOString() };
    expect((await rulebook.post('/v1/returns', aReturn)).status).toBe(201);
  });

  /** A page of the console at `path`, signed in with the test token. */
  async function signedIn(path: string, viewport?: { width: number; height: number }): Promise<Page> {
    const page = await browser.newPage(viewport);
    await page.goto(`${rulebook.system.apiUrl}/console`);
    await page.getByLabel('API token').fill(testToken);
    await page.getByLabel('Your name (optional)').fill('Meena K');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    if (path !== '/console') await page.goto(`${rulebook.system.apiUrl}${path}`);
    return page;
  }

  it('signs in with a token kept for the tab only, and refuses a wrong one saying why', async () => {
    const page = await browser.newPage();
    await page.goto(`${rulebook.system.apiUrl}/console`);
    await page.getByLabel('API token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/token/i);
    await screenshot(page, 'sign-in');

    // By keyboard alone: the token field takes the focus first, Enter signs in.
    await page.reload();
    await page.getByLabel('API token').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type(testToken);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    expect(await page.evaluate('sessionStorage.getItem("rulebook.token")')).toBe(testToken);
    expect(await page.evaluate('localStorage.length')).toBe(0);
    expect(page.url()).not.toContain(testToken);
  });

  it('refuses a name to act for with a credential that may not act for a person, saying so', async () => {
    const made = await rulebook.post('/v1/credentials', { name: 'front-desk', scopes: ['customers:read'] });
    const { token } = await body(made);
    const page = await browser.newPage();
    await page.goto(`${rulebook.system.apiUrl}/console`);
    await page.getByLabel('API token').fill(token);
    await page.getByLabel('Your name (optional)').fill('Meena K');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/delegate/);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);

    // Without the name it signs in; a page it may not read says which scope it lacks.
    await page.getByLabel('Your name (optional)').fill('');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    await page.goto(`${rulebook.system.apiUrl}/console/rules`);
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/rules:explain/);
  });

  it('finds a customer by phone, written another way, with personal values masked until revealed', async () => {
    const page = await signedIn('/console/customers');
    await page.getByLabel('Search by').selectOption('phone');
    await page.getByLabel('Phone').fill('+91-98765-43210');
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.getByRole('row', { name: new RegExp(asha.id) });
    await row.waitFor();
    expect(await row.textContent()).toContain('+91•••••43210');
    expect(await row.textContent()).not.toContain('Asha Rao');
    await row.getByRole('button', { name: 'Reveal name' }).click();
    expect(await row.textContent()).toContain('Asha Rao');
    // The search is never in the address: browser history and proxies would keep it.
    expect(page.url()).not.toMatch(/98765|43210/);
    await screenshot(page, 'customers-search');

    await row.getByRole('link', { name: asha.id }).click();
    await page.getByRole('heading', { name: `Customer ${asha.id}` }).waitFor();
    expect(page.url()).toBe(`${rulebook.system.apiUrl}/console/customers/${asha.id}`);
  });

  it('requests an erasure with a reason, refuses a cancel without one, cancels with one, and the timeline shows both', async () => {
    const page = await signedIn(`/console/customers/${asha.id}`);
    const erasure = page.getByRole('region', { name: 'Erasure' });
    await erasure.getByRole('button', { name: 'Preview erasure' }).click();
    const preview = page.getByRole('region', { name: 'What the erasure will remove' });
    expect(await preview.textContent()).toContain('email');
    await preview.getByLabel("Why erase this customer's personal data?").fill('Customer asked by email on 30 Nov');
    await preview.getByRole('button', { name: 'Request erasure' }).click();
    await expect.poll(() => erasure.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/waiting: 45 days left/);

    await erasure.getByRole('button', { name: 'Cancel erasure' }).click();
    await expect.poll(() => erasure.getByRole('alert').textContent()).toMatch(/Give a reason/);
    expect(await body(await rulebook.api(`/v1/customers/${asha.id}/erasure`))).toMatchObject({ state: 'waiting' });

    await erasure.getByLabel('Why cancel (restore) this erasure?').fill('Requested by mistake, confirmed on the phone');
    await erasure.getByRole('button', { name: 'Cancel erasure' }).click();
    await expect.poll(() => erasure.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/cancel/);

    // The timeline records the request and the cancel, with the person who acted, via the credential.
    const timeline = page.getByRole('list', { name: 'Timeline entries, newest first' });
    await expect
      .poll(
        async () => {
          await page.reload();
          return timeline.textContent();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toMatch(/erasure-cancelled[\s\S]*erasure-requested|erasure-requested[\s\S]*erasure-cancelled/);
    expect(await timeline.textContent()).toContain('Requested by mistake, confirmed on the phone');
    expect(await timeline.textContent()).toContain('Meena K via token-1');
    await expect.poll(() => erasure.getByRole('status').textContent()).toBe('Latest erasure: cancelled.');
    await screenshot(page, 'customer');
  });

  it("shows an import's progress bar until it reads Complete", async () => {
    const page = await signedIn('/console/files');
    const rows = Array.from({ length: 1_500 }, (_, n) => `C-console-import-${n},import.${n}@example.com,,Imported ${n}`);
    await page.getByLabel('Customer file (CSV or XLSX)').setInputFiles({
      name: 'customers-november.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['id,email,phone,name', ...rows].join('\n')),
    });
    await page.getByRole('button', { name: 'Start import' }).click();
    const bar = page.getByRole('progressbar', { name: 'Import customers-november.csv' });
    await expect.poll(() => bar.getAttribute('aria-valuetext'), { timeout: 60_000, interval: 250 }).toBe('Complete, 1500 of 1500 rows');
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');

    // A file with a bad row: Partial, and its error file names the row and what is wrong.
    await page.getByLabel('Customer file (CSV or XLSX)').setInputFiles({
      name: 'with-errors.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['id,email,phone,name', 'C-console-ok,ok@example.com,,Okay', 'C-console-bad,not-an-email,,Bad'].join('\n')),
    });
    await page.getByRole('button', { name: 'Start import' }).click();
    const partial = page.getByRole('progressbar', { name: 'Import with-errors.csv' });
    await expect.poll(() => partial.getAttribute('aria-valuetext'), { timeout: 30_000, interval: 250 }).toBe('Partial, 2 of 2 rows');
    const row = page.locator('tr', { has: partial });
    expect(await row.textContent()).toContain('1 imported, 1 rejected');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: 'Download the error file' }).click(),
    ]);
    const errorFile = readFileSync(await download.path(), 'utf8');
    expect(errorFile).toMatch(/ERROR/);
    expect(errorFile).toContain('C-console-bad');
    expect(errorFile).not.toContain('C-console-ok');
    await screenshot(page, 'imports-and-exports');
  });

  it('exports the customers of a group and downloads the file', async () => {
    const page = await signedIn('/console/files');
    await page.getByLabel('Customers', { exact: true }).selectOption('premium-users');
    await page.getByRole('button', { name: 'Start export' }).click();
    const bar = page.getByRole('progressbar', { name: /^Export / });
    await expect.poll(() => bar.getAttribute('aria-valuetext'), { timeout: 30_000, interval: 250 }).toBe('Complete, 1 of 1 rows');
    const row = page.locator('tr', { has: bar });
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Download' }).click()]);
    const file = readFileSync(await download.path(), 'utf8');
    expect(file.split(/\r?\n/)[0]).toMatch(/^id,email,phone,name/);
    expect(file).toContain(asha.id);
  });

  it("opens a group's members from its live count", async () => {
    const page = await signedIn('/console/groups');
    const premium = page.getByRole('row', { name: /Premium users/ });
    await expect.poll(() => premium.locator('[data-count]').getAttribute('data-count')).toBe('1');
    expect(await premium.textContent()).toContain('premium_member');
    await screenshot(page, 'groups');
    await premium.getByRole('link', { name: 'View users of Premium users' }).click();
    const members = page.getByRole('list', { name: 'Members of premium-users' });
    await expect.poll(() => members.textContent()).toContain(asha.id);
    await screenshot(page, 'group-members');
  });

  it("opens an invoice's reminder timeline from who owes what", async () => {
    const page = await signedIn('/console/receivables');
    await page.getByLabel('Scenario').selectOption('standard');
    const invoiceLink = page.getByRole('link', { name: invoiceId });
    await invoiceLink.waitFor();
    await screenshot(page, 'who-owes-what');
    await invoiceLink.click();
    const timeline = page.getByRole('region', { name: 'Reminder timeline' });
    // The steps due by now run at once: the one before the due date and the first reminder after it.
    await expect
      .poll(
        async () => {
          await page.reload();
          await timeline.locator('li.step').first().waitFor();
          return timeline.locator('li.step-done').count();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(2);
    expect(await timeline.locator('[data-step="sms-reminder"]').textContent()).toContain('pending');
    expect(await timeline.getByRole('status').textContent()).toBe('Running');
    await page.getByLabel('Why pause (optional)').fill('Disputed by phone');
    await page.getByRole('button', { name: 'Pause reminders' }).click();
    await expect.poll(() => timeline.getByRole('status').textContent()).toMatch(/^Paused/);
    // The pause is in the invoice's history, with who paused it.
    const history = page.getByRole('list', { name: 'History of this invoice, newest first' });
    await expect.poll(() => history.textContent()).toMatch(/reminders-paused.*reason: Disputed by phone.*pausedBy: Meena K via token-1/);
    expect(await history.textContent()).toContain('invoice-issued');
    await screenshot(page, 'invoice-reminders');
  });

  it('explains a decision: every condition with the value it saw', async () => {
    const page = await signedIn('/console/rules');
    await page.getByLabel('Facts (JSON: fact id → value)').fill('{ "total_spent": 7200, "city": "Mumbai" }');
    await page.getByRole('button', { name: 'Explain' }).click();
    const decision = page.getByRole('region', { name: 'Decision', exact: true });
    await expect.poll(() => decision.textContent()).toContain('groups: high-value-mumbai');
    expect(await decision.textContent()).toContain('total_spent > 5000 (saw 7200) held');
    await screenshot(page, 'rules-explain');
  });

  it('previews the impact of an edited rule file on the real customers', async () => {
    const page = await signedIn('/console/rules');
    await page.getByLabel('Rule file').selectOption('groups/seed-examples.yaml');
    const editor = page.getByLabel('Candidate text of groups/seed-examples.yaml');
    const text = await editor.inputValue();
    expect(text).toContain('operator: isTrue');
    await editor.fill(text.replace(/fact: premium_member\n(\s+)operator: isTrue/, 'fact: premium_member\n$1operator: isFalse'));
    await page.getByRole('button', { name: 'Preview the impact' }).click();
    const premium = page.getByRole('region', { name: 'Impact' }).getByRole('row', { name: /premium-users/ });
    // Asha is the one premium member: she would leave; every imported customer (not premium) would join.
    await expect.poll(() => premium.textContent()).toMatch(/premium-users\d+1$/);
    await screenshot(page, 'rules-impact');
  });

  it('shows the decision record behind a profile as an explain trace', async () => {
    const page = await signedIn(`/console/customers/${asha.id}`);
    const profile = page.getByRole('list', { name: 'Profiles' }).getByRole('listitem').filter({ hasText: 'return-behaviour' });
    expect(await profile.textContent()).toContain('first-time-returner');
    await profile.getByRole('button', { name: 'Why?' }).click();
    const why = page.getByRole('dialog', { name: /^Why: decision/ });
    const trace = why.getByRole('region', { name: 'Profile set return-behaviour' });
    await expect.poll(() => trace.textContent()).toContain('returns_in_window ≥ 1 (saw 1) held');
    expect(await why.textContent()).toContain('Trigger: return-created');
    await screenshot(page, 'customer-decision');
    await page.keyboard.press('Escape');
    await expect.poll(() => why.isVisible()).toBe(false);
  });

  it('masks personal attributes on the customer page until revealed', async () => {
    const page = await signedIn(`/console/customers/${asha.id}`);
    const city = page.getByRole('row', { name: /city/ });
    await city.waitFor();
    expect(await city.textContent()).not.toContain('Kozhikode');
    await city.getByRole('button', { name: 'Reveal city' }).click();
    expect(await city.textContent()).toContain('Kozhikode');
    expect(page.url()).not.toContain('Kozhikode');
  });

  it('fits a phone screen without sideways scrolling, on every page', async () => {
    const page = await signedIn('/console/customers', { width: 390, height: 844 });
    const overflowing: Record<string, number> = {};
    const measure = async (what: string) => {
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      if (overflow > 0) overflowing[what] = overflow;
    };
    await page.getByLabel('Search by').selectOption('q');
    await page.getByLabel('Name, customer id or receipt').fill('Asha');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('row', { name: new RegExp(asha.id) }).waitFor();
    await measure('customers with search results');
    for (const path of consolePages) {
      await page.goto(`${rulebook.system.apiUrl}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await measure(path);
    }
    expect(overflowing).toEqual({});
    await page.goto(`${rulebook.system.apiUrl}/console/customers/${asha.id}`);
    await page.getByRole('heading', { name: `Customer ${asha.id}` }).waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'customer-phone');
  });

  it('masks a name that has a "•" of its own until revealed', async () => {
    const page = await signedIn(`/console/customers/${ravi.id}`);
    const contact = page.getByRole('region', { name: 'Contact' });
    await contact.getByRole('button', { name: 'Reveal name' }).click();
    expect(await contact.textContent()).toContain('Ravi • Sharma');
    await contact.getByRole('button', { name: 'Hide name' }).click();
    expect(await contact.textContent()).not.toContain('Sharma');
  });

  it('signs in a person whose name is not in Latin-1, and records their name as they wrote it', async () => {
    const page = await browser.newPage();
    await page.goto(`${rulebook.system.apiUrl}/console`);
    await page.getByLabel('API token').fill(testToken);
    await page.getByLabel('Your name (optional)').fill('Lakshmī Rāo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    await page.goto(`${rulebook.system.apiUrl}/console/customers/${manu.id}`);
    await page.getByLabel('Add a note').fill('Promised to pay on Friday');
    await page.getByRole('button', { name: 'Add note' }).click();
    const notes = page.getByRole('region', { name: 'Notes' });
    await expect.poll(() => notes.textContent()).toContain('Lakshmī Rāo via token-1');
  });

  it('says that an invoice left to manual handling has no reminders, and what it owes', async () => {
    const page = await signedIn('/console/receivables');
    // In the unpaid invoices, and in its manual-handling task.
    await page.getByRole('link', { name: manualInvoiceId }).first().click();
    const status = page.getByRole('status');
    await expect.poll(() => status.textContent()).toMatch(/left to manual handling/);
    expect(await page.locator('main').textContent()).toContain('₹500.00 outstanding');
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('shows who owes what, with its filters, to a credential that may read customers only', async () => {
    const { token } = await body(await rulebook.post('/v1/credentials', { name: 'front-desk-reader', scopes: ['customers:read'] }));
    const page = await browser.newPage();
    await page.goto(`${rulebook.system.apiUrl}/console`);
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    await page.goto(`${rulebook.system.apiUrl}/console/receivables`);
    await page.getByLabel('Scenario').selectOption('standard');
    await page.getByRole('link', { name: invoiceId }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    // Personal values come masked from the API for this credential: nothing to reveal.
    await page.goto(`${rulebook.system.apiUrl}/console/customers/${asha.id}`);
    const contact = page.getByRole('region', { name: 'Contact' });
    await expect.poll(() => contact.textContent()).toContain('A••• R•••');
    expect(await contact.getByRole('button').count()).toBe(0);
  });

  it('says why the sign-in form came back when the API stops taking the token', async () => {
    const { token } = await body(await rulebook.post('/v1/credentials', { name: 'soon-revoked', scopes: ['customers:read'] }));
    const page = await browser.newPage();
    await page.goto(`${rulebook.system.apiUrl}/console`);
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    expect((await rulebook.post('/v1/credentials/soon-revoked/revoke', {})).status).toBe(200);
    // A revoked token fails within 5 s (each API process remembers a credential that long).
    await expect
      .poll(
        async () => {
          await page.goto(`${rulebook.system.apiUrl}/console/groups`);
          return page
            .getByRole('alert')
            .first()
            .textContent({ timeout: 2_000 })
            .catch(() => '');
        },
        { timeout: 20_000, interval: 1_000 },
      )
      .toMatch(/no longer takes this token/);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('shows a merged-away duplicate without the actions the API would refuse, and an unknown group plainly', async () => {
    expect((await rulebook.post('/v1/customers', { id: 'C-console-dup', email: 'dup@example.com' })).status).toBe(201);
    expect((await rulebook.post(`/v1/customers/${manu.id}/merge`, { duplicateId: 'C-console-dup' })).status).toBe(200);
    const page = await signedIn('/console/customers/C-console-dup');
    await expect.poll(() => page.locator('main').textContent()).toContain(`Merged into ${manu.id}`);
    expect(await page.getByRole('button', { name: 'Preview erasure' }).count()).toBe(0);
    expect(await page.getByLabel('Add a note').count()).toBe(0);

    await page.goto(`${rulebook.system.apiUrl}/console/groups/no-such-group`);
    await expect.poll(() => page.getByRole('alert').allTextContents()).toHaveLength(1);
    expect(await page.locator('main').textContent()).not.toContain('Counting');
  });

  it('has no accessibility problem that axe-core finds (WCAG 2.1 AA) on any page', async () => {
    const page = await signedIn('/console/customers');
    const problems: Record<string, string[]> = {};
    for (const path of consolePages) {
      await page.goto(`${rulebook.system.apiUrl}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const found = await accessibilityProblems(page);
      if (found.length > 0) problems[path] = found;
    }
    await page.goto(`${rulebook.system.apiUrl}/console`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API token').waitFor();
    const signIn = await accessibilityProblems(page);
    if (signIn.length > 0) problems['sign-in'] = signIn;
    expect(problems).toEqual({});
  });
});

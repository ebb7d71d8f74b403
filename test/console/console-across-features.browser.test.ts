/**
 * The console where two features meet on one customer or invoice: an erasure blocked by an unpaid
 * invoice, reminders ended by a profile change, a paused invoice whose customer is merged into
 * another; and the keyboard after a preview replaces the button that asked for it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../support/browser';
import { body, testToken, useTestSystem } from '../support/running-system';

/** Two days ago: the first reminders of an invoice due then run at once. */
const dueDate = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
const invoiceOf = (id: string, customerId: string) => ({
  id,
  customerId,
  amount: 900,
  currency: 'INR',
  dueDate,
  issuedAt: `${dueDate}T00:00:00Z`,
});

describe('console, across features', () => {
  const rulebook = useTestSystem({ env: { RULEBOOK_ERASURE_GRACE_PERIOD: '2 seconds' } });
  const browser = useBrowser();

  async function signedIn(path: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${rulebook.system.apiUrl}/console`);
    await page.getByLabel('API token').fill(testToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    await page.goto(`${rulebook.system.apiUrl}${path}`);
    return page;
  }

  /** A customer on the standard profile, whose scenario runs reminders. */
  async function standardCustomer(id: string): Promise<void> {
    expect((await rulebook.post('/v1/customers', { id, email: `${id.toLowerCase()}@example.com` })).status).toBe(201);
    expect((await rulebook.put(`/v1/customers/${id}/profiles/account-type`, { profileId: 'standard' })).status).toBe(200);
  }

  /** Waits until the invoice's reminder sequence has started. */
  const planStarted = (invoiceId: string) =>
    expect.poll(async () => (await rulebook.api(`/v1/invoices/${invoiceId}/dunning`)).status, { timeout: 15_000 }).toBe(200);

  it('says why an erasure waits past its grace period, not a countdown', async () => {
    await standardCustomer('C-blocked');
    expect((await rulebook.post('/v1/invoices', invoiceOf('INV-blocked', 'C-blocked'))).status).toBe(201);
    expect((await rulebook.post('/v1/customers/C-blocked/erasure', { reason: 'Asked by email' })).status).toBe(202);
    await expect
      .poll(async () => (await body(await rulebook.api('/v1/customers/C-blocked/erasure'))).state, { timeout: 20_000 })
      .toBe('blocked');
    const page = await signedIn('/console/customers/C-blocked');
    const erasure = page.getByRole('region', { name: 'Erasure' });
    await expect.poll(() => erasure.getByRole('status').textContent()).toMatch(/^Erasure blocked: .*Rechecked daily/);
    expect(await erasure.getByRole('list', { name: 'What still needs the data' }).textContent()).toContain('unpaid invoices: INV-blocked');
    expect(await erasure.textContent()).not.toMatch(/days left/);
    expect(await erasure.getByRole('button', { name: 'Cancel erasure' }).count()).toBe(1);
  });

  it('shows the reminders a profile change ended, and why', async () => {
    await standardCustomer('C-moved');
    expect((await rulebook.post('/v1/invoices', invoiceOf('INV-moved', 'C-moved'))).status).toBe(201);
    await planStarted('INV-moved');
    expect((await rulebook.put('/v1/customers/C-moved/profiles/account-type', { profileId: 'to-assign' })).status).toBe(200);
    await expect
      .poll(async () => (await body(await rulebook.api('/v1/invoices/INV-moved/dunning'))).endReason, { timeout: 15_000 })
      .toBe('profile-changed');
    const page = await signedIn('/console/invoices/INV-moved');
    const timeline = page.getByRole('region', { name: 'Reminder timeline' });
    await expect.poll(() => timeline.getByRole('status').textContent()).toMatch(/^Ended: the customer's profile changed/);
    expect(await timeline.textContent()).toContain('Scenario standard');
  });

  it("keeps who paused an invoice's reminders in its history after its customer is merged into another", async () => {
    await standardCustomer('C-dup');
    await standardCustomer('C-survivor');
    expect((await rulebook.post('/v1/invoices', invoiceOf('INV-merged', 'C-dup'))).status).toBe(201);
    await planStarted('INV-merged');
    expect((await rulebook.post('/v1/invoices/INV-merged/dunning/pause', { reason: 'Disputed amount' })).status).toBe(200);
    expect((await rulebook.post('/v1/customers/C-survivor/merge', { duplicateId: 'C-dup' })).status).toBe(200);
    const page = await signedIn('/console/invoices/INV-merged');
    await expect.poll(() => page.locator('main').textContent()).toContain('Customer C-survivor');
    const history = page.getByRole('list', { name: 'History of this invoice, newest first' });
    await expect.poll(() => history.textContent()).toMatch(/reminders-paused.*reason: Disputed amount/);
  });

  it('puts the keyboard in the reason field when a preview replaces the button', async () => {
    expect((await rulebook.post('/v1/customers', { id: 'C-keys', email: 'kay@example.com', name: 'Kay Keys' })).status).toBe(201);
    const page = await signedIn('/console/customers/C-keys');
    const preview = page.getByRole('button', { name: 'Preview erasure' });
    await preview.focus();
    await page.keyboard.press('Enter');
    const reason = page.getByLabel("Why erase this customer's personal data?");
    await expect.poll(() => reason.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type('Asked on the phone');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const erasure = page.getByRole('region', { name: 'Erasure' });
    await expect.poll(() => erasure.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/^Erasure (waiting|blocked)/);
  });

  it('manages a customer as the back-office page does: tasks, deactivation, a merge confirmed first, an obfuscation refused', async () => {
    // The default profile has no scenario: the invoice is a manual-handling task of this customer.
    expect((await rulebook.post('/v1/customers', { id: 'C-manage', email: 'manage@example.com', name: 'Mala Nair' })).status).toBe(201);
    expect((await rulebook.post('/v1/customers', { id: 'C-manage-twin', email: 'mala.n@example.com' })).status).toBe(201);
    expect((await rulebook.post('/v1/invoices', invoiceOf('INV-manage', 'C-manage'))).status).toBe(201);
    const page = await signedIn('/console/customers/C-manage');
    const tasks = page.getByRole('region', { name: 'Open tasks' });
    await tasks.getByRole('button', { name: 'Mark task manual-handling of C-manage done' }).click();
    await expect.poll(() => tasks.textContent()).toContain('No open task.');

    const manage = page.getByRole('region', { name: 'Manage' });
    await manage.getByLabel('Active').uncheck();
    await expect.poll(() => manage.getByRole('status').textContent()).toBe('Deactivated.');
    await page.goto(`${rulebook.system.apiUrl}/console/customers`);
    await page.getByLabel('Search by').selectOption('q');
    await page.getByLabel('Name, customer id or receipt').fill('Mala');
    await page.getByLabel('Status').selectOption('false');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('1 found.');
    await page.getByRole('link', { name: 'C-manage' }).click();

    await manage.getByLabel('Customer id of the duplicate').fill('C-manage-twin');
    await manage.getByRole('button', { name: 'Merge' }).click();
    await page.getByRole('dialog', { name: 'Merge' }).getByRole('button', { name: 'No, keep it' }).click();
    expect((await body(await rulebook.api('/v1/customers/C-manage-twin'))).mergedInto).toBeNull();
    await manage.getByRole('button', { name: 'Merge' }).click();
    await page.getByRole('dialog', { name: 'Merge' }).getByRole('button', { name: 'Yes, merge' }).click();
    await expect.poll(() => manage.getByRole('status').textContent()).toBe('Merged C-manage-twin into C-manage.');
    expect((await body(await rulebook.api('/v1/customers/C-manage-twin'))).mergedInto).toBe('C-manage');

    // An unpaid invoice still needs the data: the API refuses, and the page says why.
    await manage.getByLabel("Why replace this customer's personal data with fake values now?").fill('Asked to forget me');
    await manage.getByRole('button', { name: 'Obfuscate' }).click();
    await page.getByRole('dialog', { name: 'Obfuscate' }).getByRole('button', { name: 'Yes, obfuscate' }).click();
    await expect.poll(() => manage.getByRole('alert').textContent()).toMatch(/INV-manage/);
    expect((await body(await rulebook.api('/v1/customers/C-manage'))).name).toBe('Mala Nair');
  });

  it('asks to confirm a merge or an obfuscation only for input that can work, and keeps the Active switch true to the server', async () => {
    expect((await rulebook.post('/v1/customers', { id: 'C-careful', email: 'careful@example.com' })).status).toBe(201);
    const page = await signedIn('/console/customers/C-careful');
    const manage = page.getByRole('region', { name: 'Manage' });
    await manage.getByRole('button', { name: 'Merge' }).click();
    expect(await page.getByRole('dialog', { name: 'Merge' }).isVisible()).toBe(false);
    expect(await manage.getByRole('alert').textContent()).toMatch(/Give the customer id of the duplicate/);
    await manage.getByLabel('Customer id of the duplicate').fill(' C-careful ');
    await manage.getByRole('button', { name: 'Merge' }).click();
    expect(await manage.getByRole('alert').textContent()).toMatch(/cannot be merged into itself/);
    await manage.getByLabel("Why replace this customer's personal data with fake values now?").fill('   ');
    await manage.getByRole('button', { name: 'Obfuscate' }).click();
    expect(await page.getByRole('dialog', { name: 'Obfuscate' }).isVisible()).toBe(false);
    expect(await manage.getByRole('alert').textContent()).toMatch(/Give a reason/);

    // A slow PATCH: the switch waits for it, and a second click cannot race the first.
    await page.route('**/v1/customers/C-careful', async (route) => {
      if (route.request().method() === 'PATCH') await new Promise((resolve) => setTimeout(resolve, 1_000));
      await route.continue();
    });
    const active = manage.getByLabel('Active');
    await active.uncheck();
    expect(await active.isDisabled()).toBe(true);
    await expect.poll(() => manage.getByRole('status').textContent(), { timeout: 10_000 }).toBe('Deactivated.');
    await active.check();
    await expect.poll(() => manage.getByRole('status').textContent(), { timeout: 10_000 }).toBe('Activated.');
    await expect.poll(async () => (await body(await rulebook.api('/v1/customers/C-careful'))).active).toBe(true);
    await expect.poll(() => active.isChecked()).toBe(true);
  });

  it('pages a search with the filters of the results shown, not with a filter changed since', async () => {
    for (let n = 0; n < 27; n++) {
      expect((await rulebook.post('/v1/customers', { id: `C-zed-${String(n).padStart(2, '0')}`, name: `Zed Active ${n}` })).status).toBe(
        201,
      );
    }
    expect((await rulebook.post('/v1/customers', { id: 'C-zed-off', name: 'Zed Inactive' })).status).toBe(201);
    expect((await rulebook.patch('/v1/customers/C-zed-off', { active: false })).status).toBe(200);
    const page = await signedIn('/console/customers');
    await page.getByLabel('Search by').selectOption('q');
    await page.getByLabel('Name, customer id or receipt').fill('Zed');
    await page.getByLabel('Status').selectOption('true');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('25+ found.');
    await page.getByLabel('Status').selectOption('false');
    await page.getByRole('button', { name: 'More customers' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('27 found.');
    expect(await page.getByRole('row', { name: /C-zed-off/ }).count()).toBe(0);
  });
});

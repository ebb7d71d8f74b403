/**
 * Reminders leave rendered from the message templates kept with the rules (rules/templates/): the
 * email that arrives at the SMTP server and the SMS that reaches the gateway carry the customer's
 * name, the invoice's amount in rupees and its due date, read when they are sent — and the
 * rendered text is kept nowhere in the database.
 */
import { describe, expect, it } from 'vitest';
import { messageIdOf } from '../../src/notifications/senders';
import { dateInTimeZone, dayNumber, formatDayNumber } from '../../src/rules/calendar';
import { dumpAllTables } from '../support/database-dump';
import { anInvoice } from '../support/factories';
import { readMail, useTestSmsGateway, useTestSmtpServer } from '../support/message-servers';
import { useTestSystem } from '../support/running-system';

const smtp = useTestSmtpServer();
const gateway = useTestSmsGateway();
const rulebook = useTestSystem({
  // Read when the system starts, after the servers of this file have.
  env: {
    get SMTP_URL() {
      return smtp().url;
    },
    get SMS_GATEWAY_URL() {
      return gateway().url;
    },
  },
});

/** The day `days` from today in the settings time zone (Asia/Kolkata), as "YYYY-MM-DD" and as the templates write it. */
function dayFromToday(days: number): { iso: string; written: string } {
  const iso = formatDayNumber(dayNumber(dateInTimeZone(new Date(), 'Asia/Kolkata')) + days);
  const written = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );
  return { iso, written };
}

/** A standard customer with an invoice due `dueInDays` from today: its reminder steps up to now run at once. */
async function invoiceOfStandardCustomer(
  customer: { id: string; name: string; email: string; phone: string },
  invoice: { id: string; amount: number; dueDate: string },
) {
  expect((await rulebook.post('/v1/customers', customer)).status).toBe(201);
  expect(
    (await rulebook.put(`/v1/customers/${customer.id}/profiles/account-type`, { profileId: 'standard', assignedBy: 'ar' })).status,
  ).toBe(200);
  expect((await rulebook.post('/v1/invoices', anInvoice({ ...invoice, customerId: customer.id, currency: 'INR' }))).status).toBe(201);
}

const arrived = { timeout: 30_000, interval: 200 };

describe('reminders rendered from the templates of the rules', () => {
  it('mail the first reminder with the name, the amount and the due date, under its Message-ID', async () => {
    const due = dayFromToday(-2);
    await invoiceOfStandardCustomer(
      { id: 'C-tpl', name: 'Meera Iyer', email: 'meera.tpl@example.com', phone: '+919811100001' },
      { id: 'INV-tpl', amount: 12_500, dueDate: due.iso },
    );
    const mailOf = (step: string) => smtp().received.find((mail) => mail.data.includes(messageIdOf(`INV-tpl:${step}`)));
    await expect.poll(() => Boolean(mailOf('first-reminder') && mailOf('reminder-before-due')), arrived).toBe(true);

    const first = readMail(mailOf('first-reminder')!.data);
    expect(mailOf('first-reminder')!.to).toEqual(['meera.tpl@example.com']);
    expect(first.subject).toBe(`Reminder: invoice INV-tpl was due on ${due.written}`);
    expect(first.text).toMatch(/^Dear Meera Iyer,\n\n/);
    expect(first.text).toContain(`We have not yet received the payment of invoice INV-tpl, which was due on\n${due.written}.`);
    expect(first.text).toContain('The amount still open is ₹12,500.00 (invoice total\n₹12,500.00).');
    expect(first.text).toContain('The accounts team of Example Retail Pvt. Ltd.');
    expect(first.text).not.toMatch(/\{\{|Template:/);

    const before = readMail(mailOf('reminder-before-due')!.data);
    expect(before.subject).toBe(`Friendly reminder: invoice INV-tpl is due on ${due.written}`);
    expect(before.text).toContain(`invoice\nINV-tpl for ₹12,500.00 is due on ${due.written}.`);

    // Rendered for the send only: neither the subject nor the greeting is kept in any table.
    const { text } = await dumpAllTables(rulebook.system.db);
    expect(text).not.toContain(first.subject);
    expect(text).not.toContain('Dear Meera');
  });

  it('send the overdue SMS with its rendered text to the gateway', async () => {
    const due = dayFromToday(-8);
    await invoiceOfStandardCustomer(
      { id: 'C-tpl-sms', name: 'Arjun Rao', email: 'arjun.tpl@example.com', phone: '+919811100002' },
      { id: 'INV-tpl-sms', amount: 3_000, dueDate: due.iso },
    );
    const sms = () => gateway().received.find((message) => message.body.messageId === 'INV-tpl-sms:sms-reminder');
    await expect.poll(() => Boolean(sms()), arrived).toBe(true);
    expect(sms()!.body).toEqual({
      messageId: 'INV-tpl-sms:sms-reminder',
      to: '+919811100002',
      template: 'overdue-sms',
      invoiceId: 'INV-tpl-sms',
      text:
        `Example Retail Pvt. Ltd.: invoice INV-tpl-sms (₹3,000.00) was due on ${due.written}. Please pay at your convenience; ` +
        'ignore this if already paid. Questions: accounts@example.com or +91 22 4000 1234',
    });
  });
});

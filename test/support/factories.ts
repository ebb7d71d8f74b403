/**
 * Test data with the seed figures as defaults: each builder (`aCustomer`, `anOrder`, `anInvoice`,
 * `aPayment`, `aReturn`) gives a request body of the API (its types generated from schemas/api),
 * the caller overriding what the test is about; `testData(db)` records the same things straight in
 * a database, through the store where the store records them, so that a test states only what
 * matters to it.
 */
import ExcelJS from 'exceljs';
import type { CustomerCreate, InvoiceCreate, OrderCreate, PaymentCreate, ReturnCreate } from '../../src/api/generated/api-types';
import { createCustomer } from '../../src/store/customer-store';
import type { Queryable } from '../../src/store/database';
import { recordInvoice, recordOrder, recordPayment, recordReturn } from '../../src/store/event-store';

let sequence = 0;
/** An id no other call of this test file has made. */
const nextId = (prefix: string) => `${prefix}-${++sequence}`;

type With<T, K extends keyof T> = Pick<T, K> & Partial<T>;

/** A customer known by id and email (`<id>@example.com`, in lower case). */
export function aCustomer(fields: Partial<CustomerCreate> = {}): CustomerCreate {
  const id = fields.id ?? nextId('C');
  return { id, email: `${id.toLowerCase()}@example.com`, ...fields };
}

/** A storefront order of one item for 2,000 INR paid by card, placed on 20 November 2026. */
export function anOrder(fields: With<OrderCreate, 'customerId'>): OrderCreate {
  return {
    id: nextId('O'),
    value: 2_000,
    currency: 'INR',
    channel: 'storefront',
    paymentMethod: 'card',
    items: 1,
    placedAt: '2026-11-20T10:00:00Z',
    ...fields,
  };
}

/** An invoice of 2,500 INR issued on 1 February 2027, due on 1 March 2027. */
export function anInvoice(fields: With<InvoiceCreate, 'customerId'>): InvoiceCreate {
  return { id: nextId('INV'), amount: 2_500, currency: 'INR', dueDate: '2027-03-01', issuedAt: '2027-02-01T10:00:00Z', ...fields };
}

/** A payment of `amount`, made on 10 February 2027 (the body of POST /v1/invoices/{id}/payments). */
export function aPayment(fields: With<PaymentCreate, 'amount'>): PaymentCreate {
  return { id: nextId('PAY'), paidAt: '2027-02-10T10:00:00Z', ...fields };
}

/** A return of one item, a day ago, by the customer or order contact email given. */
export function aReturn(fields: Partial<ReturnCreate> & ({ customerId: string } | { email: string })): ReturnCreate {
  return { id: nextId('R'), items: 1, returnedAt: new Date(Date.now() - 86_400_000).toISOString(), ...fields };
}

/** A workbook whose first sheet ("customers") holds `rows`, the first of them the header. */
export async function xlsxFile(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('customers');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface QueuedMessage {
  id: string;
  customerId: string;
  channel: 'email' | 'sms';
  template: string;
  invoiceId?: string;
  lastError?: string;
}

export interface ImportErrorRow {
  cells: string[];
  error: string;
}

/** Records test data in `db`; each function returns what it recorded. */
export function testData(db: Queryable) {
  return {
    async customer(fields: Partial<CustomerCreate> = {}): Promise<CustomerCreate> {
      const customer = aCustomer(fields);
      await createCustomer(db, customer);
      return customer;
    },
    async order(fields: With<OrderCreate, 'customerId'>): Promise<OrderCreate> {
      const order = anOrder(fields);
      await recordOrder(db, order);
      return order;
    },
    async invoice(fields: With<InvoiceCreate, 'customerId'>): Promise<InvoiceCreate> {
      const invoice = anInvoice(fields);
      await recordInvoice(db, invoice);
      return invoice;
    },
    /** A payment against `invoiceId`; without an amount, what is still owed on it (a payment in full). */
    async payment({ invoiceId, ...fields }: Partial<PaymentCreate> & { invoiceId: string }): Promise<PaymentCreate> {
      const [owed] = await db.query<{ amount: number }>(
        'SELECT (i.amount - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0))::float8 AS amount FROM invoices i WHERE i.id = $1',
        [invoiceId],
      );
      const payment = aPayment({ amount: owed?.amount ?? 0, ...fields });
      await recordPayment(db, invoiceId, payment);
      return payment;
    },
    async return(fields: Partial<ReturnCreate> & { customerId: string }): Promise<ReturnCreate> {
      const { customerId, ...input } = aReturn(fields);
      await recordReturn(db, customerId!, input, { ...input, customerId });
      return { ...input, customerId };
    },
    /** A message waiting in the notification outbox (the dunning steps queue them); id `<invoice>:<template>` by default. */
    async queuedMessage(fields: With<QueuedMessage, 'customerId'>): Promise<QueuedMessage> {
      const template = fields.template ?? 'first-reminder';
      const message: QueuedMessage = {
        channel: 'email',
        template,
        id: fields.invoiceId ? `${fields.invoiceId}:${template}` : nextId('M'),
        ...fields,
      };
      await db.query(
        'INSERT INTO notification_outbox (id, customer_id, channel, template, invoice_id, last_error) VALUES ($1, $2, $3, $4, $5, $6)',
        [message.id, message.customerId, message.channel, message.template, message.invoiceId ?? null, message.lastError ?? null],
      );
      return message;
    },
    /**
     * A customer import of `columns` (the header the file had, if known) that ended `status`, with
     * `errorRows` reported from row 2 on; returns its id.
     */
    async importJob({
      status = 'partial',
      columns,
      errorRows = [],
    }: { status?: 'in-process' | 'partial'; columns?: string[]; errorRows?: ImportErrorRow[] } = {}): Promise<string> {
      const id = nextId('job');
      await db.query(
        `INSERT INTO import_jobs (id, target, mode, filename, format, file, requested_by, status, columns) VALUES ($1, 'customers', 'add', 'c.csv', 'csv', ''::bytea, 'ops', $2, $3)`,
        [id, status, columns ? JSON.stringify(columns) : null],
      );
      for (const [index, row] of errorRows.entries()) {
        await db.query('INSERT INTO import_errors (job_id, row_number, cells, error) VALUES ($1, $2, $3, $4)', [
          id,
          index + 2,
          JSON.stringify(row.cells),
          row.error,
        ]);
      }
      return id;
    },
  };
}

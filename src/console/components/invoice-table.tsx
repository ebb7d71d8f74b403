/** Unpaid invoices as a table: each opening its reminder timeline, with what it owes and its reminders' state. */
import type { paths } from '../generated/openapi';
import { money } from '../format';

type UnpaidInvoice = paths['/v1/invoices']['get']['responses'][200]['content']['application/json']['invoices'][number];

export function InvoiceTable({ invoices, withCustomer }: { invoices: UnpaidInvoice[]; withCustomer: boolean }) {
  if (invoices.length === 0) return <p class="muted">Nothing owed.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Invoice</th>
          {withCustomer && <th scope="col">Customer</th>}
          <th scope="col">Due</th>
          <th scope="col">Outstanding</th>
          {withCustomer && <th scope="col">Profile</th>}
          <th scope="col">Reminders</th>
        </tr>
      </thead>
      <tbody>
        {invoices.map((invoice) => (
          <tr key={invoice.invoiceId}>
            <td>
              <a href={`/console/invoices/${encodeURIComponent(invoice.invoiceId)}`}>{invoice.invoiceId}</a>
            </td>
            {withCustomer && (
              <td>
                <a href={`/console/customers/${encodeURIComponent(invoice.customerId)}`}>{invoice.customerId}</a>
              </td>
            )}
            <td>{invoice.dueDate}</td>
            <td>{money(invoice.outstanding, invoice.currency)}</td>
            {withCustomer && <td>{invoice.profileId ?? 'none'}</td>}
            <td>{invoice.scenarioId ? `${invoice.scenarioId} (${invoice.sequenceState ?? ''})` : 'manual handling'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** How the console writes amounts: the currency's own way, in the browser's language. */
export function money(amount: number, currency: string | undefined): string {
  if (!currency) return amount.toLocaleString();
  try {
    return amount.toLocaleString(undefined, { style: 'currency', currency });
  } catch {
    return `${amount.toLocaleString()} ${currency}`;
  }
}

/**
 * Phone numbers stored before they were read into E.164 (any "+" and 6–15 digits were taken:
 * "919876543210", "9876543210"), brought to E.164 so that they are found, compared and kept unique
 * like new ones. A migration cannot do it (it needs the numbering plans of libphonenumber-js), so
 * the API does it at start, before it answers.
 *
 * Each row is rewritten by one conditional UPDATE (only if it still holds what was read, and only if
 * no other customer holds the E.164 form), so the pass runs alongside writes, in several processes at
 * once, and repeats at no cost: rows already in E.164 form are not even read.
 */
import { readPhoneNumber } from '../contacts/phone-number';
import type { Queryable } from './database';

export interface PhoneNormalisationReport {
  /** Rows whose phone was rewritten in E.164. */
  normalised: number;
  /** Customers left as they were because another customer holds their number in E.164: duplicates to merge. */
  clashes: Array<{ customerId: string; heldBy: string }>;
  /** Customers whose stored phone is no valid number (in `defaultRegion` when it has no country code); left as they were. */
  unreadable: string[];
}

/** What E.164 looks like: rows that match are taken as normalised and not read. */
const e164Sql = `'^\\+[1-9][0-9]{6,14}$'`;

/** Rewrites every stored phone that is not in E.164 form yet; returns what it did (ids only: phones are personal data). */
export async function normaliseStoredPhoneNumbers(
  db: Queryable,
  defaultRegion: string | undefined,
  { batchSize = 500 }: { batchSize?: number } = {},
): Promise<PhoneNormalisationReport> {
  const report: PhoneNormalisationReport = { normalised: 0, clashes: [], unreadable: [] };
  for (let after = ''; ;) {
    const rows = await db.query<{ id: string; phone: string }>(
      `SELECT id, phone FROM customers WHERE id > $1 AND phone IS NOT NULL AND phone !~ ${e164Sql} ORDER BY id LIMIT $2`,
      [after, batchSize],
    );
    for (const row of rows) {
      const reading = readPhoneNumber(row.phone, defaultRegion);
      if (!reading.ok) {
        report.unreadable.push(row.id);
        continue;
      }
      const updated = await rewritePhone(db, row.id, row.phone, reading.e164);
      if (updated) report.normalised += 1;
      else {
        const [holder] = await db.query<{ id: string }>('SELECT id FROM customers WHERE phone = $1 AND id <> $2', [reading.e164, row.id]);
        if (holder) report.clashes.push({ customerId: row.id, heldBy: holder.id });
      }
    }
    if (rows.length < batchSize) break;
    after = rows.at(-1)!.id;
  }
  return report;
}

/** Whether the row took the E.164 form; false when it changed meanwhile or another customer holds that number. */
async function rewritePhone(db: Queryable, id: string, stored: string, e164: string): Promise<boolean> {
  try {
    const updated = await db.query(
      `UPDATE customers SET phone = $3 WHERE id = $1 AND phone = $2 AND NOT EXISTS (SELECT 1 FROM customers WHERE phone = $3) RETURNING 1`,
      [id, stored, e164],
    );
    return updated.length > 0;
  } catch (error) {
    // Another process gave the same number to another row between the check and the write.
    if ((error as { code?: unknown } | null)?.code === '23505') return false;
    throw error;
  }
}

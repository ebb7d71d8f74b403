/** Every row of every table of the public schema as one text, to search it for values that must be gone. */
import type { Queryable } from '../../src/store/database';

/** The rows of every table, JSON per table, and how many tables were read. */
export async function dumpAllTables(db: Queryable): Promise<{ text: string; tables: number }> {
  const tables = await db.query<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  let text = '';
  for (const { name } of tables) text += JSON.stringify(await db.query(`SELECT * FROM ${name}`));
  return { text, tables: tables.length };
}

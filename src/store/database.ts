/**
 * One interface over the two PostgreSQL back-ends: embedded PGlite (default) and a PostgreSQL
 * server through `pg` (when DATABASE_URL is set). Everything above speaks plain PostgreSQL SQL.
 */
export interface Queryable {
  /** Runs one parameterised statement and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `work` on one connection outside any transaction (VACUUM, CHECKPOINT, session settings);
   * the session's settings are reset afterwards.
   */
  maintenance<T>(work: (session: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

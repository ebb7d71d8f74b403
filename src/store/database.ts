/**
 * The store's view of PostgreSQL: the embedded server of the data directory by default, or the
 * server in DATABASE_URL, both through a `pg` pool. Everything above speaks plain PostgreSQL SQL.
 */
export interface Queryable {
  /** Runs one parameterised statement and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  /** Where the data is, for logs and the start banner (never with credentials). */
  readonly location: string;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `work` on one connection outside any transaction (VACUUM, CHECKPOINT, session settings);
   * the session's settings are reset afterwards.
   */
  maintenance<T>(work: (session: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Asks the database for nothing (`SELECT 1`): proves that a connection answers. */
export async function pingDatabase(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}

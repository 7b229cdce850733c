// What `tix serve --db` names, without loading a database driver: a PostgreSQL URL or a SQLite file. Light on
// purpose: `tix serve` on SQLite never loads the PostgreSQL driver, and the CLI never loads this at all.

/** A PostgreSQL connection URL (`postgres://` or `postgresql://`); anything else is a SQLite path or `:memory:`. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/**
 * The database as it may be shown to people and written to logs: a PostgreSQL URL without its password (and
 * without query parameters, which may hold one too), a SQLite path as it is.
 */
export function displayDatabase(db: string): string {
  if (!isPostgresUrl(db)) return db;
  try {
    const url = new URL(db);
    url.password = '';
    url.search = '';
    return url.toString().replace(/\?$/, '');
  } catch {
    // not a URL Node can parse: show its scheme only, never the rest (it may hold the password)
    return `${db.split(':')[0]}://…`;
  }
}

/** Why a database cannot be used; tix serve maps it to an exit code and a message without a stack trace. */
export type DatabaseProblem = 'unreachable' | 'refused' | 'missing' | 'invalid' | 'incompatible';

/**
 * The database cannot be used. The message names the server (host, port) and the database, and never holds the
 * password; `problem` decides the exit code (unreachable: transient, refused: not permitted, the rest: usage).
 */
export class DatabaseUnavailableError extends Error {
  readonly problem: DatabaseProblem;
  readonly hint?: string;
  constructor(problem: DatabaseProblem, message: string, hint?: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
    this.problem = problem;
    this.hint = hint;
  }
}

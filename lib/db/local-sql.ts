import "server-only";
import type { Client, InArgs, InStatement, InValue, ResultSet, TransactionMode } from "@libsql/client";
import Database from "libsql";

// The hot path's queries on a local SQLite file: the libsql engine that @libsql/client drives,
// on one connection, with each statement prepared once. @libsql/client prepares every statement
// on every call (a turn runs about 35; compiling them with their triggers was a tenth of the
// server's time under load) and gives each transaction a pooled connection, so that connection
// settings do not hold. The same `execute` and `batch` as @libsql/client, the same rows (by
// column name), the same transaction modes.

/** What the hot path uses of a database client (a libSQL server goes through @libsql/client). */
export type HotPathSql = Pick<Client, "execute" | "batch">;

type Statement = Database.Statement<unknown[]>;

/** Statements kept prepared; more distinct texts than this (IN lists of many lengths) start over. */
const MOST_STATEMENTS = 500;

const BEGIN: Record<TransactionMode, string> = {
  write: "BEGIN IMMEDIATE",
  read: "BEGIN TRANSACTION READONLY",
  deferred: "BEGIN DEFERRED",
};

export function localSql(path: string, options: { timeoutMs: number }): HotPathSql {
  let db: Database.Database | undefined;
  const statements = new Map<string, { statement: Statement; reader: boolean }>();

  const open = () => {
    if (db?.open) return db;
    statements.clear();
    db = new Database(path, { timeout: options.timeoutMs });
    // In WAL mode, NORMAL writes the log without an fsync per commit (about 0.5 ms each, several a
    // turn, blocking the event loop): a crash of the app loses nothing, a power cut can lose the
    // last commits, never the file. SQLite's own advice for WAL.
    db.exec("PRAGMA synchronous = NORMAL");
    return db;
  };

  const prepared = (sql: string) => {
    let entry = statements.get(sql);
    if (!entry) {
      if (statements.size >= MOST_STATEMENTS) statements.clear();
      const statement = open().prepare(sql);
      entry = { statement, reader: statement.reader };
      statements.set(sql, entry);
    }
    return entry;
  };

  const run = (stmt: InStatement): ResultSet => {
    const { sql, args } = typeof stmt === "string" ? { sql: stmt, args: undefined } : stmt;
    const { statement, reader } = prepared(sql);
    const bound = bindable(args);
    if (reader) {
      const rows = (bound === undefined ? statement.all() : statement.all(bound)) as Record<string, unknown>[];
      return resultSet(rows.map(fromSql), 0);
    }
    const info = bound === undefined ? statement.run() : statement.run(bound);
    return resultSet([], info.changes);
  };

  return {
    async execute(stmt: InStatement | string, args?: InArgs) {
      open();
      return run(typeof stmt === "string" && args !== undefined ? { sql: stmt, args } : stmt);
    },
    async batch(stmts: (InStatement | [string, InArgs?])[], mode: TransactionMode = "deferred") {
      const conn = open();
      conn.exec(BEGIN[mode]);
      try {
        const results = stmts.map((stmt) => run(Array.isArray(stmt) ? { sql: stmt[0], args: stmt[1] ?? [] } : stmt));
        conn.exec("COMMIT");
        return results;
      } catch (error) {
        if (conn.inTransaction) conn.exec("ROLLBACK");
        throw error;
      }
    },
  } as HotPathSql;
}

/** Arguments as libsql binds them: named ones without their prefix, booleans and dates as numbers. */
function bindable(args: InArgs | undefined): unknown[] | Record<string, unknown> | undefined {
  if (args === undefined) return undefined;
  if (Array.isArray(args)) return args.map(toSql);
  const named: Record<string, unknown> = {};
  for (const name in args) {
    named[name[0] === ":" || name[0] === "@" || name[0] === "$" ? name.slice(1) : name] = toSql(args[name]);
  }
  return named;
}

function toSql(value: InValue): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.valueOf();
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
  return value;
}

/** A row as @libsql/client gives it: blobs as ArrayBuffers. */
function fromSql(row: Record<string, unknown>): Record<string, unknown> {
  for (const key in row) {
    const value = row[key];
    if (value instanceof Buffer) row[key] = value.buffer.slice(value.byteOffset, value.byteOffset + value.length);
  }
  return row;
}

function resultSet(rows: Record<string, unknown>[], rowsAffected: number): ResultSet {
  return {
    columns: rows[0] ? Object.keys(rows[0]) : [],
    columnTypes: [],
    rows: rows as unknown as ResultSet["rows"],
    rowsAffected,
    lastInsertRowid: undefined,
    toJSON: () => ({ columns: rows[0] ? Object.keys(rows[0]) : [], rows, rowsAffected }),
  };
}

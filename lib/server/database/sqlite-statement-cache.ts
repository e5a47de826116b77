import "server-only";
import Database from "libsql";

// libSQL's file client prepares every statement again on every call
// (@libsql/client's executeStmt calls db.prepare(sql) each time), and SQLite
// compiles an INSERT into Device together with its triggers (counts, search
// index): measured 0.2 ms of a 0.57 ms insert, and ~5% of the portal's CPU
// under registration load (docs/performance.md). Prisma sends the same few
// hundred SQL texts over and over, so each connection keeps its prepared
// statements and hands the same one back for the same text.
//
// Reusing a statement is what SQLite's API is for: libSQL resets it before
// each run, after an error too, and SQLite re-prepares it by itself after a
// schema change (lib/server/database/sqlite-statement-cache.test.ts). The client only
// ever runs a statement to its end (all() or run()), so no two uses
// interleave. One thing does not follow a schema change: the client reads a
// statement's columns before running it, and a kept "SELECT *" would still
// name the old ones. So a connection forgets its statements whenever it
// changes the schema itself; the portal's schema changes are its migrations,
// applied at its start before it serves anything (server.ts), and its own
// queries name their columns.

/** Statements kept per connection; past this the least recently used one is dropped. */
export const STATEMENTS_PER_CONNECTION = 500;

type Connection = Database.Database;
type Statement = Database.Statement;
const caches = new WeakMap<Connection, Map<string, Statement>>();
const marker = Symbol.for("partner-hub.sqlite-statement-cache");

type Patchable = {
  prepare: (this: Connection, sql: string) => Statement;
  exec: (this: Connection, sql: string) => unknown;
  close: (this: Connection) => unknown;
  [marker]?: true;
};
const SCHEMA_CHANGE = /^\s*(CREATE|ALTER|DROP)\b/i;

/** Makes every libSQL connection in this process reuse its prepared statements (once; later calls do nothing). */
export function cachePreparedStatements(): void {
  const proto = Database.prototype as unknown as Patchable;
  if (proto[marker]) return;
  proto[marker] = true;
  const { prepare, exec, close } = proto;
  proto.prepare = function (this: Connection, sql: string) {
    if (SCHEMA_CHANGE.test(sql)) {
      caches.delete(this);
      return prepare.call(this, sql);
    }
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new Map<string, Statement>()));
    const cached = cache.get(sql);
    if (cached) {
      // Most recently used last: Map keeps insertion order.
      cache.delete(sql);
      cache.set(sql, cached);
      return cached;
    }
    const statement = prepare.call(this, sql);
    cache.set(sql, statement);
    if (cache.size > STATEMENTS_PER_CONNECTION) cache.delete(cache.keys().next().value!);
    return statement;
  };
  // Runs scripts of statements (migrations): whatever they change, start afresh.
  proto.exec = function (this: Connection, sql: string) {
    caches.delete(this);
    return exec.call(this, sql);
  };
  proto.close = function (this: Connection) {
    caches.delete(this);
    return close.call(this);
  };
}

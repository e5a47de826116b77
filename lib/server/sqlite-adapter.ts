import "server-only";
import type { Client, Config, TransactionMode } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

// Settings SQLite keeps per connection, not in the file. Without a busy
// timeout a second process writing at the same moment fails the query at
// once with SQLITE_BUSY instead of waiting its turn. In WAL mode NORMAL
// cannot corrupt the database; it skips an fsync per commit, and a power cut
// can lose only the last commits (not a crash).
const CONNECTION_PRAGMAS = ["PRAGMA busy_timeout=5000", "PRAGMA synchronous=NORMAL"];

export async function applyConnectionPragmas(run: (sql: string) => Promise<unknown>): Promise<void> {
  for (const pragma of CONNECTION_PRAGMAS) await run(pragma);
}

/**
 * libSQL's file client hands its connection to each transaction and opens a
 * new one for what follows, so settings made once at start are gone after the
 * first transaction (measured: busy_timeout 5000 → 0, synchronous NORMAL →
 * FULL). This adapter gives every new connection the same settings, and
 * begins transactions with BEGIN IMMEDIATE: all of ours write, and a deferred
 * one that reads first cannot wait for another process's write lock (SQLite
 * answers SQLITE_BUSY at once, whatever the timeout). The wait itself is
 * SQLite's and blocks this process's event loop, which is why several
 * processes on one SQLite file suit modest load only (docs/deploy.md).
 */
export class LocalSqliteAdapter extends PrismaLibSQL {
  override createClient(config: Config): Client {
    const client = super.createClient(config);
    const begin = client.transaction.bind(client);
    client.transaction = async (mode?: TransactionMode) => {
      try {
        return await begin(mode === "deferred" ? "write" : mode);
      } catch (error) {
        // A connection whose BEGIN IMMEDIATE timed out is left on a stale
        // snapshot (libSQL does not reset the failed statement): every write
        // in its next transaction fails at once. Hand it to a throw-away
        // transaction so that the client opens a fresh connection.
        (await begin("deferred")).close();
        throw error;
      } finally {
        // Either way the client's next connection is a new one.
        await applyConnectionPragmas((sql) => client.execute(sql));
      }
    };
    return client;
  }
}

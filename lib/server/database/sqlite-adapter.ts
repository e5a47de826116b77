import "server-only";
import {
  LibsqlError,
  type Client,
  type Config,
  type InStatement,
  type Transaction,
  type TransactionMode,
} from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import type { ConnectedAdapter } from "./connected-adapter";

// Settings SQLite keeps per connection, not in the file. Without a busy
// timeout a second process writing at the same moment fails the query at
// once with SQLITE_BUSY instead of waiting its turn. In WAL mode NORMAL
// cannot corrupt the database; it skips an fsync per commit, and a power cut
// can lose only the last commits (not a crash). An ANALYZE (the planner's
// statistics, lib/server/database/planner-statistics.ts) reads at most 10,000 rows
// per index, so it costs the same at any fleet size. A commit checkpoints the
// log itself only past 10,000 pages (~40 MB): a portal's own thread does it
// long before that (sqlite-checkpointer.ts), and a script's commits do it
// rarely, in larger steps.
const CONNECTION_PRAGMAS = [
  "PRAGMA busy_timeout=5000",
  "PRAGMA synchronous=NORMAL",
  "PRAGMA analysis_limit=10000",
  "PRAGMA wal_autocheckpoint=10000",
];

export async function applyConnectionPragmas(run: (sql: string) => Promise<unknown>): Promise<void> {
  for (const pragma of CONNECTION_PRAGMAS) await run(pragma);
}

/**
 * libSQL's file client hands its connection to each transaction and opens a
 * new one for what follows, and nothing ever closes the handed-off one: it
 * stays open, two file descriptors and ~160 KB of native memory, until V8
 * happens to collect it, which it feels no pressure to do (measured: 8,000
 * transactions left 16,000 descriptors and 1.4 GB of resident memory open;
 * the soak's portal grew ~8 MB/s at 50 registrations/s). Prisma's adapter
 * already runs nothing else on the client while a transaction is open (it
 * holds its lock from BEGIN to COMMIT or ROLLBACK), so this adapter runs
 * transactions on the client's own connection, which also keeps the
 * connection's settings. It begins them with BEGIN IMMEDIATE: all of ours
 * write, and a deferred one that reads first cannot wait for another
 * process's write lock (SQLite answers SQLITE_BUSY at once, whatever the
 * timeout). The wait itself is SQLite's and blocks this process's event
 * loop, which is why several processes on one SQLite file suit modest load
 * only (docs/deploy.md).
 */
export class LocalSqliteAdapter extends PrismaLibSQL {
  /** The client Prisma's queries run on, once Prisma has connected (null before). */
  connection: Client | null = null;
  /** The adapter Prisma's queries go through, with its lock (./connected-adapter.ts). */
  connected: ConnectedAdapter | null = null;

  override async connect() {
    const adapter = await super.connect();
    this.connected = adapter;
    return adapter;
  }

  override createClient(config: Config): Client {
    const client = super.createClient(config);
    this.connection = client;
    const handOff = client.transaction.bind(client);
    client.transaction = async (mode?: TransactionMode) => {
      try {
        await client.execute(mode === "read" ? "BEGIN" : "BEGIN IMMEDIATE");
      } catch (error) {
        // A connection whose BEGIN IMMEDIATE timed out is left on a stale
        // snapshot (libSQL does not reset the failed statement): every write
        // in its next transaction fails at once. Hand it to a throw-away
        // transaction, so that the client opens a fresh connection, and give
        // that one the same settings.
        (await handOff("deferred")).close();
        await applyConnectionPragmas((sql) => client.execute(sql));
        throw error;
      }
      return transactionOnConnection(client);
    };
    return client;
  }
}

/** The transaction just begun on the client's connection; it ends with COMMIT or ROLLBACK there. */
function transactionOnConnection(client: Client): Transaction {
  let isOpen = true;
  const checkOpen = () => {
    if (!isOpen) throw new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED");
  };
  const end = async (sql: "COMMIT" | "ROLLBACK") => {
    checkOpen();
    isOpen = false;
    await client.execute(sql);
  };
  return {
    execute: async (stmt: InStatement) => (checkOpen(), client.execute(stmt)),
    batch: async (stmts: InStatement[]) => {
      const results = [];
      for (const stmt of stmts) results.push(await (checkOpen(), client.execute(stmt)));
      return results;
    },
    // The client's executeMultiple rolls back whatever transaction its connection is in.
    executeMultiple: () =>
      Promise.reject(new LibsqlError("executeMultiple is not run in a transaction", "UNSUPPORTED")),
    commit: async () => {
      try {
        await end("COMMIT");
      } catch (error) {
        // Never leave the shared connection inside a transaction that failed to commit.
        await client.execute("ROLLBACK").catch(() => undefined);
        throw error;
      }
    },
    rollback: async () => {
      if (isOpen) await end("ROLLBACK");
    },
    close: () => {
      if (isOpen) void end("ROLLBACK").catch(() => undefined);
    },
    get closed() {
      return !isOpen;
    },
  };
}

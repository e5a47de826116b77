import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import Database from "libsql";
import { afterAll, describe, expect, it } from "vitest";
import { STATEMENTS_PER_CONNECTION, cachePreparedStatements } from "./sqlite-statement-cache";

const dir = mkdtempSync(path.join(tmpdir(), "statement-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
cachePreparedStatements();

describe("libSQL's prepared statements, kept per connection", () => {
  it("hands back the same statement for the same text, and a new one per connection", () => {
    const one = new Database(path.join(dir, "one.db"));
    const two = new Database(path.join(dir, "one.db"));
    expect(one.prepare("SELECT 1")).toBe(one.prepare("SELECT 1"));
    expect(one.prepare("SELECT 1")).not.toBe(one.prepare("SELECT 2"));
    expect(two.prepare("SELECT 1")).not.toBe(one.prepare("SELECT 1"));
    one.close();
    two.close();
  });

  it("forgets its statements when it changes the schema", () => {
    const database = new Database(":memory:");
    database.exec("CREATE TABLE item (id TEXT)");
    const select = database.prepare("SELECT * FROM item");
    database.prepare("ALTER TABLE item ADD COLUMN n INTEGER").run();
    expect(database.prepare("SELECT * FROM item")).not.toBe(select);
    const again = database.prepare("SELECT * FROM item");
    database.exec("DROP TABLE item; CREATE TABLE item (id TEXT)");
    expect(database.prepare("SELECT * FROM item")).not.toBe(again);
    database.close();
  });

  it("keeps at most its bound, dropping the least recently used", () => {
    const database = new Database(":memory:");
    const first = database.prepare("SELECT 0");
    const kept = database.prepare("SELECT -1");
    for (let i = 1; i < STATEMENTS_PER_CONNECTION; i++) {
      database.prepare(`SELECT ${i}`);
      if (i % 100 === 0) expect(database.prepare("SELECT -1")).toBe(kept);
    }
    expect(database.prepare("SELECT -1")).toBe(kept);
    expect(database.prepare("SELECT 0")).not.toBe(first);
    database.close();
  });

  it("answers a client's queries as before: after a refused insert, a schema change and a transaction", async () => {
    const client = createClient({ url: `file:${path.join(dir, "client.db")}` });
    await client.execute("CREATE TABLE item (id TEXT PRIMARY KEY, n INTEGER)");
    const insert = "INSERT INTO item (id, n) VALUES (?, ?) RETURNING id";
    expect((await client.execute({ sql: insert, args: ["a", 1] })).rows[0]?.id).toBe("a");
    await expect(client.execute({ sql: insert, args: ["a", 2] })).rejects.toThrow(/UNIQUE/);
    expect((await client.execute({ sql: insert, args: ["b", 2] })).rows[0]?.id).toBe("b");
    const select = "SELECT * FROM item ORDER BY id";
    expect((await client.execute(select)).columns).toEqual(["id", "n"]);
    await client.execute("ALTER TABLE item ADD COLUMN label TEXT");
    const after = await client.execute(select);
    expect(after.columns).toEqual(["id", "n", "label"]);
    expect(after.rows.map((row) => [row.id, row.n])).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
    await client.batch(
      [
        { sql: insert, args: ["c", 3] },
        { sql: "UPDATE item SET n = n + 1", args: [] },
      ],
      "write",
    );
    expect((await client.execute("SELECT sum(n) AS total FROM item")).rows[0]?.total).toBe(9);
    client.close();
  });
});

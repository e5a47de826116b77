import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "libsql";
import { afterAll, describe, expect, it } from "vitest";
import { scaled } from "@/test/support/slowdown";
import { startCheckpointer } from "./sqlite-checkpointer";

const dir = mkdtempSync(path.join(tmpdir(), "checkpointer-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the checkpoint thread", () => {
  it("copies the log into the database file while another connection writes, and stops", async () => {
    const file = path.join(dir, "portal.db");
    const writer = new Database(file);
    writer.prepare("PRAGMA journal_mode=WAL").all();
    // The writer never checkpoints itself: whatever reaches the file was copied by the thread.
    writer.prepare("PRAGMA wal_autocheckpoint=0").all();
    writer.exec("CREATE TABLE item (id INTEGER PRIMARY KEY, body TEXT)");
    const insert = writer.prepare("INSERT INTO item (body) VALUES (?)");
    for (let i = 0; i < 2_000; i++) insert.run("x".repeat(1_000));
    expect(statSync(file).size).toBeLessThan(100_000);

    const stop = startCheckpointer(file);
    await expect.poll(() => statSync(file).size, { timeout: scaled(10_000) }).toBeGreaterThan(2_000_000);
    // It keeps up while the writer goes on.
    for (let i = 0; i < 2_000; i++) insert.run("y".repeat(1_000));
    await expect.poll(() => statSync(file).size, { timeout: scaled(10_000) }).toBeGreaterThan(4_000_000);
    await stop();
    expect(writer.prepare("SELECT count(*) AS n FROM item").get()).toEqual({ n: 4_000 });
    writer.close();
  });
});

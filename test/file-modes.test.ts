import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { protectDatabaseFiles } from "@/lib/database/database-url";
import { prepareDatabase } from "@/lib/server/database/db";
import { startTestHub } from "./support/hub";
import { makePartner } from "./support/partners";

const mode = (file: string) => statSync(file).mode & 0o777;

/** A fresh folder under .tmp, left as loose as a default umask makes things. */
function looseFolder(): string {
  const dir = mkdtempSync(path.join(".tmp", "modes-"));
  chmodSync(dir, 0o755);
  return dir;
}

function looseFile(file: string, content = ""): void {
  writeFileSync(file, content);
  chmodSync(file, 0o644);
}

describe("[FILES] the portal's data is its user's alone", () => {
  it("narrows an existing SQLite database, its WAL and shared memory to 0600 and its folder to 0700", () => {
    const dir = looseFolder();
    const file = path.join(dir, "partner-hub.db");
    for (const name of [file, `${file}-wal`, `${file}-shm`]) looseFile(name);
    protectDatabaseFiles(`file:${file}`);
    expect(mode(dir)).toBe(0o700);
    for (const name of [file, `${file}-wal`, `${file}-shm`]) expect(mode(name)).toBe(0o600);
  });

  it("creates a new database owner-only in a new owner-only folder", () => {
    const file = path.join(looseFolder(), "new", "deeper", "partner-hub.db");
    protectDatabaseFiles(`file:${file}`);
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(mode(path.dirname(path.dirname(file)))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(statSync(file).size).toBe(0);
  });

  it("leaves a shared folder's mode alone (sticky, like /tmp) but still narrows the database", () => {
    const dir = looseFolder();
    chmodSync(dir, 0o1777);
    const file = path.join(dir, "partner-hub.db");
    looseFile(file);
    protectDatabaseFiles(`file:${file}`);
    expect(mode(dir) | (statSync(dir).mode & 0o1000)).toBe(0o1777);
    expect(mode(file)).toBe(0o600);
  });

  it.skipIf(!process.env.DATABASE_URL?.startsWith("file:"))(
    "the portal's start-up preparation narrows the database it uses",
    async () => {
      const file = path.resolve(process.env.DATABASE_URL!.slice("file:".length));
      chmodSync(file, 0o644);
      await prepareDatabase();
      expect(mode(file)).toBe(0o600);
      expect(mode(path.dirname(file))).toBe(0o700);
      // A write makes SQLite add its WAL file, with the database's mode.
      await makePartner();
      expect(mode(`${file}-wal`)).toBe(0o600);
    },
  );

  it("the embedded hub narrows its folder, persistence and files on start, whatever they were", async () => {
    const dir = looseFolder();
    const persistence = path.join(dir, "persistence");
    mkdirSync(persistence);
    chmodSync(persistence, 0o755);
    for (const name of ["passwords", "acl", "mosquitto.conf", "mosquitto.pid.old"]) looseFile(path.join(dir, name));
    looseFile(path.join(persistence, "mosquitto.db"));
    const { hub } = await startTestHub({ dir });
    try {
      expect(mode(dir)).toBe(0o700);
      expect(mode(persistence)).toBe(0o700);
      for (const name of ["passwords", "acl", "mosquitto.conf", "mosquitto.pid", "mosquitto.pid.old"])
        expect(mode(path.join(dir, name)), name).toBe(0o600);
      expect(mode(path.join(persistence, "mosquitto.db"))).toBe(0o600);
    } finally {
      await hub.stop();
    }
    // What the broker saves as it stops is no looser.
    expect(mode(path.join(persistence, "mosquitto.db"))).toBe(0o600);
  });
});

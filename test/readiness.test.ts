import { describe, expect, it } from "vitest";
import { GET as liveness } from "@/app/api/health/route";
import { GET as readiness } from "@/app/api/health/ready/route";
import { getRunningHub, setRunningHub } from "@/lib/hub/registry";
import { resolveDatabaseUrl } from "@/lib/database/database-url";
import { env } from "@/lib/env";
import { openDatabase } from "@/lib/server/database/db";
import { probeDatabase } from "@/lib/server/start/readiness";
import { useRunningTestHub } from "./support/running-hub";
import { scaled } from "./support/slowdown";

const running = useRunningTestHub();

async function ready(): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await readiness();
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("[OPS] /api/health/ready", () => {
  it("answers 200 when the database answers and the hub's broker and session are up", async () => {
    expect(await ready()).toEqual({
      status: 200,
      json: { ready: true, database: { ready: true }, hub: { kind: "embedded", ready: true } },
    });
  });

  it("answers 503 naming the hub while its broker is down, and 200 again once it is back", async () => {
    const pid = running.current.hub.brokerPid!;
    process.kill(pid, "SIGKILL");
    await expect.poll(async () => (await ready()).status, { timeout: scaled(5_000) }).toBe(503);
    const down = await ready();
    expect(down.json).toMatchObject({ ready: false, database: { ready: true }, hub: { ready: false } });
    expect((down.json.hub as { reason: string }).reason).toMatch(/broker|session/);
    // The supervisor restarts the broker (with back-off) and the portal's session reconnects.
    await expect.poll(async () => (await ready()).status, { timeout: scaled(30_000) }).toBe(200);
    expect(running.current.hub.brokerPid).not.toBe(pid);
  });

  it("answers 503 while no hub runs, while liveness keeps its own answer", async () => {
    const hub = getRunningHub();
    setRunningHub(undefined);
    try {
      expect(await ready()).toMatchObject({
        status: 503,
        json: { ready: false, hub: { kind: "stopped", ready: false, reason: "the hub has not been started" } },
      });
    } finally {
      setRunningHub(hub);
    }
    expect((await liveness()).status).toBe(200);
  });

  it("answers 503 once the hub is stopped", async () => {
    await running.current.hub.stop();
    expect(await ready()).toMatchObject({
      status: 503,
      json: { ready: false, database: { ready: true }, hub: { ready: false, reason: "the broker has been stopped" } },
    });
  });
});

describe("[OPS] /api/health", () => {
  it("answers 200 with the database and the hub named", async () => {
    const response = await liveness();
    expect({ status: response.status, json: (await response.json()) as unknown }).toEqual({
      status: 200,
      json: { ok: true, database: "ok", hub: "embedded" },
    });
  });

  it("asks the database once for the polls that arrive while it answers, and afresh after", async () => {
    const first = probeDatabase();
    expect(probeDatabase()).toBe(first);
    await first;
    const next = probeDatabase();
    expect(next).not.toBe(first);
    await next;
  });

  it("pings the connection the client's queries use, and fails once that connection is closed", async () => {
    const database = openDatabase(resolveDatabaseUrl(env().DATABASE_URL));
    // Before the client's first query has connected, and after.
    await database.ping();
    await database.client.$queryRawUnsafe("SELECT 1");
    await database.ping();
    await database.client.$disconnect();
    await expect(database.ping()).rejects.toThrow();
  });
});

import "server-only";
import { getRunningHub } from "@/lib/hub/registry";
import { withTimeout } from "@/lib/runtime/with-timeout";
import { pingDatabase, pingDatabaseConnection } from "../data/database/ping-database";

export type Readiness = {
  ready: boolean;
  database: { ready: boolean; reason?: string };
  hub: { kind: string; ready: boolean; reason?: string };
};

// A database that does not answer within this is not ready (the check must answer a load balancer promptly).
const DATABASE_TIMEOUT_MS = 2_000;

let probe: Promise<void> | null = null;

/**
 * Runs `SELECT 1` on the database's connection, or joins the one already
 * running: supervisors and load balancers may poll liveness many times a
 * second, and each poll needs only to know that the database answers now.
 * On PostgreSQL one query then answers every poll that arrived while it was
 * on the wire; SQLite's driver answers within the same turn of the event
 * loop, so there each poll still runs its own. Readiness asks through Prisma.
 */
export function probeDatabase(): Promise<void> {
  probe ??= pingDatabaseConnection().then(
    () => {
      probe = null;
    },
    (error: unknown) => {
      probe = null;
      throw error;
    },
  );
  return probe;
}

export type Liveness = { status: 200 | 503; json: { ok: boolean; database: "ok" | "unreachable"; hub: string } };

/** Liveness: the database answers and a hub has been started (its readiness is checkReadiness's). */
export async function checkLiveness(): Promise<Liveness> {
  const hub = getRunningHub()?.kind ?? "stopped";
  const isDatabaseUp = await probeDatabase().then(
    () => true,
    () => false,
  );
  if (!isDatabaseUp) return { status: 503, json: { ok: false, database: "unreachable", hub } };
  return { status: hub === "stopped" ? 503 : 200, json: { ok: hub !== "stopped", database: "ok", hub } };
}

/**
 * Whether the portal can serve devices and partners now: the database answers
 * and the hub is ready (the embedded broker runs and the portal's own MQTT
 * session is up, or the EMQX cluster is reachable). Each part says why not.
 */
export async function checkReadiness(): Promise<Readiness> {
  const hub = getRunningHub();
  const hubState = hub ? hub.readiness() : ({ isReady: false, reason: "the hub has not been started" } as const);
  // Through Prisma, as every request's queries go: a wedged client is not ready.
  const database = await withTimeout(pingDatabase(), DATABASE_TIMEOUT_MS, () => {
    return new Error(`no answer within ${DATABASE_TIMEOUT_MS} ms`);
  }).then(
    () => ({ ready: true }),
    (error: unknown) => ({ ready: false, reason: `the database does not answer: ${(error as Error).message}` }),
  );
  return {
    ready: database.ready && hubState.isReady,
    database,
    hub: {
      kind: hub?.kind ?? "stopped",
      ready: hubState.isReady,
      ...(hubState.isReady ? {} : { reason: hubState.reason }),
    },
  };
}

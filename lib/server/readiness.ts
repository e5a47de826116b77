import "server-only";
import { getRunningHub } from "@/lib/hub/registry";
import { withTimeout } from "@/lib/with-timeout";
import { db } from "./db";

export type Readiness = {
  ready: boolean;
  database: { ready: boolean; reason?: string };
  hub: { kind: string; ready: boolean; reason?: string };
};

// A database that does not answer within this is not ready (the check must answer a load balancer promptly).
const DATABASE_TIMEOUT_MS = 2_000;

/**
 * Whether the portal can serve devices and partners now: the database answers
 * and the hub is ready (the embedded broker runs and the portal's own MQTT
 * session is up, or the EMQX cluster is reachable). Each part says why not.
 */
export async function checkReadiness(): Promise<Readiness> {
  const hub = getRunningHub();
  const hubState = hub ? hub.readiness() : ({ isReady: false, reason: "the hub has not been started" } as const);
  const database = await withTimeout(db.$queryRawUnsafe("SELECT 1"), DATABASE_TIMEOUT_MS, () => {
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

import { logger } from "./logger";
import { processState } from "./process-state";
// Work to finish before the process exits (flush buffers, stop the broker).
// Registered from inside Next.js, run by server.ts, which Next.js bundles
// separately: hence one list per process, not a module variable.
const hooks = () => processState<Array<() => Promise<void>>>("shutdown-hooks", () => []);

export function onShutdown(hook: () => Promise<void>): void {
  hooks().push(hook);
}

/** Runs the hooks, last registered first, and reports failures without stopping. */
export async function runShutdownHooks(): Promise<void> {
  for (const hook of hooks().splice(0).reverse()) {
    await hook().catch((error: unknown) => logger("portal").error({ err: error }, "Shutdown step failed"));
  }
}

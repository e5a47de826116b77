import { logger } from "./logger";
// Work to finish before the process exits (flush buffers, stop the broker).
// Registered from inside Next.js, run by server.ts, which Next.js bundles
// separately: hence a global symbol, not a module variable.
const KEY = Symbol.for("partner-hub.shutdown-hooks");
const holder = globalThis as typeof globalThis & { [KEY]?: Array<() => Promise<void>> };

export function onShutdown(hook: () => Promise<void>): void {
  (holder[KEY] ??= []).push(hook);
}

/** Runs the hooks, last registered first, and reports failures without stopping. */
export async function runShutdownHooks(): Promise<void> {
  const hooks = (holder[KEY] ?? []).splice(0).reverse();
  for (const hook of hooks) {
    await hook().catch((error: unknown) => logger("portal").error({ err: error }, "Shutdown step failed"));
  }
}

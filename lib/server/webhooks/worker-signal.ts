import "server-only";

// A way for code that enqueued deliveries to wake this process's worker
// without importing it (the worker imports the data layer). On globalThis,
// since Next.js bundles this module into several layers.
const globalForSignal = globalThis as unknown as { webhookWorkerWake?: () => void };

export function onWebhookWorkerNudge(wake: (() => void) | undefined): void {
  globalForSignal.webhookWorkerWake = wake;
}

/** Asks the worker to look soon (a few ms later, after the caller's commit). */
export function nudgeWebhookWorker(): void {
  const wake = globalForSignal.webhookWorkerWake;
  if (wake) setTimeout(wake, 20).unref();
}

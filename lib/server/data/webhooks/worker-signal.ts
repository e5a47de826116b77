import "server-only";

import { peekProcessState, setProcessState } from "@/lib/runtime/process-state";

// A way for code that enqueued deliveries to wake this process's worker
// without importing it (the worker imports the data layer). One per process,
// since Next.js bundles this module into several layers.
const SLOT = "webhook-worker-wake";

export function onWebhookWorkerNudge(wake: (() => void) | undefined): void {
  setProcessState(SLOT, wake);
}

/** Asks the worker to look soon (a few ms later, after the caller's commit). */
export function nudgeWebhookWorker(): void {
  const wake = peekProcessState<() => void>(SLOT);
  if (wake) setTimeout(wake, 20).unref();
}

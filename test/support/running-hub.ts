import { afterAll, beforeAll } from "vitest";
import { setRunningHub } from "@/lib/hub/registry";
import { handDeviceMessagesToConversation } from "@/lib/server/start/start-hub";
import { startTestHub } from "./hub";

/**
 * For API tests: a real hub, made the running one and wired to the device
 * conversation as the portal's start-up does, for the file's tests.
 */
export function useRunningTestHub(options: Parameters<typeof startTestHub>[0] = {}): {
  current: Awaited<ReturnType<typeof startTestHub>>;
} {
  const holder = {} as { current: Awaited<ReturnType<typeof startTestHub>> };
  beforeAll(async () => {
    holder.current = await startTestHub(options);
    handDeviceMessagesToConversation(holder.current.hub);
    setRunningHub(holder.current.hub);
  });
  afterAll(async () => {
    setRunningHub(undefined);
    await holder.current?.hub.stop();
  });
  return holder;
}

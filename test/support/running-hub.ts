import { afterAll, beforeAll } from "vitest";
import { setRunningHub } from "@/lib/hub/registry";
import { startTestHub } from "./hub";

/** For API tests: a real hub, made the running one (as the portal's start-up does) for the file's tests. */
export function useRunningTestHub(): { current: Awaited<ReturnType<typeof startTestHub>> } {
  const holder = {} as { current: Awaited<ReturnType<typeof startTestHub>> };
  beforeAll(async () => {
    holder.current = await startTestHub();
    setRunningHub(holder.current.hub);
  });
  afterAll(async () => {
    setRunningHub(undefined);
    await holder.current?.hub.stop();
  });
  return holder;
}

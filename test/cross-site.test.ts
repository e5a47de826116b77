import { describe, expect, it } from "vitest";
import * as commandsRoute from "@/app/api/devices/[deviceId]/commands/route";
import { isCrossSite } from "@/lib/http/cross-site";
import { db } from "@/lib/server/database/db";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { body, call } from "./support/device-api";
import { makeModel } from "./support/partners";
import { useRunningTestHub } from "./support/running-hub";
import { makeTeam } from "./support/team";

useRunningTestHub();

describe("[SECURITY] cross-site writes", () => {
  it.each([
    ["another site", "https://evil.example", true],
    ['"null" (a sandboxed frame)', "null", true],
    ["not a URL", "::", true],
    ["this host", "http://portal.test", false],
  ])("an Origin of %s is cross-site: %s", (_label, origin, isRefused) => {
    expect(isCrossSite(new Headers({ origin, host: "portal.test" }))).toBe(isRefused);
  });

  it("no Origin (a script, not a browser) is not cross-site", () => {
    expect(isCrossSite(new Headers({ host: "portal.test" }))).toBe(false);
  });

  it("a portal JSON write from another origin, or Origin: null, answers 403 and queues nothing", async () => {
    const team = await makeTeam("Origins");
    const modelId = await makeModel(team);
    const key = await createHardwareKey({ ...team, input: { modelId, label: "Batch", expectedDevices: null } });
    const deviceId = (await call("register", body(key.secret))).json.id as string;
    const send = (origin: string) => {
      const headers = team.members.developer.headers();
      headers.set("content-type", "application/json");
      headers.set("origin", origin);
      return commandsRoute.POST(
        new Request(`http://portal.test/api/devices/${deviceId}/commands`, {
          method: "POST",
          headers,
          body: JSON.stringify({ name: "reboot" }),
        }),
        { params: Promise.resolve({ deviceId }) },
      );
    };
    expect((await send("https://evil.example")).status).toBe(403);
    expect((await send("null")).status).toBe(403);
    expect(await db.deviceCommand.count({ where: { deviceId } })).toBe(0);
    expect((await send("http://portal.test")).status).toBe(200);
  });
});

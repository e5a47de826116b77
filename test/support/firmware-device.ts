import { createHash } from "node:crypto";
import { GET as downloadRoute } from "@/app/v1/devices/[deviceId]/files/[fileId]/download/route";
import { flushTelemetry } from "@/lib/server/data/telemetry/telemetry-buffer";
import { deviceCall } from "./device-api";

// A device doing what firmware written for Xyte does with update_firmware,
// over the device API's HTTP routes: takes the command, says in_progress,
// downloads the file in two ranges (its link drops halfway and it resumes),
// checks the SHA-256, reports its new version, says done and calls again as
// the new firmware. Some are made to fail, to say done and never come back,
// or to stay silent.

export type Behaviour = "good" | "fails" | "bricks" | "silent";

export type FirmwareDevice = { id: string; key: string; behaviour: Behaviour; version: string };

type UpdateCommand = {
  id: string;
  name: string;
  parameters: { url: string; version: string; sha256: string; size: number };
};

async function download(device: FirmwareDevice, url: string, range: string): Promise<Buffer> {
  const { pathname } = new URL(url);
  const response = await downloadRoute(
    new Request(`http://portal.test${pathname}`, { headers: { authorization: device.key, range } }),
    { params: Promise.resolve({ deviceId: device.id }) },
  );
  if (response.status !== 206) throw new Error(`download answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/** One turn of the device's loop: telemetry, and any waiting update_firmware carried out. Returns what it did. */
export async function deviceTurn(device: FirmwareDevice): Promise<"idle" | "updated" | "failed" | "ignored"> {
  if (device.behaviour === "silent") return "ignored";
  const answer = await deviceCall("POST", device.id, "/telemetry", device.key, { status: "online" });
  await flushTelemetry();
  if (!answer.json.command) return "idle";
  const { status, json } = await deviceCall("GET", device.id, "/command", device.key);
  if (status !== 200) return "idle";
  const command = json as unknown as UpdateCommand;
  if (command.name !== "update_firmware") return "idle";
  const report = (body: Record<string, unknown>) => deviceCall("POST", device.id, "/command", device.key, body);
  await report({ id: command.id, status: "in_progress" });
  if (device.behaviour === "fails") {
    await report({ id: command.id, status: "failed", message: "flash write error" });
    return "failed";
  }
  const half = Math.floor(command.parameters.size / 2);
  const bytes = Buffer.concat([
    await download(device, command.parameters.url, `bytes=0-${half - 1}`),
    await download(device, command.parameters.url, `bytes=${half}-`),
  ]);
  if (createHash("sha256").update(bytes).digest("hex") !== command.parameters.sha256) {
    await report({ id: command.id, status: "failed", message: "checksum mismatch" });
    return "failed";
  }
  if (device.behaviour === "good") {
    await deviceCall("PUT", device.id, "", device.key, { firmware_version: command.parameters.version });
    device.version = command.parameters.version;
  }
  await report({ id: command.id, status: "done" });
  if (device.behaviour === "good") {
    // Rebooted into the new firmware, it calls again.
    await deviceCall("POST", device.id, "/telemetry", device.key, { status: "online" });
    await flushTelemetry();
  }
  return "updated";
}

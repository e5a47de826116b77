import { createHash } from "node:crypto";

// A device doing what firmware written for Xyte does with update_firmware:
// takes the command, says in_progress, downloads the file in two ranges (its
// link drops halfway and it resumes), checks the SHA-256, reports its new
// version, says done and calls again as the new firmware. Some are made to
// fail, to say done without updating, or to stay silent (it sends telemetry
// but never acts on an update). It speaks the
// device API through `send`: the route handlers in Vitest
// (./device-transport.ts), a real portal over HTTP in end-to-end tests and benchmarks.

export type Behaviour = "good" | "fails" | "bricks" | "silent";

export type FirmwareDevice = { id: string; key: string; behaviour: Behaviour; version: string };

/** One device API call: `path` below the portal's origin, e.g. /v1/devices/{id}/telemetry. */
export type DeviceTransport = (
  method: "GET" | "POST" | "PUT",
  path: string,
  init: { key: string; body?: unknown; headers?: Record<string, string> },
) => Promise<Response>;

type UpdateCommand = {
  id: string;
  name: string;
  parameters: { url: string; version: string; sha256: string; size: number };
};

/**
 * One turn of the device's loop: telemetry, and any waiting update_firmware
 * carried out. `onUpdate` may choose the device's behaviour once it has
 * taken an update (the first devices a rollout tells are the ones that fail).
 */
export async function deviceTurn(
  send: DeviceTransport,
  device: FirmwareDevice,
  onUpdate?: (device: FirmwareDevice) => void,
): Promise<"idle" | "updated" | "failed" | "ignored"> {
  const base = `/v1/devices/${device.id}`;
  const call = async (method: "GET" | "POST" | "PUT", path: string, body?: unknown) => {
    const response = await send(method, `${base}${path}`, { key: device.key, body });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const answer = await call("POST", "/telemetry", { status: "online" });
  if (!answer.json.command) return "idle";
  const { status, json } = await call("GET", "/command");
  if (status !== 200 || json.name !== "update_firmware") return "idle";
  const command = json as unknown as UpdateCommand;
  onUpdate?.(device);
  if (device.behaviour === "silent") return "ignored";
  const report = (body: Record<string, unknown>) => call("POST", "/command", body);
  await report({ id: command.id, status: "in_progress" });
  if (device.behaviour === "fails") {
    await report({ id: command.id, status: "failed", message: "flash write error" });
    return "failed";
  }
  const { pathname } = new URL(command.parameters.url);
  const part = async (range: string) => {
    const response = await send("GET", pathname, { key: device.key, headers: { range } });
    if (response.status !== 206) throw new Error(`download answered ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  };
  const half = Math.floor(command.parameters.size / 2);
  const bytes = Buffer.concat([await part(`bytes=0-${half - 1}`), await part(`bytes=${half}-`)]);
  if (createHash("sha256").update(bytes).digest("hex") !== command.parameters.sha256) {
    await report({ id: command.id, status: "failed", message: "checksum mismatch" });
    return "failed";
  }
  if (device.behaviour === "good") {
    await call("PUT", "", { firmware_version: command.parameters.version });
    device.version = command.parameters.version;
  }
  await report({ id: command.id, status: "done" });
  // Rebooted into the new firmware, it calls again.
  if (device.behaviour === "good") await call("POST", "/telemetry", { status: "online" });
  return "updated";
}

/** A transport over HTTP to a running portal at `origin`. */
export function httpTransport(origin: string): DeviceTransport {
  return (method, path, init) =>
    fetch(`${origin}${path}`, {
      method,
      headers: {
        authorization: init.key,
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
}

import { randomBytes, randomUUID } from "node:crypto";
import { POST as registerRoute } from "@/app/v1/devices/route";
import { POST as bulkRoute } from "@/app/v1/devices/bulk_create/route";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { CLIENT_ADDRESS_HEADER } from "@/lib/request-headers";
import { makeModel, makePartner } from "./partners";

export const randomAddress = () => `10.${randomBytes(3).join(".")}`;

/** Calls a device API route as an HTTP request would, from a given address. */
export async function call(
  route: "register" | "bulk",
  body: unknown,
  options: { ip?: string; contentType?: string; raw?: string } = {},
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const request = new Request("http://portal.test/v1/devices", {
    method: "POST",
    headers: {
      "content-type": options.contentType ?? "application/json",
      [CLIENT_ADDRESS_HEADER]: options.ip ?? randomAddress(),
    },
    body: options.raw ?? JSON.stringify(body),
  });
  const response = await (route === "register" ? registerRoute : bulkRoute)(request);
  return {
    status: response.status,
    json: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

/** A partner's model of the given protocol with an active hardware key. */
export async function modelWithKey(protocol: "MQTT" | "HTTP" = "MQTT") {
  const partner = await makePartner();
  const modelId = await makeModel(partner, { protocol });
  const key = await createHardwareKey({ ...partner, input: { modelId, label: "Batch", expectedDevices: null } });
  return { ...partner, modelId, keyId: key.id, hardwareKey: key.secret };
}

export const body = (hardwareKey: string, extra: Record<string, unknown> = {}) => ({
  sn: `SN-${randomUUID().slice(0, 12)}`,
  firmware_version: "1.4.2",
  hardware_key: hardwareKey,
  ...extra,
});

"use server";

import { revalidatePath } from "next/cache";
import { env } from "@/lib/env";
import type { ActionResult } from "@/lib/action-result";
import { registerDeviceFormSchema, registerDeviceResponseSchema, type RegisteredDevice } from "@/lib/schemas/device-registration";
import { mintHardwareKeyToken } from "../../data/hardware-keys/hardware-key-token";
import { db } from "../../db";
import { AppError } from "../../errors";
import { partnerAction } from "../partner-action";

// API field → form field, for errors shown under the right input.
const FORM_FIELD: Record<string, string> = { hardware_key: "hardwareKeyId" };

const run = partnerAction(registerDeviceFormSchema, async (input, viewer): Promise<ActionResult<RegisteredDevice>> => {
  const key = await db.hardwareKey.findFirst({
    where: { id: input.hardwareKeyId, modelId: input.modelId, model: { partnerId: viewer.partnerId } },
    select: { id: true, revokedAt: true },
  });
  if (!key) throw new AppError("NOT_FOUND", "Hardware key not found for this model.");
  if (key.revokedAt) return { ok: false, message: "That hardware key is revoked.", fieldErrors: { hardwareKeyId: ["This key is revoked; choose an active one."] } };

  // The same HTTP API firmware uses, so this screen exercises the real thing.
  const { modelId: _modelId, hardwareKeyId: _keyId, ...fields } = input;
  const response = await fetch(`${env().INTERNAL_URL}/v1/devices`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...fields, hardware_key: mintHardwareKeyToken(key.id) }),
    cache: "no-store",
  });
  const body = (await response.json().catch(() => ({}))) as unknown;
  if (response.status === 201) {
    revalidatePath(`/models/${input.modelId}`);
    return { ok: true, data: registerDeviceResponseSchema.parse(body), message: "Device registered" };
  }
  const error = typeof body === "object" && body && "error" in body ? String(body.error) : `The API answered ${response.status}.`;
  const field = /^([a-z_]+): (.*)$/.exec(error);
  if (field?.[1] && field[2] && field[1] !== "body") {
    const name = FORM_FIELD[field[1]] ?? field[1];
    return { ok: false, message: error, fieldErrors: { [name]: [field[2]] } };
  }
  return { ok: false, message: error };
});

/** Registers a device from the portal by calling the Register Device API over HTTP. */
export async function registerDeviceAction(previous: ActionResult<RegisteredDevice> | null, formData: FormData) {
  return run(previous, formData);
}

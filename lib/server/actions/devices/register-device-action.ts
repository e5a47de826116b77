"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import {
  registerDeviceFormSchema,
  registerDeviceResponseSchema,
  type RegisteredDevice,
} from "@/lib/schemas/device-registration";
import { callDeviceApi, hardwareKeyForPortal } from "../../device-api/call-device-api";
import { partnerAction } from "../partner-action";

// API field → form field, for errors shown under the right input.
const FORM_FIELD: Record<string, string> = { hardware_key: "hardwareKeyId" };

const run = partnerAction(
  "device.register",
  registerDeviceFormSchema,
  async (input, viewer): Promise<ActionResult<RegisteredDevice>> => {
    const { modelId, hardwareKeyId, ...fields } = input;
    const hardwareKey = await hardwareKeyForPortal({ partnerId: viewer.partnerId, modelId, hardwareKeyId });
    // The same HTTP API firmware uses, so this screen exercises the real thing.
    const { status, body, error } = await callDeviceApi(
      "/v1/devices",
      { ...fields, hardware_key: hardwareKey },
      viewer.partnerId,
    );
    if (status === 201) {
      revalidatePath(`/models/${modelId}`);
      return { ok: true, data: registerDeviceResponseSchema.parse(body), message: "Device registered" };
    }
    const field = /^([a-z_]+): (.*)$/.exec(error);
    if (field?.[1] && field[2] && field[1] !== "body") {
      return { ok: false, message: error, fieldErrors: { [FORM_FIELD[field[1]] ?? field[1]]: [field[2]] } };
    }
    return { ok: false, message: error };
  },
);

/** Registers a device from the portal by calling the Register Device API over HTTP. */
export async function registerDeviceAction(previous: ActionResult<RegisteredDevice> | null, formData: FormData) {
  return run(previous, formData);
}

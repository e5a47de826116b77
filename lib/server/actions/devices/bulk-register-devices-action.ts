"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { bulkRegisterSchema, type BulkItemResult } from "@/lib/schemas/device-registration";
import { callDeviceApi, hardwareKeyForPortal } from "../../device-api/call-device-api";
import { partnerAction } from "../partner-action";

const run = partnerAction(
  "device.register",
  bulkRegisterSchema,
  async ({ modelId, hardwareKeyId, rows }, viewer): Promise<ActionResult<BulkItemResult[]>> => {
    const hardwareKey = await hardwareKeyForPortal({ partnerId: viewer.partnerId, modelId, hardwareKeyId });
    const { status, body, error } = await callDeviceApi(
      "/v1/devices/bulk_create",
      rows.map((row) => ({ ...row, hardware_key: hardwareKey })),
      viewer.partnerId,
    );
    if (status !== 207 || typeof body !== "object" || !body || !("results" in body) || !Array.isArray(body.results)) {
      return { ok: false, message: error };
    }
    revalidatePath(`/models/${modelId}`);
    return { ok: true, data: body.results as BulkItemResult[] };
  },
);

/** Registers one batch of CSV rows through POST /v1/devices/bulk_create. */
export async function bulkRegisterDevicesAction(formData: FormData): Promise<ActionResult<BulkItemResult[]>> {
  return run(null, formData);
}

"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { closeIncidentSchema } from "@/lib/schemas/incident";
import { closeIncidentByMember } from "../../data/incidents/close-incidents";
import { actorOf } from "../../auth/session";
import { partnerAction } from "../partner-action";

const run = partnerAction("incident.manage", closeIncidentSchema, async ({ incidentId }, viewer) => {
  const { deviceId } = await closeIncidentByMember({
    partnerId: viewer.partnerId,
    actor: await actorOf(viewer),
    incidentId,
  });
  revalidatePath(`/devices/${deviceId}`);
  return { ok: true, data: null, message: "Incident closed" };
});

export async function closeIncidentAction(previous: ActionResult | null, formData: FormData) {
  return run(previous, formData);
}

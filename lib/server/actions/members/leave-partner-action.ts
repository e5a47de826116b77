"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { auth } from "../../auth/auth";
import { callAuth } from "../../auth/auth-errors";
import { memberAccessChanged } from "../../auth/member-access-changed";
import { actorOf, getViewer } from "../../auth/session";
import { toFailure } from "../partner-action";

/** The viewer leaves the active partner; better-auth refuses the last owner. */
export async function leavePartnerAction(): Promise<ActionResult> {
  try {
    const viewer = await getViewer();
    if (!viewer) return { ok: false, message: "Your session has ended. Sign in again." };
    const requestHeaders = await headers();
    const left = await callAuth(() =>
      auth.api.leaveOrganization({ body: { organizationId: viewer.partnerId }, headers: requestHeaders }),
    );
    await memberAccessChanged(viewer.userId, {
      partnerId: viewer.partnerId,
      actor: await actorOf(viewer),
      action: "member.left",
      targetType: "member",
      targetId: (left as { id?: string } | null)?.id ?? viewer.userId,
      summary: `${viewer.userName} <${viewer.email}> left the partner (was ${viewer.role})`,
    });
  } catch (error) {
    return toFailure(error);
  }
  redirect("/");
}

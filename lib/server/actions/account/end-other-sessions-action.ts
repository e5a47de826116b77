"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { auth } from "../../auth/auth";
import { forgetViewer } from "../../viewer-cache";

/** Signs the user out everywhere but here. */
export async function endOtherSessionsAction(): Promise<ActionResult> {
  const requestHeaders = await headers();
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return { ok: false, message: "Your session has ended. Sign in again." };
  await auth.api.revokeOtherSessions({ headers: requestHeaders });
  // The ended sessions' cached viewers go too (this one is resolved again on its next request).
  forgetViewer(session.user.id);
  revalidatePath("/account");
  return { ok: true, data: null, message: "Other sessions ended" };
}

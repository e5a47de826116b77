"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getSessionCookie } from "better-auth/cookies";
import { auth } from "../../auth/auth";
import { forgetSession } from "../../viewer-cache";

export async function signOutAction(): Promise<void> {
  const requestHeaders = await headers();
  const session = getSessionCookie(requestHeaders);
  // Before, so that a request racing the sign-out asks the database; and
  // after, in case one of them cached the session again meanwhile.
  forgetSession(session);
  await auth.api.signOut({ headers: requestHeaders });
  forgetSession(session);
  redirect("/sign-in");
}

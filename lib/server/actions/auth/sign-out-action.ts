"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "../../auth";
import { getViewer } from "../../session";
import { forgetViewer } from "../../viewer-cache";

export async function signOutAction(): Promise<void> {
  const viewer = await getViewer();
  await auth.api.signOut({ headers: await headers() });
  if (viewer) forgetViewer(viewer.userId);
  redirect("/sign-in");
}

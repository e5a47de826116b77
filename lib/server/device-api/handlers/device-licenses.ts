import "server-only";
import { z } from "zod";
import { deviceRoute, readDeviceBody } from "@/lib/server/device-api/device-route";
import { AppError } from "@/lib/server/errors";

// Partner Hub issues no licenses (the telemetry answer's new_licenses is
// always false): an agent that asks anyway learns that there are none, and
// a license it names is unknown.

/** Get Licenses (Xyte): none. */
export const getLicenses = deviceRoute(() => Promise.resolve(Response.json([])));

/** Update License (Xyte): every id is unknown here. */
export const updateLicense = deviceRoute(async ({ request }) => {
  const { id } = await readDeviceBody(request, z.looseObject({ id: z.string({ error: "is required" }).min(1) }));
  throw new AppError("NOT_FOUND", `id: no license ${id} for this device`);
});

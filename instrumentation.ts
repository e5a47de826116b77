// Runs once in the Next.js server before it serves a request; server.ts
// triggers it at start-up with a health check.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startPortal } = await import("./lib/server/start-portal");
  await startPortal();
  // The machine-to-machine hot paths, served by server.ts ahead of Next.js's
  // router (lib/fast-routes.ts says why). The same handlers as the routes.
  const { addFastRoutes } = await import("./lib/fast-routes");
  const [registration, authn, authz, events] = await Promise.all([
    import("./app/v1/devices/route"),
    import("./app/api/hub/authn/route"),
    import("./app/api/hub/authz/route"),
    import("./app/api/hub/events/route"),
  ]);
  addFastRoutes({
    "POST /v1/devices": registration.POST,
    "POST /api/hub/authn": authn.POST,
    "POST /api/hub/authz": authz.POST,
    "POST /api/hub/events": events.POST,
  });
}

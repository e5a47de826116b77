// Runs once in the Next.js server before it serves a request; server.ts
// triggers it at start-up with a health check.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startPortal } = await import("./lib/server/start-portal");
  await startPortal();
  // The machine-to-machine hot paths, served by server.ts ahead of Next.js's
  // router (lib/fast-routes.ts says why): the Register Device API's route
  // handler, and the EMQX hooks, which exist only as fast routes.
  const [{ addFastRoutes, fetchRoute, jsonRoute }, registration, hooks] = await Promise.all([
    import("./lib/fast-routes"),
    import("./app/v1/devices/route"),
    import("./lib/server/hub-auth/hub-hooks"),
  ]);
  addFastRoutes({
    "POST /v1/devices": fetchRoute(registration.POST),
    "POST /api/hub/authn": jsonRoute(hooks.hubAuthn),
    "POST /api/hub/authz": jsonRoute(hooks.hubAuthz),
    "POST /api/hub/events": jsonRoute(hooks.hubEvents),
  });
}

// Runs once in the Next.js server before it serves a request; server.ts
// triggers it at start-up with a health check.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The machine-to-machine hot paths, served by server.ts ahead of Next.js's
  // router (lib/runtime/fast-routes.ts says why): the device API's handlers (the same
  // ones app/v1's route files export),
  // the device page's command sends (timed from click to device), the live
  // check's hub confirmation (timed from click to verified), liveness, and the
  // EMQX hooks, which exist only as fast routes. They are loaded before the
  // hub starts: loading them keeps this process busy for seconds on a loaded
  // machine, and a broker already running would wait meanwhile on the log
  // lines it writes to this process (measured: blocked writing them while
  // a fleet reconnected after a restart), and its devices with it.
  const [
    { startPortal },
    { addFastRoutes, fetchRoute, jsonRoute },
    registration,
    device,
    telemetry,
    command,
    config,
    licenses,
    files,
    incidents,
    events,
    gateways,
    hooks,
    portalCommands,
    onlineCheck,
    management,
    managementServing,
    readiness,
  ] = await Promise.all([
    import("./lib/server/start/start-portal"),
    import("./lib/runtime/fast-routes"),
    import("./lib/server/device-api/answer-registration"),
    import("./lib/server/device-api/handlers/update-device"),
    import("./lib/server/device-api/handlers/send-telemetry"),
    import("./lib/server/device-api/handlers/device-command"),
    import("./lib/server/device-api/handlers/device-config"),
    import("./lib/server/device-api/handlers/device-licenses"),
    import("./lib/server/device-api/handlers/device-files"),
    import("./lib/server/device-api/handlers/device-incidents"),
    import("./lib/server/device-api/handlers/device-events"),
    import("./lib/server/device-api/handlers/gateway-telemetry"),
    import("./lib/server/hub-auth/hub-hooks"),
    import("./lib/server/portal-api/send-command"),
    import("./lib/server/portal-api/online-check"),
    import("./lib/server/management-api/routes"),
    import("./lib/server/management-api/serve-management-api"),
    import("./lib/server/start/readiness"),
  ]);
  await startPortal();
  addFastRoutes({
    "POST /v1/devices": registration.registrationFastRoute,
    "GET /v1/devices/:deviceId": fetchRoute(device.getDeviceInfo),
    "PUT /v1/devices/:deviceId": fetchRoute(device.updateDevice),
    "DELETE /v1/devices/:deviceId": fetchRoute(device.deleteSelf),
    "POST /v1/devices/:deviceId/telemetry": fetchRoute(telemetry.sendTelemetry),
    // Gateways and cloud-to-cloud integrations: up to 100 devices' telemetry a call.
    "POST /v1/devices/telemetries": fetchRoute(gateways.sendMassTelemetry),
    "POST /v1/devices/:deviceId/children/telemetries": fetchRoute(gateways.sendChildTelemetries),
    "GET /v1/devices/:deviceId/command": fetchRoute(command.getCommand),
    "POST /v1/devices/:deviceId/command": fetchRoute(command.updateCommand),
    "GET /v1/devices/:deviceId/command/pending_commands": fetchRoute(command.getPendingCommands),
    "GET /v1/devices/:deviceId/config": fetchRoute(config.getConfig),
    "POST /v1/devices/:deviceId/config": fetchRoute(config.setConfig),
    "GET /v1/devices/:deviceId/licenses": fetchRoute(licenses.getLicenses),
    "POST /v1/devices/:deviceId/licenses": fetchRoute(licenses.updateLicense),
    "GET /v1/devices/:deviceId/license": fetchRoute(licenses.getLicenses),
    "POST /v1/devices/:deviceId/license": fetchRoute(licenses.updateLicense),
    // Fleets download firmware at once: streamed from the file to the socket (lib/runtime/node-body.ts).
    "GET /v1/devices/:deviceId/files/:fileId/download": fetchRoute(files.downloadFile),
    "POST /v1/devices/:deviceId/incidents": fetchRoute(incidents.createIncident),
    "GET /v1/devices/:deviceId/incidents": fetchRoute(incidents.listIncidents),
    "DELETE /v1/devices/:deviceId/incidents": fetchRoute(incidents.closeAllIncidents),
    "DELETE /v1/devices/:deviceId/incidents/:incidentId": fetchRoute(incidents.closeIncident),
    "POST /v1/devices/:deviceId/events": fetchRoute(events.addEvent),
    "POST /api/hub/authn": jsonRoute(hooks.hubAuthn),
    "POST /api/hub/authz": jsonRoute(hooks.hubAuthz),
    "POST /api/hub/events": jsonRoute(hooks.hubEvents),
    "POST /api/devices/:deviceId/commands": fetchRoute(portalCommands.sendCommand),
    "GET /api/devices/:deviceId/online": fetchRoute(onlineCheck.onlineCheck),
    // Supervisors and load balancers poll it (app/api/health/route.ts answers the same through Next.js).
    "GET /api/health": jsonRoute(() => readiness.checkLiveness()),
    // The management API (Bearer API tokens): scripts poll it, and its token checks are benchmarked.
    ...Object.fromEntries(
      Object.entries(management.MANAGEMENT_ROUTES).map(([route, handler]) => [
        route,
        managementServing.managementFastRoute(handler),
      ]),
    ),
  });
}

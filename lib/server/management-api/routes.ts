import "server-only";
import { PathRouter } from "@/lib/runtime/path-router";
import type { ManagementHandler } from "./management-route";
import { listAuditEventsRoute } from "./audit-api";
import {
  closeIncidentRoute,
  connectionHistoryRoute,
  issueLicenseRoute,
  listDumpsRoute,
  listIncidentsRoute,
  listLicensesRoute,
  revokeLicenseRoute,
  telemetryHistoryRoute,
} from "./records-api";
import {
  cancelRollout,
  deleteFirmware,
  listFirmware,
  listRollouts,
  pauseRollout,
  readRollout,
  resumeRollout,
  startRolloutRoute,
} from "./firmware-api";
import {
  deleteDeviceRoute,
  disableDevice,
  enableDevice,
  listCommands,
  listDevicesRoute,
  readConfig,
  readDevice,
  rotateDeviceKeyRoute,
  sendCommand,
  setConfig,
} from "./devices-api";
import {
  createHardwareKeyRoute,
  createModelRoute,
  listHardwareKeys,
  listModels,
  readModel,
  revokeHardwareKeyRoute,
  updateModelRoute,
} from "./models-api";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler types its own params
type Handler = ManagementHandler<any>;

/**
 * The management API, "METHOD /path" → handler, ":name" a path parameter. The
 * same table is served by server.ts as fast routes and by Next.js's catch-all
 * (app/api/v1/[...path]), and lib/management-api/openapi.ts describes it.
 */
export const MANAGEMENT_ROUTES: Record<string, Handler> = {
  "GET /api/v1/models": listModels,
  "POST /api/v1/models": createModelRoute,
  "GET /api/v1/models/:modelId": readModel,
  "PATCH /api/v1/models/:modelId": updateModelRoute,
  "GET /api/v1/models/:modelId/hardware-keys": listHardwareKeys,
  "POST /api/v1/models/:modelId/hardware-keys": createHardwareKeyRoute,
  "POST /api/v1/hardware-keys/:keyId/revoke": revokeHardwareKeyRoute,
  "GET /api/v1/devices": listDevicesRoute,
  "GET /api/v1/devices/:deviceId": readDevice,
  "DELETE /api/v1/devices/:deviceId": deleteDeviceRoute,
  "POST /api/v1/devices/:deviceId/disable": disableDevice,
  "POST /api/v1/devices/:deviceId/enable": enableDevice,
  "POST /api/v1/devices/:deviceId/rotate-key": rotateDeviceKeyRoute,
  "GET /api/v1/devices/:deviceId/commands": listCommands,
  "POST /api/v1/devices/:deviceId/commands": sendCommand,
  "GET /api/v1/devices/:deviceId/config": readConfig,
  "PUT /api/v1/devices/:deviceId/config": setConfig,
  "GET /api/v1/devices/:deviceId/telemetry": telemetryHistoryRoute,
  "GET /api/v1/devices/:deviceId/history": connectionHistoryRoute,
  "GET /api/v1/devices/:deviceId/incidents": listIncidentsRoute,
  "POST /api/v1/incidents/:incidentId/close": closeIncidentRoute,
  "GET /api/v1/devices/:deviceId/licenses": listLicensesRoute,
  "POST /api/v1/devices/:deviceId/licenses": issueLicenseRoute,
  "POST /api/v1/licenses/:licenseId/revoke": revokeLicenseRoute,
  "GET /api/v1/devices/:deviceId/dumps": listDumpsRoute,
  "GET /api/v1/audit-events": listAuditEventsRoute,
  // Uploads (POST …/firmware) stream their body, so only Next.js's router serves them (app/api/v1/models/[modelId]/firmware).
  "GET /api/v1/models/:modelId/firmware": listFirmware,
  "DELETE /api/v1/firmware/:fileId": deleteFirmware,
  "GET /api/v1/models/:modelId/rollouts": listRollouts,
  "POST /api/v1/rollouts": startRolloutRoute,
  "GET /api/v1/rollouts/:rolloutId": readRollout,
  "POST /api/v1/rollouts/:rolloutId/pause": pauseRollout,
  "POST /api/v1/rollouts/:rolloutId/resume": resumeRollout,
  "POST /api/v1/rollouts/:rolloutId/cancel": cancelRollout,
};

const router = new PathRouter<Handler>();
router.add(MANAGEMENT_ROUTES);

/** The handler for a method and path, with the path's parameters; undefined when there is none. */
export function matchManagementRoute(
  method: string,
  path: string,
): { handler: Handler; params: Record<string, string> } | undefined {
  const found = router.find(method, path);
  return found && { handler: found.value, params: found.params };
}

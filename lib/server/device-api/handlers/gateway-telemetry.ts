import "server-only";
import { apiError } from "../api-response";
import { authenticatedFrom, checkDeviceKey, DeviceAuthError } from "../authenticate-device";
import { deviceRoute, withDeviceCors } from "../device-route";
import { storeGatewayTelemetry } from "../gateway-telemetry";
import { AppError } from "../../errors";

/**
 * Send Mass Telemetry (Xyte, for cloud-to-cloud integrations): no caller
 * key; every entry carries its own device's access_token.
 */
export async function sendMassTelemetry(request: Request): Promise<Response> {
  let response: Response;
  try {
    const answers = await storeGatewayTelemetry({
      request,
      path: "/v1/devices/telemetries",
      check: (row, token) => {
        if (!token) throw new DeviceAuthError("no-key", row !== undefined);
        return checkDeviceKey(row, token);
      },
    });
    response = Response.json(answers);
  } catch (error) {
    response = apiError(error);
  }
  return withDeviceCors(response);
}

/**
 * Send Child Telemetries (Xyte): a gateway, authenticated as itself, reports
 * for the devices that named it their parent (PUT /v1/devices/{id} with
 * parent_id); an entry with its own access_token may name any device.
 */
export const sendChildTelemetries = deviceRoute(async ({ request, device: gateway }) => {
  const answers = await storeGatewayTelemetry({
    request,
    path: `/v1/devices/${gateway.id}/children/telemetries`,
    check: (row, token) => {
      if (token) return checkDeviceKey(row, token);
      if (!row || row.parentId !== gateway.id || row.partnerId !== gateway.partnerId) {
        throw new AppError("NOT_FOUND", "not a child of this device: send its access_token, or set its parent_id");
      }
      if (!row.isEnabled) throw new DeviceAuthError("disabled", true);
      return authenticatedFrom(row);
    },
  });
  return Response.json(answers);
});

import { describe, expect, it } from "vitest";
import { deviceApiDocument } from "./openapi";

describe("[API] OpenAPI document", () => {
  it("describes the registration body and responses from the zod schemas", () => {
    const doc = deviceApiDocument("https://partners.example.com");
    const body = doc.components.schemas.RegisterDevice as {
      required: string[];
      properties: Record<string, { description?: string; pattern?: string }>;
    };
    expect(body.required.sort()).toEqual(["firmware_version", "hardware_key", "sn"]);
    expect(Object.keys(body.properties).sort()).toEqual([
      "cloud_id",
      "details",
      "firmware_version",
      "hardware_key",
      "mac",
      "name",
      "sn",
    ]);
    expect(body.properties.firmware_version?.pattern).toContain("(0|[1-9]\\d*)");
    expect((doc.components.schemas.RegisteredDevice as { required: string[] }).required.sort()).toEqual([
      "access_key",
      "hub_url",
      "hub_url_static_cert",
      "id",
      "mqtt_hub_url",
    ]);
    expect(Object.keys(doc.paths["/v1/devices"].post.responses).sort()).toEqual([
      "201",
      "401",
      "409",
      "413",
      "415",
      "422",
      "429",
      "503",
    ]);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("covers the device conversation, authenticated by the access key", () => {
    const doc = deviceApiDocument("https://partners.example.com");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/v1/devices",
      "/v1/devices/bulk_create",
      "/v1/devices/{id}",
      "/v1/devices/{id}/children",
      "/v1/devices/{id}/command",
      "/v1/devices/{id}/command/pending_commands",
      "/v1/devices/{id}/config",
      "/v1/devices/{id}/files",
      "/v1/devices/{id}/files/{file_id}",
      "/v1/devices/{id}/files/{file_id}/download",
      "/v1/devices/{id}/licenses",
      "/v1/devices/{id}/space",
      "/v1/devices/{id}/telemetry",
    ]);
    expect(doc.paths["/v1/devices/{id}/telemetry"].post.security).toEqual([{ accessKey: [] }]);
    const telemetry = doc.components.schemas.Telemetry as { required: string[]; properties: Record<string, unknown> };
    expect(telemetry.required).toEqual(["status"]);
    expect(Object.keys(telemetry.properties).sort()).toEqual([
      "message",
      "override",
      "status",
      "telemetries",
      "timestamp",
    ]);
    expect((doc.components.schemas.DeviceUpdate as { additionalProperties: boolean }).additionalProperties).toBe(false);
  });
});

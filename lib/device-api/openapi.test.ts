import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
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

  it("documents every method of every device API route file, authenticated by the access key", () => {
    const doc = deviceApiDocument("https://partners.example.com");
    const paths = doc.paths as Record<string, Record<string, unknown>>;
    const missing: string[] = [];
    for (const file of readdirSync("app/v1", { recursive: true, encoding: "utf8" })) {
      if (!file.endsWith("route.ts") || file.startsWith("openapi.json")) continue;
      const source = readFileSync(path.join("app/v1", file), "utf8");
      const folder = `/v1/${path.dirname(file).split(path.sep).join("/")}`
        .replace("[deviceId]", "{id}")
        .replace("[fileId]", "{file_id}")
        .replace("[incidentId]", "{incident_id}");
      // The dumps' catch-all serves two paths: POST …/{mime_type}/{filename} and PUT …/{dump_id}.
      const documented = folder.endsWith("/dumps/[...path]")
        ? [folder.replace("[...path]", "{mime_type}/{filename}"), folder.replace("[...path]", "{dump_id}")]
        : [folder];
      for (const method of source.match(/\b(GET|POST|PUT|DELETE)\b/g) ?? []) {
        const isDocumented = documented.some((one) => paths[one]?.[method.toLowerCase()]);
        if (!isDocumented) missing.push(`${method} ${folder}`);
      }
    }
    expect(missing).toEqual([]);
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

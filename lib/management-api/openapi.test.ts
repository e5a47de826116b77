import { describe, expect, it } from "vitest";
import { managementApiDocument } from "./openapi";

describe("[API TOKENS] OpenAPI document", () => {
  it("is OpenAPI 3.1 with a bearer scheme and every route of the management API", () => {
    const document = managementApiDocument("https://portal.example");
    expect(document.openapi).toBe("3.1.0");
    expect(document.components.securitySchemes.bearer).toEqual({ type: "http", scheme: "bearer" });
    expect(Object.keys(document.paths)).toContain("/api/v1/devices/{deviceId}/rotate-key");
    expect(JSON.stringify(document.components.schemas.UpdateModel)).not.toContain("communicationProtocol");
    // The commands list pages like every list.
    const commands = document.paths["/api/v1/devices/{deviceId}/commands"] as unknown as {
      get: { parameters: { name: string }[] };
    };
    expect(commands.get.parameters.map((parameter) => parameter.name)).toEqual(["cursor", "limit"]);
  });
});

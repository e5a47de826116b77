import { describe, expect, it } from "vitest";
import { createModelSchema } from "./model";

const form = {
  name: "  Thermostat  ",
  sku: "",
  deviceType: "PHYSICAL",
  offlineThresholdMinutes: "5",
  communicationProtocol: "MQTT",
};

describe("[MODELS] the Add Model schema", () => {
  it("normalises form input", () => {
    expect(createModelSchema.parse(form)).toEqual({
      name: "Thermostat",
      sku: null,
      deviceType: "PHYSICAL",
      offlineThresholdMinutes: 5,
      communicationProtocol: "MQTT",
    });
  });

  it.each([
    [{ name: " " }, "name", "Name is required"],
    [{ communicationProtocol: undefined }, "communicationProtocol", "Choose MQTT or HTTP"],
    [{ communicationProtocol: "COAP" }, "communicationProtocol", "Choose MQTT or HTTP"],
    [{ deviceType: "ROBOT" }, "deviceType", "Choose a device type"],
    [{ offlineThresholdMinutes: "0" }, "offlineThresholdMinutes", "At least 1 minute"],
    [{ offlineThresholdMinutes: "2.5" }, "offlineThresholdMinutes", "Enter whole minutes"],
    [{ offlineThresholdMinutes: "abc" }, "offlineThresholdMinutes", "Enter a number of minutes"],
    [{ sku: "x".repeat(65) }, "sku", "SKU must be at most 64 characters"],
  ])("refuses %o with a message under %s", (change, field, message) => {
    const result = createModelSchema.safeParse({ ...form, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toContainEqual(expect.objectContaining({ path: [field], message }));
  });
});

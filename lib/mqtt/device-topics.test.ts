import { describe, expect, it } from "vitest";
import { deviceTopicPrefix, isDeviceTopic } from "./device-topics";

const id = "6f1c2a4e-1b2c-4d3e-8f90-123456789abc";

describe("isDeviceTopic", () => {
  it("admits the prefix and below, nothing beside or above it", () => {
    expect(deviceTopicPrefix(id)).toBe(`v1/device/${id}`);
    expect(isDeviceTopic(id, `v1/device/${id}`)).toBe(true);
    expect(isDeviceTopic(id, `v1/device/${id}/telemetry`)).toBe(true);
    expect(isDeviceTopic(id, `v1/device/${id}/#`)).toBe(true);
    expect(isDeviceTopic(id, `v1/device/${id}x/telemetry`)).toBe(false);
    expect(isDeviceTopic(id, "v1/device/+/telemetry")).toBe(false);
    expect(isDeviceTopic(id, "v1/device/#")).toBe(false);
    expect(isDeviceTopic(id, `$share/g/v1/device/${id}/#`)).toBe(false);
  });
});

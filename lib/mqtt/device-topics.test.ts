import { describe, expect, it } from "vitest";
import { deviceTopicPrefix, isDeviceTopic, topicMatches } from "./device-topics";

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

describe("topicMatches", () => {
  it.each([
    ["v1/device/a/#", "v1/device/a/commands", true],
    ["v1/device/a/#", "v1/device/a", true],
    ["v1/device/a/+", "v1/device/a/command", true],
    ["v1/device/a/+", "v1/device/a/commands/update", false],
    ["v1/device/a/command", "v1/device/a/commands", false],
    ["v1/device/a/commands", "v1/device/a/commands", true],
    ["v1/device/+/config", "v1/device/a/config", true],
  ])("%s matches %s: %s", (filter, topic, expected) => {
    expect(topicMatches(filter, topic)).toBe(expected);
  });
});

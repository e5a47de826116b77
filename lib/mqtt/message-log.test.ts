import { describe, expect, it } from "vitest";
import {
  filterUnderPrefix,
  formatPayload,
  matchesFilter,
  parseUserProperties,
  type LoggedMessage,
} from "./message-log";

const bytes = (text: string) => new TextEncoder().encode(text);
const message = (overrides: Partial<LoggedMessage>): LoggedMessage => ({
  id: 1,
  direction: "in",
  at: "10:00:00.000",
  topic: "v1/device/d1/command",
  qos: 1,
  retain: false,
  size: 2,
  payload: bytes("{}"),
  userProperties: {},
  ...overrides,
});

describe("message log", () => {
  it("pretty-prints JSON, keeps text and shows binary as hex", () => {
    expect(formatPayload(bytes('{"a":1,"b":[true]}'))).toEqual({
      kind: "json",
      text: '{\n  "a": 1,\n  "b": [\n    true\n  ]\n}',
    });
    expect(formatPayload(bytes("{not json"))).toEqual({ kind: "text", text: "{not json" });
    expect(formatPayload(bytes("hello"))).toEqual({ kind: "text", text: "hello" });
    expect(formatPayload(new Uint8Array([0xff, 0x00, 0x10]))).toEqual({ kind: "binary", text: "ff 00 10" });
  });

  it("filters by direction and by text in topic, payload or user properties", () => {
    const inbound = message({ payload: bytes('{"command":"ping"}'), userProperties: { trace: "abc-123" } });
    const outbound = message({ direction: "out", topic: "v1/device/d1/telemetry" });
    expect(matchesFilter(inbound, { text: "", direction: "all" })).toBe(true);
    expect(matchesFilter(outbound, { text: "", direction: "in" })).toBe(false);
    expect(matchesFilter(inbound, { text: "PING", direction: "all" })).toBe(true);
    expect(matchesFilter(inbound, { text: "abc-123", direction: "in" })).toBe(true);
    expect(matchesFilter(outbound, { text: "telemetry", direction: "out" })).toBe(true);
    expect(matchesFilter(inbound, { text: "telemetry", direction: "all" })).toBe(false);
  });

  it("reads user properties as name: value lines, repeated names as lists", () => {
    expect(parseUserProperties("trace: 1\n\nsource : bench\ntrace:2")).toEqual({
      ok: true,
      value: { trace: ["1", "2"], source: "bench" },
    });
    expect(parseUserProperties("url: http://x")).toEqual({ ok: true, value: { url: "http://x" } });
    const refused = parseUserProperties("no colon");
    expect(refused.ok === false && refused.message).toContain("Line 1");
    expect(parseUserProperties(": value")).toMatchObject({ ok: false });
  });

  it("builds filters only under the prefix, with valid wildcards", () => {
    expect(filterUnderPrefix("v1/device/d1", "command/#")).toEqual({ ok: true, filter: "v1/device/d1/command/#" });
    expect(filterUnderPrefix("v1/device/d1", "/+/state")).toEqual({ ok: true, filter: "v1/device/d1/+/state" });
    expect(filterUnderPrefix("v1/device/d1", "")).toMatchObject({ ok: false });
    expect(filterUnderPrefix("v1/device/d1", "#/x")).toMatchObject({ ok: false });
    expect(filterUnderPrefix("v1/device/d1", "a+")).toMatchObject({ ok: false });
  });
});

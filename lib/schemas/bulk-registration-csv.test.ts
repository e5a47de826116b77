import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/csv";
import { checkBulkCsv, credentialsCsv } from "./bulk-registration-csv";

describe("bulk registration CSV", () => {
  it("finds columns by name in any order, after a BOM, with quoted commas, quotes and line breaks", () => {
    const text =
      '\uFEFFName,SN,firmware_version,mac\r\n"Lobby, east",A-1,1.0.0,aa-bb-cc-dd-ee-01\r\n"The ""big"" one",A-2,2.0.0,\r\n\r\n"Two\nlines",A-3,1.0.0,\r\n';
    const { rows, error } = checkBulkCsv(text);
    expect(error).toBeUndefined();
    expect(rows.slice(0, 2)).toEqual([
      {
        line: 2,
        sn: "A-1",
        row: { sn: "A-1", firmware_version: "1.0.0", mac: "AA:BB:CC:DD:EE:01", name: "Lobby, east" },
      },
      { line: 3, sn: "A-2", row: { sn: "A-2", firmware_version: "2.0.0", name: 'The "big" one' } },
    ]);
    // A line break in a name is refused by the API's schema, before anything is sent.
    expect(rows[2]).toEqual({ line: 4, sn: "A-3", error: "name: must not contain control characters" });
  });

  it("reports a row the schema refuses, a missing column and a quote left open", () => {
    expect(checkBulkCsv("sn,firmware_version\nB-1,not-semver\n").rows).toEqual([
      { line: 2, sn: "B-1", error: "firmware_version: must be SemVer like 1.2.3" },
    ]);
    expect(checkBulkCsv("serial,firmware_version\nB-1,1.0.0\n").error).toBe(
      "The header row must name the columns sn, firmware_version, mac, name; missing: sn.",
    );
    expect(checkBulkCsv('sn,firmware_version,name\nB-1,1.0.0,"Lobby\nB-2,1.0.0,x\n')).toEqual({
      rows: [],
      error: "This file cannot be read as CSV. Row 2: quoted field unterminated (check its quotes).",
    });
  });

  it("writes the credentials to download with a serial number that looks like a formula as text", () => {
    const csv = credentialsCsv([
      {
        sn: "=1+1",
        id: "d-1",
        access_key: "pdk_x",
        mqtt_hub_url: "mqtt://hub:1883",
        hub_url: "http://hub",
        hub_url_static_cert: "http://hub",
      },
    ]);
    expect(parseCsv(csv)).toEqual([
      ["sn", "id", "access_key", "mqtt_hub_url", "hub_url", "hub_url_static_cert"],
      ["'=1+1", "d-1", "pdk_x", "mqtt://hub:1883", "http://hub", "http://hub"],
    ]);
  });
});

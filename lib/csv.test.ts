import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "./csv";

describe("CSV", () => {
  it("parses quotes, doubled quotes, CRLF, a BOM and skips blank lines", () => {
    expect(parseCsv('\uFEFFsn,name\r\nA1,"Lobby, east"\r\n\r\nA2,"say ""hi"""\nA3,\n')).toEqual([
      ["sn", "name"],
      ["A1", "Lobby, east"],
      ["A2", 'say "hi"'],
      ["A3", ""],
    ]);
  });

  it("round-trips what it writes", () => {
    const rows = [
      ["id", "key"],
      ["1", 'a,"b"\nc'],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});

import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "./csv";

describe("CSV", () => {
  it("parses quotes, doubled quotes, commas and line breaks in quotes, a BOM, CRLF, LF and CR, and skips blank rows", () => {
    expect(
      parseCsv('\uFEFFsn,name\r\nA1,"Lobby, east"\r\n\r\nA2,"say ""hi"""\nA3,\n,,\nA4,"two\r\nlines"\rA5,x\n'),
    ).toEqual([
      ["sn", "name"],
      ["A1", "Lobby, east"],
      ["A2", 'say "hi"'],
      ["A3", ""],
      ["A4", "two\nlines"],
      ["A5", "x"],
    ]);
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv("sn;name\nA1;x\n")).toEqual([["sn;name"], ["A1;x"]]); // commas only
  });

  it("says which row has a quote left open or misplaced", () => {
    expect(() => parseCsv('sn,name\nA1,"Lobby\nA2,x\n')).toThrow(/^Row 2: quoted field unterminated/);
    expect(() => parseCsv('sn,name\nA1,"Lobby"x,y\n')).toThrow(/^Row 2: .*quote/i);
  });

  it("quotes fields with commas, quotes or line breaks, ends every row with CRLF, and round-trips", () => {
    const rows = [
      ["id", "key"],
      ["1", 'a,"b"\nc'],
      ["2", " padded "],
    ];
    expect(toCsv(rows)).toBe('id,key\r\n1,"a,""b""\nc"\r\n2," padded "\r\n');
    expect(parseCsv(toCsv(rows))).toEqual(rows);
    expect(toCsv([])).toBe("");
  });

  it("neutralises fields a spreadsheet would run as a formula: =, +, -, @, tab or CR first, even across lines", () => {
    const attacks = ['=HYPERLINK("http://evil.example","x")', "@SUM(1+1)", "+1+1", "-2+3", "\t=1", "\r=1", "=1+1\n=2"];
    const written = toCsv([attacks]);
    expect(written).toBe(
      `"'=HYPERLINK(""http://evil.example"",""x"")","'@SUM(1+1)","'+1+1","'-2+3","'\t=1","'\r=1","'=1+1\n=2"\r\n`,
    );
    // Read back, each is the text it was, behind the quote mark that keeps a spreadsheet from running it.
    expect(parseCsv(written)[0]).toEqual(attacks.map((value) => `'${value.replace(/\r/g, "\n")}`));
    // Harmless text, including a formula character later in the field, stays as it was.
    expect(toCsv([["Lobby = east", "a@b.example", "1.0.0-beta", "2026-01-01T00:00:00.000Z"]])).toBe(
      "Lobby = east,a@b.example,1.0.0-beta,2026-01-01T00:00:00.000Z\r\n",
    );
  });
});

import Papa from "papaparse";

// The portal's CSV, written and read with Papa Parse (RFC 4180: commas,
// quoted fields with doubled quotes and line breaks, CRLF between rows).

/**
 * A field that a spreadsheet would run as a formula starts with one of these
 * (OWASP: CSV injection); it is written with a leading ' and quoted, so it
 * shows as text. Papa Parse's own pattern ends in `.*$`, which a formula with
 * a line break in it escapes.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** CSV text of rows, each ended by CRLF, with formulas neutralised. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return "";
  return `${Papa.unparse(rows as string[][], { escapeFormulae: FORMULA_START, newline: "\r\n" })}\r\n`;
}

/**
 * Rows of fields from CSV text (a leading BOM dropped, CRLF, LF or CR between
 * rows, rows with nothing in them skipped). A quote left open or misplaced
 * throws, naming the row.
 */
export function parseCsv(text: string): string[][] {
  // One line ending for the whole text: files edited by hand mix them.
  const result = Papa.parse<string[]>(text.replace(/\r\n?/g, "\n"), {
    delimiter: ",",
    newline: "\n",
    skipEmptyLines: "greedy",
  });
  const quoteError = result.errors.find((error) => error.type === "Quotes");
  if (quoteError)
    throw new Error(`Row ${(quoteError.row ?? 0) + 1}: ${quoteError.message.toLowerCase()} (check its quotes).`);
  return result.data;
}

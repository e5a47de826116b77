import { parseCsv, toCsv } from "@/lib/csv";
import {
  BULK_CSV_COLUMNS,
  bulkRowSchema,
  describeIssue,
  type BulkRow,
  type RegisteredDevice,
} from "@/lib/schemas/device-registration";

/** One data row of a bulk registration file: its line, and the row to send or why it cannot be. */
export type CheckedBulkRow = { line: number; sn: string; row?: BulkRow; error?: string };

/**
 * Reads a bulk registration CSV and checks every row with the API's own
 * schema, before anything is sent. Columns are found by their header names,
 * in any order; a file that cannot be read as CSV is one error.
 */
export function checkBulkCsv(text: string): { rows: CheckedBulkRow[]; error?: string } {
  let parsed: string[][];
  try {
    parsed = parseCsv(text);
  } catch (error) {
    return { rows: [], error: `This file cannot be read as CSV. ${(error as Error).message}` };
  }
  const [header, ...lines] = parsed;
  const columns = header?.map((name) => name.trim().toLowerCase()) ?? [];
  const missing = ["sn", "firmware_version"].filter((name) => !columns.includes(name));
  if (missing.length)
    return {
      rows: [],
      error: `The header row must name the columns ${BULK_CSV_COLUMNS.join(", ")}; missing: ${missing.join(", ")}.`,
    };
  const rows = lines.map((fields, index): CheckedBulkRow => {
    const value = Object.fromEntries(BULK_CSV_COLUMNS.map((name) => [name, fields[columns.indexOf(name)] ?? ""]));
    const result = bulkRowSchema.safeParse(value);
    const sn = value.sn ?? "";
    return result.success
      ? { line: index + 2, sn, row: result.data }
      : { line: index + 2, sn, error: describeIssue(result.error, value) };
  });
  return { rows };
}

/** The credentials of the devices a bulk registration created, as the CSV the partner downloads once. */
export function credentialsCsv(created: ReadonlyArray<RegisteredDevice & { sn: string }>): string {
  return toCsv([
    ["sn", "id", "access_key", "mqtt_hub_url", "hub_url", "hub_url_static_cert"],
    ...created.map((d) => [d.sn, d.id, d.access_key, d.mqtt_hub_url, d.hub_url, d.hub_url_static_cert]),
  ]);
}

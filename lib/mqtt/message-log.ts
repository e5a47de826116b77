// The live panel's message log: what one entry holds and how it is shown and
// filtered. Pure, so the formatting rules are unit-tested without a browser.

export type UserProperties = Record<string, string | string[]>;

export type LoggedMessage = {
  id: number;
  direction: "in" | "out";
  /** HH:MM:SS.mmm, local to the page. */
  at: string;
  topic: string;
  qos: number;
  retain: boolean;
  /** Payload size in bytes, as sent on the wire. */
  size: number;
  payload: Uint8Array;
  userProperties: UserProperties;
};

export type MessageFilter = { text: string; direction: "all" | "in" | "out" };

export const MESSAGE_LOG_LIMIT = 500;

const decoder = new TextDecoder("utf-8", { fatal: true });

/** JSON pretty-printed, UTF-8 text as is, anything else as hex. */
export function formatPayload(payload: Uint8Array): { kind: "json" | "text" | "binary"; text: string } {
  let text: string;
  try {
    text = decoder.decode(payload);
  } catch {
    const hex = Array.from(payload.subarray(0, 512), (byte) => byte.toString(16).padStart(2, "0")).join(" ");
    return { kind: "binary", text: payload.length > 512 ? `${hex} …` : hex };
  }
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return { kind: "json", text: JSON.stringify(JSON.parse(trimmed), null, 2) };
    } catch {
      // Looked like JSON but is not: shown as the text it is.
    }
  }
  return { kind: "text", text };
}

export function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Case-insensitive match on topic, payload text and user properties. */
export function matchesFilter(message: LoggedMessage, filter: MessageFilter): boolean {
  if (filter.direction !== "all" && message.direction !== filter.direction) return false;
  const needle = filter.text.trim().toLowerCase();
  if (!needle) return true;
  const haystack = [message.topic, formatPayload(message.payload).text, JSON.stringify(message.userProperties)]
    .join("\n")
    .toLowerCase();
  return haystack.includes(needle);
}

/**
 * User properties from "name: value" lines, in the order given; a repeated
 * name becomes a list (MQTT v5 allows a name more than once).
 */
export function parseUserProperties(
  text: string,
): { ok: true; value: UserProperties } | { ok: false; message: string } {
  const value: UserProperties = {};
  const lines = text.split("\n").map((line) => line.trim());
  for (const [index, line] of lines.entries()) {
    if (!line) continue;
    const colon = line.indexOf(":");
    const name = colon === -1 ? "" : line.slice(0, colon).trim();
    if (!name) return { ok: false, message: `Line ${index + 1}: write a user property as "name: value".` };
    const propertyValue = line.slice(colon + 1).trim();
    const existing = value[name];
    value[name] =
      existing === undefined ? propertyValue : [...(Array.isArray(existing) ? existing : [existing]), propertyValue];
  }
  return { ok: true, value };
}

export function clockTime(date = new Date()): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** MQTT topic filters the device may use under its own prefix ("+" and a final "#" allowed). */
export function filterUnderPrefix(
  prefix: string,
  suffix: string,
): { ok: true; filter: string } | { ok: false; message: string } {
  const trimmed = suffix.trim().replace(/^\/+/, "");
  if (!trimmed) return { ok: false, message: "Enter a topic filter under the device's prefix, for example command/#." };
  const levels = trimmed.split("/");
  for (const [index, level] of levels.entries()) {
    if (level.includes("#") && (level !== "#" || index !== levels.length - 1))
      return { ok: false, message: '"#" may only be a whole last level.' };
    if (level.includes("+") && level !== "+") return { ok: false, message: '"+" must be a whole level.' };
  }
  return { ok: true, filter: `${prefix}/${trimmed}` };
}

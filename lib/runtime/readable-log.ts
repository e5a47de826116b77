import { Writable } from "node:stream";

const LEVELS: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };
// Fields every line has, shown in the line's head instead of in its tail.
const HEAD = new Set(["level", "time", "msg", "component", "pid", "hostname"]);

/** One JSON log line as a person reads it: `12:00:01.234 INFO  [hub] message key=value`. */
export function readableLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof entry.time === "string" ? entry.time.slice(11, 23) : "";
  const level = (LEVELS[entry.level as number] ?? String(entry.level)).padEnd(5);
  const component = entry.component ? `[${text(entry.component)}] ` : "";
  const rest = Object.entries(entry)
    .filter(([key]) => !HEAD.has(key))
    .map(([key, value]) =>
      key === "err" && typeof value === "object" && value !== null && "stack" in value
        ? `\n${String(value.stack)}`
        : ` ${key}=${text(value)}`,
    )
    .join("");
  return `${time} ${level} ${component}${text(entry.msg ?? "")}${rest}`;
}

const text = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/** A stream for pino that writes readable lines to `out` (development, on a terminal). */
export function readableLogStream(out: NodeJS.WriteStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n")) if (line) out.write(`${readableLine(line)}\n`);
      done();
    },
  });
}

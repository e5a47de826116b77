import { describe, expect, it } from "vitest";
import { canMoveCommand, COMMAND_STATUSES, newCommandSchema, type CommandStatus } from "./device-command";

describe("[COMMANDS] status moves", () => {
  // Every pair: the legal ones are listed, everything else is refused (409 at the API).
  const legal = new Set([
    "pending>in_progress",
    "pending>done",
    "pending>failed",
    "in_progress>done",
    "in_progress>failed",
    // Repeating the current status is a retry, accepted.
    ...COMMAND_STATUSES.map((status) => `${status}>${status}`),
  ]);
  const pairs = COMMAND_STATUSES.flatMap((from) =>
    COMMAND_STATUSES.map((to) => [from, to] as [CommandStatus, CommandStatus]),
  );
  it.each(pairs)("%s -> %s", (from, to) => {
    expect(canMoveCommand(from, to)).toBe(legal.has(`${from}>${to}`));
  });
});

describe("[COMMANDS] what the portal may send", () => {
  it("checks a standard command's parameters and accepts a name of the partner's own", () => {
    expect(newCommandSchema.safeParse({ name: "reboot" }).success).toBe(true);
    expect(newCommandSchema.safeParse({ name: "reboot", parameters: { now: true } }).error?.issues[0]?.message).toBe(
      "reboot takes no parameters",
    );
    const firmware = newCommandSchema.safeParse({
      name: "update_firmware",
      parameters: { url: "ftp://x", version: "2" },
    });
    expect(firmware.error?.issues.map((issue) => issue.message)).toEqual([
      "url: must be an http(s) URL",
      "version: must be SemVer like 1.2.3",
      "checksum: is required",
    ]);
    expect(newCommandSchema.safeParse({ name: "set volume!", parameters: {} }).success).toBe(false);
    expect(newCommandSchema.parse({ name: "set_volume", parameters: { level: 3 } })).toEqual({
      name: "set_volume",
      parameters: { level: 3 },
    });
  });
});

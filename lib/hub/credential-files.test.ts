import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { passwordLine, writePasswordFile } from "./credential-files";

describe("the password file", () => {
  it("holds the portal's accounts, then devices, then pooled ids; concurrent writes each land whole", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pw-"));
    const file = path.join(dir, "passwords");
    const devices = new Map(
      Array.from({ length: 3_000 }, (_, i) => [`d${i}`, passwordLine(`d${i}`, `$7$101$s$h${i}`)] as const),
    );
    const pooled = new Map([["p0", passwordLine("p0", "$7$101$s$p")]]);
    await Promise.all([
      writePasswordFile(file, [passwordLine("portal", "$7$101$s$a")], [devices, pooled]),
      writePasswordFile(file, [passwordLine("portal", "$7$101$s$a")], [devices, pooled]),
    ]);
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines[0]).toBe("portal:$7$101$s$a");
    expect(lines[1]).toBe("d0:$7$101$s$h0");
    expect(lines[3_001]).toBe("p0:$7$101$s$p");
    expect(lines).toHaveLength(3_003); // and the final newline
    expect(readdirSync(dir)).toEqual(["passwords"]);
  });
});

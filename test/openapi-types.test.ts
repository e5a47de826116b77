import { execFile } from "node:child_process";
import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { afterAll, describe, expect, it } from "vitest";
import { GET as servedDocument } from "@/app/api/v1/openapi.json/route";

// A partner's backend is generated from the management API's OpenAPI
// document: the types openapi-typescript makes from the document the portal
// serves must type-check the README's example (docs/examples), under
// TypeScript's strict mode. A renamed field or an untyped answer fails here.

const dir = path.resolve(`.tmp/openapi-types-${process.pid}`);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("[OPENAPI] the management API document generates types a backend compiles against", () => {
  it("types the served document with openapi-typescript and type-checks docs/examples/read-device-records.ts", async () => {
    const document = (await servedDocument().json()) as OpenAPI3;
    const types = astToString(await openapiTS(document));
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "partner-hub-api.d.ts"), types);
    await copyFile("docs/examples/read-device-records.ts", path.join(dir, "read-device-records.ts"));
    // Every device-records answer is typed, never a bare object.
    expect(types).toMatch(/bucket_minutes: number/);
    expect(types).toMatch(/closed_by: string \| null/);
    const tsc = path.resolve("node_modules/.bin/tsc");
    const result = await promisify(execFile)(
      tsc,
      [
        ...["--noEmit", "--strict", "--noUncheckedIndexedAccess", "--skipLibCheck"],
        ...["--target", "ES2022", "--module", "esnext", "--moduleResolution", "bundler"],
        ...["--lib", "ES2023,dom", "--types", "node"],
        path.join(dir, "read-device-records.ts"),
      ],
      { cwd: path.resolve(".") },
    ).then(
      () => ({ code: 0, output: "" }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, output: error.stdout ?? "" }),
    );
    expect(result).toEqual({ code: 0, output: "" });
  }, 120_000);
});

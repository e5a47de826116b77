import path from "node:path";
import { RuleTester } from "eslint";
import { describe, it } from "vitest";
import { layersPlugin } from "../scripts/eslint-layers.mjs";

// The layer rule itself: CI's lint is only as good as the rule's ability to fail.
RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2024, sourceType: "module" } });
const file = (relative: string) => path.join(process.cwd(), relative);

describe("layers/one-way", () => {
  tester.run("one-way", layersPlugin.rules["one-way"], {
    valid: [
      { filename: file("lib/server/data/devices/x.ts"), code: 'import { db } from "../../database/db";' },
      { filename: file("lib/server/data/devices/x.ts"), code: 'import { z } from "@/lib/schemas/telemetry";' },
      { filename: file("lib/server/actions/x/y.ts"), code: 'import { f } from "../../data/devices/x";' },
      { filename: file("app/page.tsx"), code: 'import { f } from "@/lib/server/start/start-hub";' },
      { filename: file("lib/hub/x.ts"), code: 'import { pino } from "pino";' },
      { filename: file("test/x.test.ts"), code: 'import { f } from "@/lib/server/actions/x";' },
    ],
    invalid: [
      {
        filename: file("lib/server/data/devices/x.ts"),
        code: 'import { f } from "../../device-api/authenticate-device";',
        errors: [{ messageId: "upward" }],
      },
      {
        filename: file("lib/hub/embedded-hub.ts"),
        code: 'export { f } from "@/lib/server/errors";',
        errors: [{ messageId: "upward" }],
      },
      {
        filename: file("lib/schemas/x.ts"),
        code: 'const m = import("../runtime/logger");',
        errors: [{ messageId: "upward" }],
      },
      {
        filename: file("lib/server/rollouts/x.ts"),
        code: 'export * from "../actions/partner-action";',
        errors: [{ messageId: "upward" }],
      },
    ],
  });
});

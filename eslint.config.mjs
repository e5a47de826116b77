import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { layersPlugin } from "./scripts/eslint-layers.mjs";

// Prisma stays in the data layer: every query and write is a data function
// (lib/server/data/<feature>/<verb-noun>.ts).
const DATA_LAYER_ONLY = {
  regex: "^(@/lib/server/database/db|(\\.\\./)+((server/)?database/)?db|\\./db)$",
  message: "Only lib/server/data queries the database: call (or add) a data function.",
};

// Type-aware rules: a floating promise in a server action or a route handler is
// a lost error, so no-floating-promises and no-misused-promises are errors.
export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "lib/generated/**",
      "node_modules/**",
      "playwright-report/**",
      "test-results/**",
      ".tmp/**",
      "next-env.d.ts",
      // Type-checked against the generated API types by test/openapi-types.test.ts.
      "docs/examples/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["*.mjs", "bench/*.mjs", "scripts/*.mjs", "lib/device-export/*.mjs"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Imports run down the layers named in scripts/eslint-layers.mjs; tests may reach anywhere.
    files: ["**/*.{ts,tsx,mjs}"],
    ignores: ["**/*.test.ts", "test/**", "e2e/**", "bench/**", "scripts/**"],
    plugins: { layers: layersPlugin },
    rules: { "layers/one-way": "error" },
  },
  {
    // Only the files that wire the Prisma client into a library or into start-up import it outside the data layer.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "server.ts", "instrumentation.ts"],
    ignores: [
      "lib/server/data/**",
      "lib/server/database/db.ts",
      "lib/server/auth/auth.ts",
      "lib/server/rate-limiter.ts",
      "lib/server/start/start-portal.ts",
      "lib/server/database/planner-statistics.ts",
      "**/*.test.ts",
    ],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [DATA_LAYER_ONLY],
        },
      ],
    },
  },
  {
    // The hub boundary is handed the data functions it needs (lib/server/start/start-hub.ts): dependencies run one way.
    files: ["lib/hub/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(@/lib/server|(\\.\\./)+(lib/)?server)(/|$)", message: "lib/hub must not import lib/server." },
            DATA_LAYER_ONLY,
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly" } },
  },
);

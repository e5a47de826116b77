// The portal's layers, lowest first, and the lint rule that keeps imports
// running down them (docs/architecture.md draws them). A file belongs to the
// layer of the longest prefix that matches its path; it may import its own
// layer and those below, never one above. Files no prefix names (config,
// tests, benchmarks, scripts) are not checked.
import path from "node:path";

export const LAYERS = [
  {
    name: "shared",
    about: "pure code shared by browser and server: schemas, rules, names",
    paths: [
      "lib/schemas/",
      "lib/devices/",
      "lib/auth/",
      "lib/webhooks/",
      "lib/device-history/",
      "lib/firmware/",
      "lib/management-api/",
      "lib/device-api/",
      "lib/mqtt/device-topics",
      "lib/generated/",
      "lib/csv",
      "lib/utils",
      "lib/action-result",
      "lib/json-diff",
      "lib/jsonified",
      "lib/format-bytes",
    ],
  },
  {
    name: "runtime",
    about: "the process's plumbing and configuration; the browser's MQTT client",
    paths: ["lib/runtime/", "lib/http/", "lib/database/", "lib/env", "lib/owner-only", "lib/mqtt/"],
  },
  { name: "hub", about: "the MQTT hub boundary", paths: ["lib/hub/"] },
  {
    name: "server base",
    about: "the Prisma client, errors, ids, secrets, file and mail stores",
    paths: [
      "lib/server/database/",
      "lib/server/errors",
      "lib/server/ids",
      "lib/server/secrets",
      "lib/server/signed-value",
      "lib/server/member-label",
      "lib/server/files/",
      "lib/server/mail/",
    ],
  },
  { name: "data", about: "every query and write", paths: ["lib/server/data/"] },
  {
    name: "services",
    about: "the device conversation, rollouts, webhooks, history, auth",
    paths: ["lib/server/"],
  },
  {
    name: "entry",
    about: "what requests and the process start enter through",
    paths: [
      "lib/server/actions/",
      "lib/server/management-api/",
      "lib/server/portal-api/",
      "lib/server/portal-route",
      "lib/server/device-api/",
      "lib/server/hub-auth/",
      "lib/server/start/",
      "lib/device-export/",
    ],
  },
  {
    name: "web",
    about: "pages, route handlers, components, the server process",
    paths: ["app/", "components/", "server.ts", "instrumentation.ts", "proxy.ts"],
  },
];

const ROOT = path.resolve(import.meta.dirname, "..");

/** The layer index of a path relative to the repository, or -1. */
function layerOf(relative) {
  let found = -1;
  let longest = 0;
  LAYERS.forEach((layer, index) => {
    for (const prefix of layer.paths) {
      if (relative.startsWith(prefix) && prefix.length > longest) {
        found = index;
        longest = prefix.length;
      }
    }
  });
  return found;
}

/** The imported path relative to the repository, for "@/…" and relative specifiers; else null. */
function target(specifier, filename) {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return path.relative(ROOT, path.resolve(path.dirname(filename), specifier));
  return null;
}

const oneWay = {
  meta: {
    type: "problem",
    docs: { description: "Imports run down the layers (scripts/eslint-layers.mjs)." },
    schema: [],
    messages: {
      upward:
        "{{file}} ({{from}}) must not import {{imported}} ({{to}}): imports run down the layers (docs/architecture.md).",
    },
  },
  create(context) {
    const file = path.relative(ROOT, context.filename);
    const from = layerOf(file);
    if (from < 0) return {};
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== "string") return;
      const imported = target(specifier, context.filename);
      const to = imported === null ? -1 : layerOf(imported);
      if (to <= from) return;
      context.report({
        node: node.source,
        messageId: "upward",
        data: { file, from: LAYERS[from].name, imported, to: LAYERS[to].name },
      });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export const layersPlugin = { rules: { "one-way": oneWay } };

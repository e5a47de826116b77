import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./database-url";

// Every variable the portal reads, validated once. A missing or malformed one
// stops the process with a message that names it (see .env.example).
const secret = (name: string) =>
  z
    .string({ error: `${name} is required (at least 32 characters; run scripts/setup.sh to generate one)` })
    .min(32, `${name} must be at least 32 characters`);

const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:|https?:)/, "must be a libSQL URL such as file:data/partner-hub.db")
    .default(DEFAULT_DATABASE_URL),
  BETTER_AUTH_SECRET: secret("BETTER_AUTH_SECRET"),
  KEY_HASH_SECRET: secret("KEY_HASH_SECRET"),
  // Where browsers reach the portal (behind a proxy, its public address).
  PUBLIC_URL: url.optional(),
  PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65_535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
}).transform((e) => ({ ...e, PUBLIC_URL: e.PUBLIC_URL ?? `http://localhost:${e.PORT}` }));

export type Env = z.output<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

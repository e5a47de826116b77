import "server-only";
import { isPostgresUrl } from "@/lib/database/database-url";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Prisma as PostgresPrisma } from "@/lib/generated/prisma-postgres/client";

// The few places where the same Prisma query means different things on SQLite
// and PostgreSQL. Everything else is written once for both.

// env() is parsed once; resolveDatabaseUrl is not needed here (it creates an
// SQLite file's folder, which is start-up work, not per-query work).
export const onPostgres = (): boolean => isPostgresUrl(env().DATABASE_URL);

/**
 * A case-insensitive substring match. SQLite's LIKE ignores ASCII case by
 * itself (and Prisma refuses `mode` there); PostgreSQL needs ILIKE.
 */
export function containsIgnoringCase(text: string): Prisma.StringFilter {
  if (!onPostgres()) return { contains: text };
  const filter: PostgresPrisma.StringFilter = { contains: text, mode: "insensitive" };
  return filter;
}

/**
 * Newest first with never-set values (NULL) last. SQLite sorts NULL last in
 * DESC by itself, and an explicit NULLS LAST there made Prisma's query skip
 * the index (4x slower at 100,000 devices); PostgreSQL sorts NULL first in
 * DESC unless told.
 */
export function descNullsLast(): Prisma.SortOrder | Prisma.SortOrderInput {
  return onPostgres() ? { sort: "desc", nulls: "last" } : "desc";
}

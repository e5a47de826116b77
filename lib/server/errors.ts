import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/** Expected failures, each with an HTTP status; everything else is a bug. */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PROTOCOL_IMMUTABLE: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  DATABASE_BUSY: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Messages per form field, e.g. { name: ["already used"] }. */
  readonly fieldErrors: Record<string, string[]> | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { fieldErrors?: Record<string, string[]>; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/**
 * The failure as an expected one, or undefined for a bug. A database that
 * stayed locked past its wait (SQLite's busy timeout under several writing
 * processes: Prisma's P1008; a pool with no free connection: P2024) is a
 * moment's overload, answered with a retry hint rather than as a bug.
 */
export function asAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (isDatabaseBusy(error))
    return new AppError("DATABASE_BUSY", "the database is busy; retry in a moment", { retryAfterSeconds: 1 });
  return undefined;
}

// PostgreSQL's deadlock and serialization failures: the transaction was
// rolled back whole, and trying it again is the documented answer.
const RETRYABLE_SQLSTATES = ["40P01", "40001"];

/**
 * True when the database stayed locked (or its pool full) past the wait, or
 * rolled the transaction back to break a deadlock; see asAppError.
 */
export function isDatabaseBusy(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P1008" || error.code === "P2024" || error.code === "P2034") return true;
  // An interactive transaction past its timeout (a loaded database): Prisma
  // rolled it back, so it can be run again. Not retried, a telemetry batch
  // was dropped after the broker had acknowledged it (672 messages when the
  // million-device fleet's vacuum shared the server, bench/conversation-ingest).
  if (error.code === "P2028") return true;
  // A raw query's failure (P2010) carries the driver's SQLSTATE in its cause, and in its message.
  const cause = (error.meta?.driverAdapterError as { cause?: { code?: unknown; kind?: unknown } } | undefined)?.cause;
  if (cause?.kind === "TransactionWriteConflict") return true;
  return RETRYABLE_SQLSTATES.some((state) => cause?.code === state || error.message.includes(`Code: \`${state}\``));
}

/** True when Prisma refused a write because of a unique constraint. */
export function isUniqueViolation(error: unknown): boolean {
  return uniqueViolationFields(error) !== null;
}

/**
 * The columns (or, on PostgreSQL, the index name) of the unique constraint
 * that refused a write; null for any other failure. A model query reports
 * them as P2002's target, a raw query (P2010) in its driver adapter's cause.
 */
export function uniqueViolationFields(error: unknown): string[] | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  if (error.code === "P2002") {
    const target = error.meta?.target;
    return Array.isArray(target) ? target.map(String) : [typeof target === "string" ? target : ""];
  }
  type Cause = { kind?: unknown; constraint?: { fields?: unknown; index?: unknown } };
  const cause = (error.meta?.driverAdapterError as { cause?: Cause } | undefined)?.cause;
  if (error.code !== "P2010" || cause?.kind !== "UniqueConstraintViolation") return null;
  const { fields, index } = cause.constraint ?? {};
  return Array.isArray(fields) ? fields.map(String) : [typeof index === "string" ? index : ""];
}

/**
 * True when the database's protocol guard (a trigger raising PROTOCOL_IMMUTABLE)
 * refused an update. Prisma reports a RAISE(ABORT) from a SQLite trigger as a
 * foreign-key error (P2003); the trigger's own message survives only in the
 * driver adapter's cause, so that is where it is recognised.
 */
export function isProtocolGuardViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const meta = error instanceof Prisma.PrismaClientKnownRequestError ? error.meta : undefined;
  const cause = (meta?.driverAdapterError as { cause?: { originalMessage?: unknown } } | undefined)?.cause;
  return [error.message, cause?.originalMessage].some((m) => typeof m === "string" && m.includes("PROTOCOL_IMMUTABLE"));
}

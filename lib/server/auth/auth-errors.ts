import "server-only";
import { APIError } from "better-auth/api";
import { AppError, type ErrorCode } from "../errors";

// better-auth's organization plugin refuses with codes; these are the ones a
// partner can meet, said in the portal's words.
const MESSAGES: Record<string, { code: ErrorCode; message: string }> = {
  YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER: {
    code: "CONFLICT",
    message: "The last owner cannot leave or be removed: make another member an owner first.",
  },
  YOU_CANNOT_LEAVE_THE_ORGANIZATION_WITHOUT_AN_OWNER: {
    code: "CONFLICT",
    message: "The last owner cannot be demoted: make another member an owner first.",
  },
  USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION: { code: "CONFLICT", message: "That person is already a member." },
  USER_IS_ALREADY_INVITED_TO_THIS_ORGANIZATION: {
    code: "CONFLICT",
    message: "That email already has a pending invitation: copy its link below, or cancel it and invite again.",
  },
  INVITATION_NOT_FOUND: {
    code: "NOT_FOUND",
    message: "This invitation link is no longer valid: it was used, canceled or has expired.",
  },
  YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION: {
    code: "FORBIDDEN",
    message: "This invitation is for another email address. Sign in with that address to accept it.",
  },
  MEMBER_NOT_FOUND: { code: "NOT_FOUND", message: "That member is no longer in this partner." },
};

/** A better-auth refusal as an AppError the user can read; anything else unchanged. */
export function fromAuthError(error: unknown): unknown {
  if (!(error instanceof APIError)) return error;
  const code = String(error.body?.code ?? "");
  const known = MESSAGES[code];
  if (known) return new AppError(known.code, known.message);
  const status = error.statusCode === 403 ? "FORBIDDEN" : error.statusCode === 404 ? "NOT_FOUND" : "BAD_REQUEST";
  return new AppError(status, error.body?.message ?? "The request was refused.");
}

/** Runs a better-auth call, translating its refusals (fromAuthError). */
export async function callAuth<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw fromAuthError(error);
  }
}

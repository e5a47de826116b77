import "server-only";
import type { z } from "zod";
import { formDataToObject, toFieldErrors, type ActionResult } from "@/lib/action-result";
import { HubUnavailableError } from "@/lib/hub/hub";
import { asAppError } from "../errors";
import type { Action } from "@/lib/auth/policy";
import { authorize, requirePermission, type Viewer } from "../auth/session";

/** An expected failure (AppError) as the action result; anything else rethrown. */
export function toFailure(error: unknown): ActionResult<never> {
  if (error instanceof HubUnavailableError) return { ok: false, message: error.message };
  const expected = asAppError(error);
  if (expected) {
    return {
      ok: false,
      message: expected.message,
      ...(expected.fieldErrors ? { fieldErrors: expected.fieldErrors } : {}),
    };
  }
  throw error;
}

/**
 * Builds a form action for signed-in partners whose role may take `action`
 * (lib/auth/policy.ts): resolves the viewer from the session (never from
 * input), checks the policy, validates the form with the shared schema, runs
 * the handler and returns the one result shape. When the action depends on
 * the input (a bulk "disable" or "delete"), `action` is a function of it and
 * is checked once the input is parsed.
 */
export function partnerAction<S extends z.ZodType, T>(
  action: Action | ((input: z.output<S>) => Action),
  schema: S,
  handler: (input: z.output<S>, viewer: Viewer) => Promise<ActionResult<T>>,
): (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>> {
  return async (_previous, formData) => {
    try {
      const viewer = await authorize(typeof action === "string" ? action : "device.read");
      const parsed = schema.safeParse(formDataToObject(formData));
      if (!parsed.success) {
        return { ok: false, message: "Check the highlighted fields.", fieldErrors: toFieldErrors(parsed.error) };
      }
      if (typeof action === "function") requirePermission(viewer, action(parsed.data));
      return await handler(parsed.data, viewer);
    } catch (error) {
      return toFailure(error);
    }
  };
}

import "server-only";
import type { BetterAuthOptions } from "better-auth";
import { headers } from "next/headers";
import { logger } from "@/lib/runtime/logger";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/request-headers";
import { recordPasswordReset } from "../data/account/record-password-reset";
import { PASSWORD_RESET_EXPIRY_MINUTES, sendPasswordResetMail } from "../mail/password-reset-mail";
import { isMailConfigured } from "../mail/send-mail";
import { forgetViewer } from "../viewer-cache";

/** Where better-auth's emailed link lands once it has checked the token: the "set a new password" page. */
export const RESET_PASSWORD_PAGE = "/reset-password";

/** The client's address for the audit log: auth.api calls from server actions carry no Request, Next.js's scope has it. */
async function clientAddress(request: Request | undefined): Promise<string | null> {
  if (request) return request.headers.get(CLIENT_ADDRESS_HEADER);
  try {
    return (await headers()).get(CLIENT_ADDRESS_HEADER);
  } catch {
    return null;
  }
}

/**
 * better-auth's password reset by email: it makes the single-use token (an
 * hour), checks it when the link is opened and when the new password is set,
 * and deletes every session of the user on success. The portal sends the mail,
 * audits the reset and drops the user's cached sessions.
 */
export const passwordResetOptions = {
  resetPasswordTokenExpiresIn: PASSWORD_RESET_EXPIRY_MINUTES * 60,
  revokeSessionsOnPasswordReset: true,
  // Not awaited: better-auth answers an unknown email at once, so a known one
  // must not wait for the mail server either (no account probing by timing).
  sendResetPassword: ({ user, url }) => {
    if (!isMailConfigured()) return Promise.resolve();
    sendPasswordResetMail({ to: user.email, name: user.name, link: url }).catch((error: unknown) =>
      logger("auth").error({ err: error }, `Sending the password reset link to ${user.email} failed`),
    );
    return Promise.resolve();
  },
  onPasswordReset: async ({ user }, request) => {
    forgetViewer(user.id);
    await recordPasswordReset({ user, ip: await clientAddress(request) });
  },
} satisfies Partial<NonNullable<BetterAuthOptions["emailAndPassword"]>>;

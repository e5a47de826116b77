import "server-only";
import { createEmailVerificationToken } from "better-auth/api";
import { logger } from "@/lib/runtime/logger";
import { auth } from "./auth";
import { takeAuthAttempt } from "./auth-attempts";
import { deleteUser } from "../data/account/delete-user";
import { giveNewUserAPartner } from "../data/account/give-new-user-a-partner";
import { SIGN_UP_LINK_EXPIRY_HOURS, sendAlreadyRegisteredMail, sendFinishSignUpMail } from "../mail/sign-up-mail";

type SignUp = { name: string; email: string; password: string; partnerName: string; address: string | undefined };

/**
 * Sign-up on a portal with outgoing mail: the same answer, in about the same
 * time, whether the address has an account or not; what differs goes to the
 * address's inbox. A new address gets its account, its partner and a link
 * that confirms it and signs it in; a known one gets "you already have an
 * account". Neither signs anyone in here. Both count as a request that mails
 * the address (from the client's address, and on the account's own mail
 * budget, as a password reset request does), and neither is forgiven, so the
 * limits cannot tell the two apart either; an account's sign-in budget is not
 * touched. Mails are not awaited, for the same reason.
 */
export async function signUpByMail({ name, email, password, partnerName, address }: SignUp): Promise<void> {
  const normalized = email.toLowerCase();
  await takeAuthAttempt({ account: normalized, address }, "mail-request");
  const context = await auth.$context;
  const existing = await context.internalAdapter.findUserByEmail(normalized);
  // Hashed either way: scrypt is most of a new account's time.
  const hash = await context.password.hash(password);
  if (existing) return tellOwner(existing.user);
  let userId: string;
  try {
    const user = await context.internalAdapter.createUser(
      { email: normalized, name, emailVerified: false },
      { method: "email-password" },
    );
    userId = user.id;
  } catch (error) {
    // Another sign-up for the same address won the race: it is a known address now.
    const winner = await context.internalAdapter.findUserByEmail(normalized);
    if (winner) return tellOwner(winner.user);
    throw error;
  }
  try {
    await context.internalAdapter.linkAccount({ userId, providerId: "credential", accountId: userId, password: hash });
  } catch (error) {
    // No account without its password.
    await deleteUser(userId);
    throw error;
  }
  await giveNewUserAPartner(userId, partnerName);
  const token = await createEmailVerificationToken(
    context.secret,
    normalized,
    undefined,
    SIGN_UP_LINK_EXPIRY_HOURS * 60 * 60,
    { userId },
  );
  const link = `${context.baseURL}/verify-email?token=${token}&callbackURL=${encodeURIComponent("/")}`;
  sendFinishSignUpMail({ to: normalized, name, link }).catch((error: unknown) =>
    logger("auth").error({ err: error }, `Sending the sign-up link to ${normalized} failed`),
  );
}

function tellOwner(user: { email: string; name: string }): void {
  sendAlreadyRegisteredMail({ to: user.email, name: user.name }).catch((error: unknown) =>
    logger("auth").error({ err: error }, `Sending "already registered" to ${user.email} failed`),
  );
}

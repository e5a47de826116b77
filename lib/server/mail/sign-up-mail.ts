import "server-only";
import { portalLink, sendMail } from "./send-mail";

/** How long the emailed "finish signing up" link signs its account in (its token's lifetime, sign-up-by-mail.ts). */
export const SIGN_UP_LINK_EXPIRY_HOURS = 24;

/** To a new account's address: the link confirms it and signs the account in. */
export async function sendFinishSignUpMail(options: { to: string; name: string; link: string }): Promise<void> {
  await sendMail({
    to: options.to,
    subject: "Finish creating your Partner Hub account",
    text: [
      `${options.name || options.to}, your Partner Hub account for ${options.to} is ready.`,
      "",
      `Confirm your email and sign in: ${options.link}`,
      "",
      `The link expires in ${SIGN_UP_LINK_EXPIRY_HOURS} hours; after that, sign in with your password at ${portalLink("/sign-in")}.`,
      "If you did not sign up, ignore this message.",
    ].join("\n"),
  });
}

/** To an address that has an account already: sign-up answers alike, so the owner learns it here. */
export async function sendAlreadyRegisteredMail(options: { to: string; name: string }): Promise<void> {
  await sendMail({
    to: options.to,
    subject: "You already have a Partner Hub account",
    text: [
      `${options.name || options.to}, someone (we hope you) tried to create a Partner Hub account for ${options.to}, which has one already. Nothing was changed.`,
      "",
      `Sign in: ${portalLink("/sign-in")}`,
      `Forgot your password? Set a new one: ${portalLink("/forgot-password")}`,
      "",
      "If it was not you, ignore this message.",
    ].join("\n"),
  });
}

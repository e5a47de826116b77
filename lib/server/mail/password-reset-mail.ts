import "server-only";
import { sendMail } from "./send-mail";

/** How long a reset link works (better-auth's resetPasswordTokenExpiresIn). */
export const PASSWORD_RESET_EXPIRY_MINUTES = 60;

/** Emails better-auth's single-use reset link, laid out like the invitation mail. */
export async function sendPasswordResetMail(options: { to: string; name: string; link: string }): Promise<void> {
  await sendMail({
    to: options.to,
    subject: "Set a new Partner Hub password",
    text: [
      `${options.name || options.to}, someone (we hope you) asked to set a new password for ${options.to} on Partner Hub.`,
      "",
      `Set a new password: ${options.link}`,
      "",
      `The link works once and expires in ${PASSWORD_RESET_EXPIRY_MINUTES} minutes. Setting the password signs you out everywhere.`,
      "If you did not ask for it, ignore this message: your password stays as it is.",
    ].join("\n"),
  });
}

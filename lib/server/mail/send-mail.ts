import "server-only";
import { createTransport, type Transporter } from "nodemailer";
import { env } from "@/lib/env";

let transport: Transporter | undefined;

/** A link to `path` on the portal, as mail carries it (PUBLIC_URL, without a doubled slash). */
export const portalLink = (path: string): string => `${env().PUBLIC_URL.replace(/\/$/, "")}${path}`;

/** True when SMTP_URL is set: invitations, password resets and sign-up links also go by email. */
export const isMailConfigured = (): boolean => Boolean(env().SMTP_URL);

/**
 * Sends a plain-text message through SMTP_URL. Throws when the server refuses
 * it; callers that have another way to deliver (a link shown to copy) say so.
 */
export async function sendMail(message: { to: string; subject: string; text: string }): Promise<void> {
  const url = env().SMTP_URL;
  if (!url) throw new Error("SMTP_URL is not set");
  transport ??= createTransport(url);
  await transport.sendMail({ from: env().SMTP_FROM, ...message });
}

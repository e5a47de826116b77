import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { organization } from "better-auth/plugins";
import { env } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/request-headers";
import { authAttemptLimits, httpRateLimit } from "./auth-attempt-limits";
import { pluginRoles } from "./auth-roles";
import { db } from "../database/db";
import { passwordResetOptions } from "./password-reset";

const partners = organization({
  allowUserToCreateOrganization: false,
  creatorRole: "owner",
  roles: pluginRoles,
  invitationExpiresIn: env().INVITATION_EXPIRY_DAYS * 24 * 60 * 60,
});

// better-auth owns users, sessions and password hashing (scrypt); an
// Organization is a partner. Sessions are httpOnly cookies.
export const auth = betterAuth({
  secret: env().BETTER_AUTH_SECRET,
  baseURL: env().PUBLIC_URL,
  database: prismaAdapter(db, { provider: "sqlite" }),
  emailAndPassword: {
    enabled: true,
    minPasswordLength: 10,
    maxPasswordLength: 128,
    autoSignIn: true,
    ...passwordResetOptions,
  },
  // The link a sign-up by mail sends (sign-up-by-mail.ts) confirms the
  // address and signs its new account in, once; GET /verify-email checks it.
  // (The link's lifetime is set where it is made.)
  emailVerification: { autoSignInAfterVerification: true },
  session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
  advanced: {
    useSecureCookies: env().PUBLIC_URL.startsWith("https:"),
    // The client's address as server.ts determined it (sessions, rate limits).
    ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
  },
  rateLimit: httpRateLimit(),
  telemetry: { enabled: false },
  // The organization plugin's endpoints are reached only through the portal's
  // server actions, which check the policy table and write the audit log;
  // over HTTP they answer 404.
  // So are the password reset's request and its new password (the portal's
  // actions go through the attempt limits and the audit log); the emailed
  // link's own check, GET /reset-password/:token, stays open.
  disabledPaths: [
    ...Object.values(partners.endpoints).map((endpoint) => endpoint.path),
    "/request-password-reset",
    "/reset-password",
  ],
  // nextCookies lets server actions that call auth.api set the session cookie.
  plugins: [partners, authAttemptLimits(), nextCookies()],
});

import { z } from "zod";
import { ROLES } from "@/lib/auth/policy";
import { signUpSchema } from "./auth";

const role = z.enum(ROLES, { error: "Choose owner, admin, developer or viewer" });

export const inviteMemberSchema = z.object({ email: signUpSchema.shape.email, role });

export const changeMemberRoleSchema = z.object({ memberId: z.string().min(1, "Member is required"), role });
export const removeMemberSchema = z.object({ memberId: z.string().min(1, "Member is required") });
export const cancelInvitationSchema = z.object({ invitationId: z.string().min(1, "Invitation is required") });
export const invitationIdSchema = z.object({ invitationId: z.string().min(1).max(100) });
export const switchPartnerSchema = z.object({ partnerId: z.string().min(1, "Partner is required") });

/** Sign-up from an invitation link: the email comes from the invitation, not the form. */
export const acceptWithSignUpSchema = invitationIdSchema.extend(
  signUpSchema.pick({ name: true, password: true }).shape,
);

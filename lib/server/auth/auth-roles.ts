import "server-only";
import { defaultAc } from "better-auth/plugins/organization/access";
import { can, ROLES, type Role } from "@/lib/auth/policy";

// better-auth's organization plugin checks its own permissions on its
// endpoints (invite, change role, remove). They are derived from the policy
// table, so the plugin and the portal can never disagree: whoever may manage
// members has the plugin's member and invitation rights; only owners may
// change or delete the organization itself.
function pluginRole(role: Role) {
  const managesMembers = can(role, "member.manage");
  const managesOwners = can(role, "member.manageOwners");
  return defaultAc.newRole({
    member: managesMembers ? ["create", "update", "delete"] : [],
    invitation: managesMembers ? ["create", "cancel"] : [],
    organization: managesOwners ? ["update", "delete"] : [],
  });
}

export const pluginRoles = Object.fromEntries(ROLES.map((role) => [role, pluginRole(role)])) as Record<
  Role,
  ReturnType<typeof pluginRole>
>;

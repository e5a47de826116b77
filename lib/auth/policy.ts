// Who may do what: the one policy table. Pure, so pages hide what a role may
// not use and the server refuses it with the same answer. Roles are ranked;
// each action names the lowest role allowed to take it.

export const ROLES = ["owner", "admin", "developer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, developer: 1, admin: 2, owner: 3 };

/** Each action with the lowest role that may take it, and what it covers (the README's table). */
export const POLICY = {
  "model.read": { role: "viewer", covers: "see models, their hardware keys and default config" },
  "device.read": { role: "viewer", covers: "see devices, their history, conversation and conformance; export CSV" },
  "audit.read": { role: "viewer", covers: "read the audit log" },
  "device.register": { role: "developer", covers: "register devices, one or in bulk" },
  "device.liveCheck": { role: "developer", covers: "run the live check and diagnose a refusal" },
  "device.command": { role: "developer", covers: "send commands to a device" },
  "device.config": { role: "developer", covers: "set a device's config" },
  "device.rotate": { role: "developer", covers: "rotate a device's access key" },
  "device.edit": { role: "developer", covers: "rename a device and edit its details" },
  "firmware.manage": { role: "developer", covers: "upload and delete a model's firmware files" },
  "rollout.manage": { role: "developer", covers: "start, pause, resume and cancel firmware rollouts" },
  "incident.manage": { role: "developer", covers: "close a device's incidents" },
  "dump.manage": { role: "developer", covers: "delete a device's dumps" },
  "device.disable": { role: "admin", covers: "disable or enable devices" },
  "device.delete": { role: "admin", covers: "delete devices" },
  "model.manage": { role: "admin", covers: "create and edit models and their default config" },
  "hardwareKey.manage": { role: "admin", covers: "create and revoke hardware keys" },
  "license.manage": { role: "admin", covers: "define licence types; issue and revoke licences" },
  "member.manage": { role: "admin", covers: "invite members, change roles (not owners), remove members" },
  "member.manageOwners": { role: "owner", covers: "invite, promote, demote or remove owners" },
  "webhook.manage": { role: "admin", covers: "add, change and remove webhook endpoints; replay deliveries" },
  "apiToken.manage": { role: "admin", covers: "create and revoke API tokens" },
} as const satisfies Record<string, { role: Role; covers: string }>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

/** True when the role may take the action. */
export function can(role: Role, action: Action): boolean {
  return RANK[role] >= RANK[POLICY[action].role];
}

/** True when `role` is one of the four roles. */
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** The roles `actor` may give or take away: only owners touch owners. */
export function assignableRoles(actor: Role): Role[] {
  if (!can(actor, "member.manage")) return [];
  return ROLES.filter((role) => role !== "owner" || can(actor, "member.manageOwners"));
}

/** The lesser of two roles: what a token may do when its creator's role is lower than its own. */
export const lesserRole = (a: Role, b: Role): Role => (RANK[a] <= RANK[b] ? a : b);

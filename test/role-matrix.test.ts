// Imported first: server actions run in Next.js's own request scope below.
import { inRequestScope } from "./support/request-scope";
import { readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, can, ROLES, type Action, type Role } from "@/lib/auth/policy";
import type { ActionResult } from "@/lib/action-result";
import { env } from "@/lib/env";
import { fetchRoute, serveFastRoute, type FetchHandler } from "@/lib/runtime/fast-routes";
import { createHardwareKey } from "@/lib/server/data/hardware-keys/create-hardware-key";
import { setDeviceConfigAction } from "@/lib/server/actions/config/set-device-config-action";
import { bulkChangeDevicesAction } from "@/lib/server/actions/devices/bulk-change-devices-action";
import { bulkRegisterDevicesAction } from "@/lib/server/actions/devices/bulk-register-devices-action";
import { deleteDeviceAction } from "@/lib/server/actions/devices/delete-device-action";
import { diagnoseConnectionAction } from "@/lib/server/actions/devices/diagnose-connection-action";
import { registerDeviceAction } from "@/lib/server/actions/devices/register-device-action";
import { rotateDeviceKeyAction } from "@/lib/server/actions/devices/rotate-device-key-action";
import { editDeviceAction } from "@/lib/server/actions/devices/edit-device-action";
import { setDeviceEnabledAction } from "@/lib/server/actions/devices/set-device-enabled-action";
import { createHardwareKeyAction } from "@/lib/server/actions/hardware-keys/create-hardware-key-action";
import { revokeHardwareKeyAction } from "@/lib/server/actions/hardware-keys/revoke-hardware-key-action";
import { createModelAction } from "@/lib/server/actions/models/create-model-action";
import { setModelDefaultConfigAction } from "@/lib/server/actions/models/set-model-default-config-action";
import { updateModelAction } from "@/lib/server/actions/models/update-model-action";
import { cancelInvitationAction } from "@/lib/server/actions/members/cancel-invitation-action";
import { changeMemberRoleAction } from "@/lib/server/actions/members/change-member-role-action";
import { inviteMemberAction } from "@/lib/server/actions/members/invite-member-action";
import { removeMemberAction } from "@/lib/server/actions/members/remove-member-action";
import { createApiTokenAction } from "@/lib/server/actions/api-tokens/create-api-token-action";
import { revokeApiTokenAction } from "@/lib/server/actions/api-tokens/revoke-api-token-action";
import { createWebhookEndpointAction } from "@/lib/server/actions/webhooks/create-webhook-endpoint-action";
import { deleteWebhookEndpointAction } from "@/lib/server/actions/webhooks/delete-webhook-endpoint-action";
import { replayWebhookDeliveryAction } from "@/lib/server/actions/webhooks/replay-webhook-delivery-action";
import { createApiToken } from "@/lib/server/data/api-tokens/create-api-token";
import { createWebhookEndpoint } from "@/lib/server/data/webhooks/create-webhook-endpoint";
import { auth } from "@/lib/server/auth/auth";
import { db } from "@/lib/server/database/db";
import { newId } from "@/lib/server/ids";
import * as commandsRoute from "@/app/api/devices/[deviceId]/commands/route";
import * as conformanceRoute from "@/app/api/devices/[deviceId]/conformance/route";
import * as conversationRoute from "@/app/api/devices/[deviceId]/conversation/route";
import * as historyRoute from "@/app/api/devices/[deviceId]/history/route";
import * as dumpDownloadRoute from "@/app/api/devices/[deviceId]/dumps/[dumpId]/route";
import { deleteDumpAction } from "@/lib/server/actions/dumps/delete-dump-action";
import { createLicenseTypeAction } from "@/lib/server/actions/licenses/create-license-type-action";
import { issueLicenseAction } from "@/lib/server/actions/licenses/issue-license-action";
import { revokeLicenseAction } from "@/lib/server/actions/licenses/revoke-license-action";
import { createLicenseType } from "@/lib/server/data/licenses/license-types";
import { issueLicense } from "@/lib/server/data/licenses/issue-license";
import { issueLicenseSchema } from "@/lib/schemas/license";
import { receiveDump } from "@/lib/server/dumps/receive-dump";
import * as onlineRoute from "@/app/api/devices/[deviceId]/online/route";
import * as exportRoute from "@/app/api/devices/export/route";
import * as firmwareRoute from "@/app/api/models/[modelId]/firmware/route";
import { deleteFirmwareFileAction } from "@/lib/server/actions/firmware/delete-firmware-file-action";
import { closeIncidentAction } from "@/lib/server/actions/incidents/close-incident-action";
import { openIncident } from "@/lib/server/data/incidents/open-incident";
import { controlRolloutAction } from "@/lib/server/actions/rollouts/control-rollout-action";
import { previewRolloutTargetAction } from "@/lib/server/actions/rollouts/preview-rollout-target-action";
import { startRolloutAction } from "@/lib/server/actions/rollouts/start-rollout-action";
import { createRollout } from "@/lib/server/data/rollouts/create-rollout";
import { newRolloutSchema } from "@/lib/schemas/rollout";
import * as presenceRoute from "@/app/api/devices/presence/route";
import { POST as registerRoute } from "@/app/v1/devices/route";
import { POST as bulkRoute } from "@/app/v1/devices/bulk_create/route";
import { body, call } from "./support/device-api";
import { makeModel } from "./support/partners";
import { useRunningTestHub } from "./support/running-hub";
import { makeTeam, signUp, type Team } from "./support/team";

// The role matrix, generated from lib/auth/policy.ts: every server action and
// every portal route runs as every role against the real database (and hub),
// and is refused exactly when the table says the role may not take its
// action. Each file under lib/server/actions and app/api must be listed in
// CASES (or EXEMPT, with the reason), so one added without a policy fails here.

useRunningTestHub();

type Outcome = "allowed" | "forbidden";
type Fixture = { team: Team; modelId: string; keyId: string; hardwareKey: string };
type Case = { action: Action; run: (fx: Fixture, role: Role) => Promise<Outcome> };

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

/** A server action's result as an outcome; anything but success or the policy's refusal fails the test. */
function actionOutcome(result: ActionResult<unknown> | { ok: boolean; message?: string }): Outcome {
  if (result.ok) return "allowed";
  if ("message" in result && /^Your role \(\w+\) cannot /.test(result.message ?? "")) return "forbidden";
  throw new Error(`unexpected failure: ${JSON.stringify(result)}`);
}

/** Runs a server action as the role's member, inside a request carrying their session cookie. */
async function asMember<T>(fx: Fixture, role: Role, fn: () => Promise<T>): Promise<T> {
  return inRequestScope(fx.team.members[role].headers(), fn);
}

async function serverAction(
  fx: Fixture,
  role: Role,
  fn: () => Promise<ActionResult<unknown> | { ok: boolean; message?: string }>,
): Promise<Outcome> {
  return actionOutcome(await asMember(fx, role, fn));
}

/** A device registered through the device API, as firmware registers. */
async function newDevice(fx: Fixture): Promise<string> {
  const { status, json } = await call("register", body(fx.hardwareKey));
  if (status !== 201) throw new Error(`registration failed: ${JSON.stringify(json)}`);
  return json.id as string;
}

/** A fresh developer of the fixture's partner, to change or remove. */
async function newMember(fx: Fixture): Promise<string> {
  const user = await signUp("Target");
  const id = newId();
  await db.member.create({
    data: { id, organizationId: fx.team.partnerId, userId: user.userId, role: "developer", createdAt: new Date() },
  });
  return id;
}

/** A new model of the partner with one registered device and a firmware file. */
async function modelWithFirmware(fx: Fixture): Promise<{ modelId: string; fileId: string }> {
  const modelId = await makeModel(fx.team);
  const key = await createHardwareKey({ ...fx.team, input: { modelId, label: "Line", expectedDevices: null } });
  await newDevice({ ...fx, modelId, hardwareKey: key.secret });
  return { modelId, fileId: await uploadedFirmware({ ...fx, modelId }, "owner") };
}

/** A firmware file uploaded by the role's member through the upload route; its id. */
async function uploadedFirmware(fx: Fixture, role: Role): Promise<string> {
  const version = `1.0.${Math.floor(Math.random() * 1e9)}`;
  const response = await firmwareRoute.POST(
    new Request(`http://portal.test/api/models/${fx.modelId}/firmware?name=Image&version=${version}`, {
      method: "POST",
      headers: fx.team.members[role].headers(),
      body: new Uint8Array([1, 2, 3]),
    }),
    { params: Promise.resolve({ modelId: fx.modelId }) },
  );
  const answer = (await response.json()) as { id?: string };
  if (response.status !== 201 || !answer.id) throw new Error(`${response.status}: ${JSON.stringify(answer)}`);
  return answer.id;
}

/** A device of the fixture's model with one dump it uploaded. */
async function uploadedDump(fx: Fixture): Promise<{ deviceId: string; dumpId: string }> {
  const device = await db.device.findUniqueOrThrow({ where: { id: await newDevice(fx) } });
  const dump = await receiveDump({
    device,
    mimeType: "text/plain",
    fileName: "agent.log",
    request: new Request("http://portal.test/dump", { method: "POST", body: "a log line\n" }),
  });
  return { deviceId: device.id, dumpId: dump.id };
}

/** A device of the fixture's model, and a licence type of that model with a fresh name. */
async function licensable(fx: Fixture): Promise<{ deviceId: string; typeId: string }> {
  const deviceId = await newDevice(fx);
  const type = await createLicenseType({
    ...fx.team,
    input: { modelId: fx.modelId, name: `Pro ${newId().slice(0, 8)}`, description: null },
  });
  return { deviceId, typeId: type.id };
}

const freshEmail = () => `invitee-${newId().slice(0, 12)}@example.test`;

/** Calls a route handler with the role's session cookie; 2xx is allowed, 403 forbidden, anything else fails. */
async function route<P extends Record<string, string>>(
  fx: Fixture,
  role: Role,
  handler: FetchHandler<P>,
  request: { url: string; method?: string; body?: unknown; params: P },
): Promise<Outcome> {
  const headers = fx.team.members[role].headers();
  if (request.body !== undefined) headers.set("content-type", "application/json");
  const response = await handler(
    new Request(`http://portal.test${request.url}`, {
      method: request.method ?? "GET",
      headers,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: AbortSignal.timeout(200),
    }),
    { params: Promise.resolve(request.params) },
  );
  if (response.status === 403) return "forbidden";
  if (response.ok) return "allowed";
  throw new Error(`unexpected ${response.status}: ${await response.text()}`);
}

const CASES: Record<string, Case[]> = {
  "lib/server/actions/config/set-device-config-action.ts": [
    {
      action: "device.config",
      run: async (fx, role) => {
        const deviceId = await newDevice(fx);
        return serverAction(fx, role, () =>
          setDeviceConfigAction(null, form({ deviceId, config: '{"interval": 30}' })),
        );
      },
    },
  ],
  "lib/server/actions/devices/bulk-change-devices-action.ts": (["disable", "enable", "delete"] as const).map(
    (action) => ({
      action: action === "delete" ? "device.delete" : "device.disable",
      run: async (fx: Fixture, role: Role) => {
        const deviceIds = [await newDevice(fx), await newDevice(fx)].join(",");
        return serverAction(fx, role, () => bulkChangeDevicesAction(null, form({ action, deviceIds })));
      },
    }),
  ),
  "lib/server/actions/devices/bulk-register-devices-action.ts": [
    {
      action: "device.register",
      run: (fx, role) => {
        const rows = JSON.stringify(
          [body("unused"), body("unused")].map(({ sn, firmware_version }) => ({ sn, firmware_version })),
        );
        return serverAction(fx, role, () =>
          bulkRegisterDevicesAction(form({ modelId: fx.modelId, hardwareKeyId: fx.keyId, rows })),
        );
      },
    },
  ],
  "lib/server/actions/devices/delete-device-action.ts": [
    {
      action: "device.delete",
      run: async (fx, role) => {
        const deviceId = await newDevice(fx);
        // Success redirects to the model's page, as Next.js's redirect() does: by throwing.
        const outcome = await asMember(fx, role, () => deleteDeviceAction(null, form({ deviceId }))).then(
          actionOutcome,
          (error: unknown) => {
            if ((error as { digest?: string }).digest?.startsWith("NEXT_REDIRECT")) return "allowed" as const;
            throw error;
          },
        );
        return outcome;
      },
    },
  ],
  "lib/server/actions/devices/diagnose-connection-action.ts": [
    {
      action: "device.liveCheck",
      run: async (fx, role) => {
        const deviceId = await newDevice(fx);
        return serverAction(fx, role, () => diagnoseConnectionAction({ deviceId, accessKey: "not-the-key" }));
      },
    },
  ],
  "lib/server/actions/devices/register-device-action.ts": [
    {
      action: "device.register",
      run: (fx, role) => {
        const { sn, firmware_version } = body("unused");
        return serverAction(fx, role, () =>
          registerDeviceAction(null, form({ modelId: fx.modelId, hardwareKeyId: fx.keyId, sn, firmware_version })),
        );
      },
    },
  ],
  "lib/server/actions/devices/edit-device-action.ts": [
    {
      action: "device.edit",
      run: async (fx, role) => {
        const deviceId = await newDevice(fx);
        return serverAction(fx, role, () =>
          editDeviceAction(null, form({ deviceId, name: "Renamed", details: '{"room":"4.12"}' })),
        );
      },
    },
  ],
  "lib/server/actions/devices/rotate-device-key-action.ts": [
    {
      action: "device.rotate",
      run: async (fx, role) => {
        const deviceId = await newDevice(fx);
        return serverAction(fx, role, () => rotateDeviceKeyAction(null, form({ deviceId })));
      },
    },
  ],
  "lib/server/actions/devices/set-device-enabled-action.ts": [
    {
      action: "device.disable",
      run: async (fx, role) => {
        const deviceId = await newDevice(fx);
        return serverAction(fx, role, () => setDeviceEnabledAction(null, form({ deviceId, isEnabled: "false" })));
      },
    },
  ],
  "lib/server/actions/hardware-keys/create-hardware-key-action.ts": [
    {
      action: "hardwareKey.manage",
      run: (fx, role) =>
        serverAction(fx, role, () => createHardwareKeyAction(null, form({ modelId: fx.modelId, label: `By ${role}` }))),
    },
  ],
  "lib/server/actions/hardware-keys/revoke-hardware-key-action.ts": [
    {
      action: "hardwareKey.manage",
      run: async (fx, role) => {
        const key = await createHardwareKey({
          partnerId: fx.team.partnerId,
          actor: fx.team.actor,
          input: { modelId: fx.modelId, label: "To revoke", expectedDevices: null },
        });
        return serverAction(fx, role, () => revokeHardwareKeyAction(null, form({ keyId: key.id })));
      },
    },
  ],
  "lib/server/actions/models/create-model-action.ts": [
    {
      action: "model.manage",
      run: (fx, role) =>
        serverAction(fx, role, () =>
          createModelAction(
            null,
            form({
              name: `Model by ${role} ${Math.random().toString(36).slice(2, 8)}`,
              deviceType: "PHYSICAL",
              offlineThresholdMinutes: "10",
              communicationProtocol: "MQTT",
            }),
          ),
        ),
    },
  ],
  "lib/server/actions/models/set-model-default-config-action.ts": [
    {
      action: "model.manage",
      run: (fx, role) =>
        serverAction(fx, role, () =>
          setModelDefaultConfigAction(null, form({ modelId: fx.modelId, config: '{"interval": 60}' })),
        ),
    },
  ],
  "lib/server/actions/models/update-model-action.ts": [
    {
      action: "model.manage",
      run: async (fx, role) => {
        const modelId = await makeModel(fx.team);
        return serverAction(fx, role, () =>
          updateModelAction(
            null,
            form({ modelId, name: `Renamed by ${role}`, deviceType: "PHYSICAL", offlineThresholdMinutes: "5" }),
          ),
        );
      },
    },
  ],
  "lib/server/actions/members/invite-member-action.ts": [
    {
      action: "member.manage",
      run: (fx, role) =>
        serverAction(fx, role, () => inviteMemberAction(null, form({ email: freshEmail(), role: "developer" }))),
    },
    {
      action: "member.manageOwners",
      run: (fx, role) =>
        serverAction(fx, role, () => inviteMemberAction(null, form({ email: freshEmail(), role: "owner" }))),
    },
  ],
  "lib/server/actions/members/change-member-role-action.ts": [
    {
      action: "member.manage",
      run: async (fx, role) => {
        const memberId = await newMember(fx);
        return serverAction(fx, role, () => changeMemberRoleAction(null, form({ memberId, role: "viewer" })));
      },
    },
    {
      action: "member.manageOwners",
      run: async (fx, role) => {
        const memberId = await newMember(fx);
        return serverAction(fx, role, () => changeMemberRoleAction(null, form({ memberId, role: "owner" })));
      },
    },
  ],
  "lib/server/actions/members/remove-member-action.ts": [
    {
      action: "member.manage",
      run: async (fx, role) => {
        const memberId = await newMember(fx);
        return serverAction(fx, role, () => removeMemberAction(null, form({ memberId })));
      },
    },
  ],
  "lib/server/actions/members/cancel-invitation-action.ts": [
    {
      action: "member.manage",
      run: async (fx, role) => {
        const invitation = await auth.api.createInvitation({
          body: { email: freshEmail(), role: "viewer", organizationId: fx.team.partnerId },
          headers: fx.team.members.owner.headers(),
        });
        return serverAction(fx, role, () => cancelInvitationAction(null, form({ invitationId: invitation.id })));
      },
    },
  ],
  "lib/server/actions/firmware/delete-firmware-file-action.ts": [
    {
      action: "firmware.manage",
      run: async (fx, role) => {
        const fileId = await uploadedFirmware(fx, "owner");
        return serverAction(fx, role, () => deleteFirmwareFileAction(null, form({ fileId })));
      },
    },
  ],
  "lib/server/actions/incidents/close-incident-action.ts": [
    {
      action: "incident.manage",
      run: async (fx, role) => {
        const device = await db.device.findUniqueOrThrow({ where: { id: await newDevice(fx) } });
        const { id } = await openIncident({
          device,
          input: { title: "Fan stalled", issue: "fan", priority: "high", description: null },
        });
        return serverAction(fx, role, () => closeIncidentAction(null, form({ incidentId: id })));
      },
    },
  ],
  "lib/server/actions/rollouts/start-rollout-action.ts": [
    {
      action: "rollout.manage",
      run: async (fx, role) => {
        // A model of its own each time: a second rollout to the same devices is refused.
        const { modelId, fileId } = await modelWithFirmware(fx);
        return serverAction(fx, role, () => startRolloutAction(null, form({ modelId, fileId, target: "all" })));
      },
    },
  ],
  "lib/server/actions/rollouts/preview-rollout-target-action.ts": [
    {
      action: "rollout.manage",
      run: async (fx, role) => {
        const fileId = await uploadedFirmware(fx, "owner");
        return serverAction(fx, role, () =>
          previewRolloutTargetAction(null, form({ modelId: fx.modelId, fileId, target: "all" })),
        );
      },
    },
  ],
  "lib/server/actions/rollouts/control-rollout-action.ts": [
    {
      action: "rollout.manage",
      run: async (fx, role) => {
        const { modelId, fileId } = await modelWithFirmware(fx);
        const { id } = await createRollout({
          partnerId: fx.team.partnerId,
          actor: fx.team.actor,
          input: newRolloutSchema.parse({ modelId, fileId, target: "all" }),
        });
        return serverAction(fx, role, () => controlRolloutAction(null, form({ rolloutId: id, control: "pause" })));
      },
    },
  ],
  "app/api/models/[modelId]/firmware/route.ts": [
    {
      action: "firmware.manage",
      run: async (fx, role) => {
        try {
          await uploadedFirmware(fx, role);
          return "allowed";
        } catch (error) {
          if (/^403:/.test((error as Error).message)) return "forbidden";
          throw error;
        }
      },
    },
  ],
  "app/api/devices/[deviceId]/commands/route.ts": [
    {
      action: "device.command",
      run: async (fx, role) => {
        const deviceId = await newDevice(fx);
        const url = `/api/devices/${deviceId}/commands`;
        return route(fx, role, commandsRoute.POST, {
          url,
          method: "POST",
          body: { name: "reboot" },
          params: { deviceId },
        });
      },
    },
  ],
  "app/api/devices/[deviceId]/conformance/route.ts": [
    {
      action: "device.read",
      run: async (fx, role) => {
        const deviceId = await newDevice(fx);
        const url = `/api/devices/${deviceId}/conformance?format=json`;
        return route(fx, role, conformanceRoute.GET, { url, params: { deviceId } });
      },
    },
  ],
  "app/api/devices/[deviceId]/conversation/route.ts": [
    {
      action: "device.read",
      run: async (fx, role) => {
        const deviceId = await newDevice(fx);
        return route(fx, role, conversationRoute.GET, {
          url: `/api/devices/${deviceId}/conversation`,
          params: { deviceId },
        });
      },
    },
  ],
  "app/api/devices/[deviceId]/dumps/[dumpId]/route.ts": [
    {
      action: "device.read",
      run: async (fx, role) => {
        const { deviceId, dumpId } = await uploadedDump(fx);
        return route(fx, role, dumpDownloadRoute.GET, {
          url: `/api/devices/${deviceId}/dumps/${dumpId}`,
          params: { deviceId, dumpId },
        });
      },
    },
  ],
  "lib/server/actions/licenses/create-license-type-action.ts": [
    {
      action: "license.manage",
      run: (fx, role) =>
        serverAction(fx, role, () =>
          createLicenseTypeAction(null, form({ modelId: fx.modelId, name: `Type ${newId().slice(0, 8)}` })),
        ),
    },
  ],
  "lib/server/actions/licenses/issue-license-action.ts": [
    {
      action: "license.manage",
      run: async (fx, role) => {
        const { deviceId, typeId } = await licensable(fx);
        return serverAction(fx, role, () => issueLicenseAction(null, form({ deviceId, typeId, data: '{"seats":2}' })));
      },
    },
  ],
  "lib/server/actions/licenses/revoke-license-action.ts": [
    {
      action: "license.manage",
      run: async (fx, role) => {
        const { deviceId, typeId } = await licensable(fx);
        const license = await issueLicense({
          ...fx.team,
          input: issueLicenseSchema.parse({ deviceId, typeId, data: "" }),
        });
        return serverAction(fx, role, () => revokeLicenseAction(null, form({ licenseId: license.id })));
      },
    },
  ],
  "lib/server/actions/dumps/delete-dump-action.ts": [
    {
      action: "dump.manage",
      run: async (fx, role) => {
        const { dumpId } = await uploadedDump(fx);
        return serverAction(fx, role, () => deleteDumpAction(null, form({ dumpId })));
      },
    },
  ],
  "app/api/devices/[deviceId]/history/route.ts": [
    {
      action: "device.read",
      run: async (fx, role) => {
        const deviceId = await newDevice(fx);
        return route(fx, role, historyRoute.GET, { url: `/api/devices/${deviceId}/history`, params: { deviceId } });
      },
    },
  ],
  "app/api/devices/[deviceId]/online/route.ts": [
    {
      action: "device.liveCheck",
      run: async (fx, role) => {
        const deviceId = await newDevice(fx);
        // Nothing sends the marker: the request's own 200 ms signal ends the wait with {online: false}.
        const url = `/api/devices/${deviceId}/online?marker=partner-hub-check-abc123`;
        return route(fx, role, onlineRoute.GET, { url, params: { deviceId } });
      },
    },
  ],
  "app/api/devices/export/route.ts": [
    {
      action: "device.read",
      run: (fx, role) => route(fx, role, exportRoute.GET, { url: "/api/devices/export", params: {} }),
    },
  ],
  "lib/server/actions/api-tokens/create-api-token-action.ts": [
    {
      action: "apiToken.manage",
      run: async (fx, role) =>
        serverAction(fx, role, () =>
          createApiTokenAction(null, form({ name: `As ${role}`, role: "viewer", expiresInDays: "" })),
        ),
    },
  ],
  "lib/server/actions/api-tokens/revoke-api-token-action.ts": [
    {
      action: "apiToken.manage",
      run: async (fx, role) => {
        const token = await createApiToken({
          partnerId: fx.team.partnerId,
          actor: fx.team.actor,
          actorRole: "owner",
          input: { name: "To revoke", role: "viewer", expiresInDays: null },
        });
        return serverAction(fx, role, () => revokeApiTokenAction(null, form({ tokenId: token.id })));
      },
    },
  ],
  "lib/server/actions/webhooks/create-webhook-endpoint-action.ts": [
    {
      action: "webhook.manage",
      run: async (fx, role) =>
        serverAction(fx, role, () =>
          createWebhookEndpointAction(
            null,
            form({ url: "http://127.0.0.1:9/hook", "event:device.registered": "on", secret: "" }),
          ),
        ),
    },
  ],
  "lib/server/actions/webhooks/delete-webhook-endpoint-action.ts": [
    {
      action: "webhook.manage",
      run: async (fx, role) => {
        const endpoint = await newWebhookEndpoint(fx);
        return serverAction(fx, role, () => deleteWebhookEndpointAction(null, form({ endpointId: endpoint.id })));
      },
    },
  ],
  "lib/server/actions/webhooks/replay-webhook-delivery-action.ts": [
    {
      action: "webhook.manage",
      run: async (fx, role) => {
        const endpoint = await newWebhookEndpoint(fx);
        const deliveryId = newId();
        // Delivered already: the replay is a new row; nothing listens at the URL.
        await db.webhookDelivery.create({
          data: {
            id: deliveryId,
            endpointId: endpoint.id,
            event: "device.registered",
            payload: "{}",
            status: "delivered",
          },
        });
        return serverAction(fx, role, () => replayWebhookDeliveryAction(null, form({ deliveryId })));
      },
    },
  ],
  "app/api/devices/presence/route.ts": [
    {
      action: "device.read",
      run: async (fx, role) => {
        const deviceId = await newDevice(fx);
        const url = `/api/devices/presence?ids=${deviceId}&since=0`;
        return route(fx, role, presenceRoute.GET, { url, params: {} });
      },
    },
  ],
};

/** A webhook endpoint of the team's partner that nothing listens at. */
const newWebhookEndpoint = (fx: Fixture) =>
  createWebhookEndpoint({
    partnerId: fx.team.partnerId,
    actor: fx.team.actor,
    input: { url: "http://127.0.0.1:9/hook", events: ["device.registered"], secret: null },
  });

/** Files that are not a member's action, and why. */
const EXEMPT: Record<string, string> = {
  "lib/server/actions/partner-action.ts": "the wrapper that checks the policy, not an action",
  "lib/server/actions/auth/sign-in-action.ts": "signed-out users sign in",
  "lib/server/actions/auth/sign-up-action.ts": "signed-out users sign up",
  "lib/server/actions/auth/sign-out-action.ts": "any session may end itself",
  "lib/server/actions/auth/request-password-reset-action.ts":
    "signed-out users ask for a reset link; the same answer for any address, counted by the attempt limits (test/password-reset.test.ts)",
  "lib/server/actions/auth/reset-password-action.ts":
    "the emailed single-use token is the permission; better-auth checks it (test/password-reset.test.ts)",
  "lib/server/actions/members/accept-invitation-action.ts":
    "the invitee is not yet a member; better-auth checks the invitation is theirs (test/invitations.test.ts)",
  "lib/server/actions/members/accept-invitation-sign-up-action.ts":
    "a new account from an invitation link; the link is the permission (test/invitations.test.ts)",
  "lib/server/actions/members/switch-partner-action.ts":
    "changes only the caller's own session, to a partner they belong to",
  "lib/server/actions/members/leave-partner-action.ts":
    "any member may leave; the last owner may not (test/invitations.test.ts)",
  "lib/server/actions/account/change-password-action.ts":
    "the caller's own password; better-auth checks the current one",
  "lib/server/actions/account/end-other-sessions-action.ts": "ends only the caller's own other sessions",
  "app/api/hub/ca.pem/route.ts": "the hub's CA certificate is public: devices need it before they have any credential",
  "app/api/v1/[...path]/route.ts":
    "the management API: Bearer API tokens, each checked with can(token.role, action) from the same table (test/management-api.test.ts)",
  "app/api/v1/openapi.json/route.ts": "the management API's public description",
  "app/api/v1/dumps/[dumpId]/route.ts":
    'the management API\'s streamed dump download: Bearer API tokens, checked with can(token.role, "device.read") (test/management-api.test.ts)',
  "app/api/v1/models/[modelId]/firmware/route.ts":
    "the management API's streamed upload: Bearer API tokens, checked with can(token.role, action) (test/management-api.test.ts)",
  "app/api/health/ready/route.ts": "readiness for load balancers and orchestrators: says only which part is not ready",
  "app/api/auth/[...all]/route.ts": "better-auth's own endpoints; each checks its session",
  "app/api/health/route.ts": "public liveness check",
};

function sourceFiles(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((file) => path.join(dir, file).split(path.sep).join("/"))
    .filter((file) => pattern.test(file) && !file.endsWith(".test.ts"));
}

describe("[ROLES] the policy table is enforced on the server", () => {
  it("every server action and portal route names a policy (or an exemption)", () => {
    const files = [...sourceFiles("lib/server/actions", /\.ts$/), ...sourceFiles("app/api", /\/route\.ts$/)];
    const unmapped = files.filter((file) => !(file in CASES) && !(file in EXEMPT));
    expect(unmapped, "add these to CASES in test/role-matrix.test.ts with the action they take").toEqual([]);
    const stale = [...Object.keys(CASES), ...Object.keys(EXEMPT)].filter((file) => !files.includes(file));
    expect(stale).toEqual([]);
  });

  it("every action of the table has a role that may take it and one (below owner) that may not, or is read by all", () => {
    for (const action of ACTIONS) {
      expect(can("owner", action)).toBe(true);
    }
    expect(ROLES.filter((role) => can(role, "member.manageOwners"))).toEqual(["owner"]);
    expect(ROLES.filter((role) => can(role, "device.command"))).toEqual(["owner", "admin", "developer"]);
    expect(ROLES.filter((role) => can(role, "member.manage"))).toEqual(["owner", "admin"]);
    expect(ROLES.filter((role) => can(role, "device.read"))).toEqual([...ROLES]);
  });

  let fixture: Fixture;
  let deviceApi: Server;
  beforeAll(async () => {
    const team = await makeTeam("Matrix");
    const modelId = await makeModel(team);
    const key = await createHardwareKey({ ...team, input: { modelId, label: "Batch", expectedDevices: null } });
    fixture = { team, modelId, keyId: key.id, hardwareKey: key.secret };
    // The registration screens call the device API over HTTP, as firmware does: serve it on a free port.
    const routes = { "/v1/devices": fetchRoute(registerRoute), "/v1/devices/bulk_create": fetchRoute(bulkRoute) };
    deviceApi = createServer((req, res) => {
      const found = routes[req.url as keyof typeof routes];
      if (found) void serveFastRoute({ route: found, params: {} }, req, res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => deviceApi.listen(0, "127.0.0.1", resolve));
    Object.assign(env(), { INTERNAL_URL: `http://127.0.0.1:${(deviceApi.address() as AddressInfo).port}` });
  });
  afterAll(() => new Promise<void>((resolve) => deviceApi.close(() => resolve())));

  const rows = Object.entries(CASES).flatMap(([file, cases]) =>
    cases.flatMap((c, i) => ROLES.map((role) => ({ file: `${file}${cases.length > 1 ? ` #${i + 1}` : ""}`, role, c }))),
  );
  it.each(rows)("$file as $role", async ({ role, c }) => {
    const expected: Outcome = can(role, c.action) ? "allowed" : "forbidden";
    expect(await c.run(fixture, role)).toBe(expected);
  });
});

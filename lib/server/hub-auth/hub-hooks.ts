import "server-only";
import type { JsonCall } from "@/lib/runtime/fast-routes";
import { hubAuthnSchema, hubAuthzSchema, hubEventSchema } from "@/lib/schemas/hub-auth";
import { answerHubCall, hookResult } from "./answer-hub-auth";
import { authenticateDevice, authorizeDevice, isPortal, recordDeviceEvent } from "./check-device-access";

// The endpoints an EMQX cluster calls (HUB_MODE=emqx; docs/deploy.md), served
// as fast routes (instrumentation.ts): they answer thousands of calls a second.

/** POST /api/hub/authn, EMQX HTTP authentication: may this device connect? */
export const hubAuthn = (call: JsonCall) =>
  answerHubCall(call, hubAuthnSchema, async (input) =>
    isPortal(input)
      ? { ...hookResult(true), is_superuser: true }
      : { ...hookResult(await authenticateDevice(input)), is_superuser: false },
  );

/** POST /api/hub/authz, EMQX HTTP authorization: may it publish or subscribe to this topic? */
export const hubAuthz = (call: JsonCall) =>
  answerHubCall(call, hubAuthzSchema, async (input) => hookResult(await authorizeDevice(input)));

/** POST /api/hub/events, EMQX's webhook: a device connected, disconnected or published; its presence is stored for every portal process. */
export const hubEvents = (call: JsonCall) =>
  answerHubCall(call, hubEventSchema, (input) => Promise.resolve({ recorded: recordDeviceEvent(input) }));

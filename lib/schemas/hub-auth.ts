import { z } from "zod";

// The bodies EMQX sends when configured as docs/deploy.md shows: its HTTP
// authenticator and HTTP authorizer, with ${clientid}, ${username},
// ${password}, ${topic} and ${action} placeholders.
const identity = {
  clientid: z.string({ error: "clientid: required" }).max(256, "clientid: too long"),
  username: z.string({ error: "username: required" }).max(256, "username: too long"),
};

export const hubAuthnSchema = z.object({
  ...identity,
  password: z.string({ error: "password: required" }).max(512, "password: too long"),
  // Optional, for the device's history of refused connects.
  peerhost: z.string().max(256).optional(),
});

export const hubAuthzSchema = z.object({
  ...identity,
  topic: z.string({ error: "topic: required" }).min(1, "topic: required").max(65_535, "topic: too long"),
  action: z.enum(["publish", "subscribe", "all"], { error: 'action: must be "publish" or "subscribe"' }),
});

// EMQX's webhook (rule engine) for the client.connected, client.disconnected,
// session.subscribed, session.unsubscribed and message.publish events:
// SELECT * FROM "$events/client_connected", ... (docs/deploy.md).
export const HUB_EVENTS = [
  "client.connected",
  "client.disconnected",
  "session.subscribed",
  "session.unsubscribed",
  "message.publish",
] as const;

export const hubEventSchema = z.object({
  event: z.enum(HUB_EVENTS, { error: `event: must be one of ${HUB_EVENTS.join(", ")}` }),
  clientid: z.string({ error: "clientid: required" }).max(256, "clientid: too long"),
  // The filter of a (un)subscription.
  topic: z.string().max(65_535, "topic: too long").optional(),
  // What EMQX says of a connect and a disconnect (for the device's history).
  peername: z.string().max(256).optional(),
  proto_ver: z.number().int().optional(),
  keepalive: z.number().int().optional(),
  clean_start: z.boolean().optional(),
  reason: z.string().max(256).optional(),
  qos: z.number().int().min(0).max(2).optional(),
});

export type HubEventInput = z.infer<typeof hubEventSchema>;
export type HubAuthnInput = z.infer<typeof hubAuthnSchema>;
export type HubAuthzInput = z.infer<typeof hubAuthzSchema>;

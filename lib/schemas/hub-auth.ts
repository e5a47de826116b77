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
});

export const hubAuthzSchema = z.object({
  ...identity,
  topic: z.string({ error: "topic: required" }).min(1, "topic: required").max(65_535, "topic: too long"),
  action: z.enum(["publish", "subscribe", "all"], { error: 'action: must be "publish" or "subscribe"' }),
});

// EMQX's webhook (rule engine) for the client.connected, client.disconnected
// and message.publish events: SELECT * FROM "$events/client_connected", ...
export const hubEventSchema = z.object({
  event: z.enum(["client.connected", "client.disconnected", "message.publish"], {
    error: 'event: must be "client.connected", "client.disconnected" or "message.publish"',
  }),
  clientid: z.string({ error: "clientid: required" }).max(256, "clientid: too long"),
});

export type HubEventInput = z.infer<typeof hubEventSchema>;
export type HubAuthnInput = z.infer<typeof hubAuthnSchema>;
export type HubAuthzInput = z.infer<typeof hubAuthzSchema>;

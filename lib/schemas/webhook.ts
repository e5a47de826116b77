import { z } from "zod";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";

// The form sends one checkbox per event, named "event:<name>"; the API sends
// an array. Both end up as `events`.
const eventsFromForm = (input: unknown) => {
  if (!input || typeof input !== "object" || "events" in input) return input;
  const fields = input as Record<string, unknown>;
  const events = Object.keys(fields)
    .filter((key) => key.startsWith("event:") && fields[key])
    .map((key) => key.slice("event:".length));
  return { ...fields, events };
};

export const createWebhookEndpointSchema = z.preprocess(
  eventsFromForm,
  z.object({
    url: z
      .string({ error: "URL is required" })
      .trim()
      .pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL" }))
      .pipe(z.string().max(2_000, "URL must be at most 2,000 characters")),
    events: z
      .array(z.enum(WEBHOOK_EVENTS, { error: `Events are ${WEBHOOK_EVENTS.join(", ")}` }))
      .min(1, "Choose at least one event"),
    // Optional: empty means "generate one".
    secret: z
      .string()
      .trim()
      .max(200, "Secret must be at most 200 characters")
      .optional()
      .transform((value) => value || null)
      .pipe(z.string().min(16, "Secret must be at least 16 characters, or leave it empty").nullable()),
  }),
);
export type CreateWebhookEndpointInput = z.output<typeof createWebhookEndpointSchema>;

export const webhookEndpointIdSchema = z.object({ endpointId: z.string().min(1, "Endpoint is required") });

export const replayWebhookDeliverySchema = z.object({ deliveryId: z.string().min(1, "Delivery is required") });

import { z } from "zod";

/** A zod schema as JSON Schema for the OpenAPI document (the request side for "input"). */
export const jsonSchema = (s: z.ZodType, io: "input" | "output" = "output") => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any" });
  return rest;
};

/** An error response: the device API's {"error": "..."}. */
export const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

import { errorResponse, jsonSchema as schema } from "@/lib/device-api/openapi-parts";
import { pageOf } from "./record-schemas";

// The pieces every path of the management API's document is written with:
// the one error set, an operation with its answer, path parameters, paging.

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const json = (s: object) => ({ "application/json": { schema: s } });
export const ok = (description: string, s: object) => ({ description, content: json(s) });
export const page = (item: Parameters<typeof pageOf>[0]) => schema(pageOf(item));
export const param = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });

export const errors = {
  "401": errorResponse("No token, or an unknown, revoked or expired one."),
  "403": errorResponse("The token's role may not take this action."),
  "404": errorResponse("No such object for this partner."),
  "422": errorResponse("A field is invalid; error.fields names each."),
  "429": errorResponse("Too many calls with this token (Retry-After says when to retry)."),
};

export type Operation = { summary: string; body?: object; response: object; status?: string; query?: object[] };
export const op = (id: string, o: Operation) => ({
  operationId: id,
  summary: o.summary,
  ...(o.query ? { parameters: o.query } : {}),
  ...(o.body ? { requestBody: { required: true, content: json(o.body) } } : {}),
  responses: { [o.status ?? "200"]: ok(o.summary, o.response), ...errors },
});
export const withParams = (names: string[], operations: Record<string, object>) => ({
  parameters: names.map(param),
  ...operations,
});

// Every list pages with a keyset cursor: next_cursor of one answer is ?cursor= of the next.
export const pageQuery = [
  {
    name: "cursor",
    in: "query",
    required: false,
    description: "next_cursor of the previous page; omit for the first. A malformed or tampered one is a 422.",
    schema: { type: "string" },
  },
  {
    name: "limit",
    in: "query",
    required: false,
    description: "Items per page, 1 to 100.",
    schema: { type: "integer", minimum: 1, maximum: 100, default: 50 },
  },
];

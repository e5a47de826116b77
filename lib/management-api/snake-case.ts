// The management API speaks snake_case; the portal's shared zod schemas (its
// forms, its server actions) use camelCase. Input is renamed on the way in,
// so both validate with one schema and the same messages, and the OpenAPI
// document shows those schemas with their properties renamed.

export const toSnakeCase = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
export const toCamelCase = (name: string): string =>
  name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());

type JsonSchema = { properties?: Record<string, unknown>; required?: string[]; allOf?: JsonSchema[] };

/** A JSON Schema of an object (or an allOf of objects) with its top-level property names in snake_case. */
export function snakeJsonSchema<S extends object>(schema: S): S {
  const { properties, required, allOf, ...rest } = schema as JsonSchema;
  return {
    ...rest,
    ...(properties
      ? { properties: Object.fromEntries(Object.entries(properties).map(([key, value]) => [toSnakeCase(key), value])) }
      : {}),
    ...(required ? { required: required.map(toSnakeCase) } : {}),
    ...(allOf ? { allOf: allOf.map((part) => snakeJsonSchema(part)) } : {}),
  } as S;
}

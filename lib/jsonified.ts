/** A value as it arrives after JSON.stringify and JSON.parse: dates become ISO strings. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends Array<infer U>
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

/** What a server component hands a client component, exactly as an API answer would give it. */
export const jsonified = <T>(value: T): Jsonified<T> => JSON.parse(JSON.stringify(value)) as Jsonified<T>;

// What exists once per portal process: the database client, the running hub,
// the write-behind buffers, caches, rate limiters, metrics, the logger's
// request context. A module-level variable would not do: Next.js bundles one
// file into several layers (instrumentation, pages, route handlers), each with
// its own copy of the module; server.ts loads the same files apart from them;
// and `next dev` re-evaluates modules on every change. So each such part is a
// named slot of one table kept on globalThis, and this is the only module
// that touches globalThis.

const KEY = Symbol.for("partner-hub.process-state");
type Table = Map<string, unknown>;
const holder = globalThis as typeof globalThis & { [KEY]?: Table };
const table: Table = (holder[KEY] ??= new Map<string, unknown>());

/** The process's one `name`, made by `create` the first time anything asks for it. */
export function processState<T>(name: string, create: () => T): T {
  if (!table.has(name)) table.set(name, create());
  return table.get(name) as T;
}

/** The slot's value if something has set or made it, else undefined. */
export function peekProcessState<T>(name: string): T | undefined {
  return table.get(name) as T | undefined;
}

/** Sets the slot to a part made elsewhere and handed in (the running hub); undefined empties it. */
export function setProcessState<T>(name: string, value: T | undefined): void {
  if (value === undefined) table.delete(name);
  else table.set(name, value);
}

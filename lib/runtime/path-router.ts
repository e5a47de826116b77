/** What a router found: the route's own "METHOD /path" key, its value and the path's parameters. */
export type FoundPath<T> = { key: string; value: T; params: Record<string, string> };

/**
 * Routes as "METHOD /path" → value. A ":name" segment matches one path
 * segment, handed back decoded as the parameter `name` (e.g.
 * "/v1/devices/:deviceId/telemetry"); a path without one is found by a map
 * lookup. A malformed escape in a parameter matches nothing.
 */
export class PathRouter<T> {
  private readonly exact = new Map<string, T>();
  private readonly patterns: { key: string; method: string; path: RegExp; names: string[]; value: T }[] = [];

  add(routes: Record<string, T>): void {
    for (const [key, value] of Object.entries(routes)) {
      const [method, path] = key.split(" ") as [string, string];
      if (!path.includes("/:")) {
        this.exact.set(key, value);
        continue;
      }
      const names: string[] = [];
      const source = path.replace(/\/:([A-Za-z]+)/g, (_, name: string) => (names.push(name), "/([^/]+)"));
      this.patterns.push({ key, method, path: new RegExp(`^${source}$`), names, value });
    }
  }

  /** The route for `method` and `path` (no query string), or undefined. */
  find(method: string, path: string): FoundPath<T> | undefined {
    const key = `${method} ${path}`;
    const exact = this.exact.get(key);
    if (exact !== undefined) return { key, value: exact, params: {} };
    for (const pattern of this.patterns) {
      if (pattern.method !== method) continue;
      const match = pattern.path.exec(path);
      if (!match) continue;
      try {
        const params = Object.fromEntries(pattern.names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
        return { key: pattern.key, value: pattern.value, params };
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The libSQL driver loads a native binding; bundling it breaks that.
  // pino and prom-client keep process-wide state that server.ts shares (lib/runtime/logger.ts, lib/runtime/metrics.ts).
  serverExternalPackages: ["@libsql/client", "@prisma/adapter-libsql", "libsql", "pino", "prom-client"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;

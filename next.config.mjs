/** @type {import('next').NextConfig} */
const nextConfig = {
  // The libSQL driver loads a native binding; bundling it breaks that.
  serverExternalPackages: ["@libsql/client", "@prisma/adapter-libsql", "libsql"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;

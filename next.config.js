// Next.js runs inside Tropa's own HTTP server (server/), which also owns websocket upgrades.
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WASM packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'postgres'],
  poweredByHeader: false,
  typedRoutes: false,
};
export default nextConfig;

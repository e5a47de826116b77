// The demo account `npm run db:seed` creates (documented in the README).
export const DEMO_USER = {
  name: "Dana Demo",
  email: "demo@partnerhub.local",
  password: "partnerhub-demo",
  partnerName: "Acme Devices",
};

// One knob for every time budget of the tests (Vitest and Playwright):
// TEST_SLOWDOWN=2 doubles them all for a machine slower than the budgets
// assume. The base budgets already hold on a machine half as fast as a 2-core
// developer machine (`npm run test:slow` proves it); a budget only ever ends
// a test that is stuck, so it costs nothing when tests pass.
export const TEST_SLOWDOWN = Math.max(1, Number(process.env.TEST_SLOWDOWN) || 1);

/** `ms`, scaled for this machine. */
export const scaled = (ms: number): number => Math.round(ms * TEST_SLOWDOWN);

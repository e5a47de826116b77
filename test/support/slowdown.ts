// One knob for every time budget of the tests (Vitest and Playwright):
// TEST_SLOWDOWN=2 doubles them all for a machine slower than the budgets
// assume. The base budgets already hold on a machine half as fast as a 2-core
// developer machine (`npm run test:slow` proves it); a budget only ever ends
// a test that is stuck, so it costs nothing when tests pass.
export const TEST_SLOWDOWN = Math.max(1, Number(process.env.TEST_SLOWDOWN) || 1);

/** `ms`, scaled for this machine. */
export const scaled = (ms: number): number => Math.round(ms * TEST_SLOWDOWN);

/**
 * The budget of a test that checks a password a dozen times: each is an
 * scrypt of ~0.2 s of CPU on a 2-core machine (better-auth's cost, on
 * purpose), and several seconds while the other test files and a loaded,
 * half-as-fast machine take the same cores.
 */
export const PASSWORD_ROUNDS_BUDGET = scaled(90_000);

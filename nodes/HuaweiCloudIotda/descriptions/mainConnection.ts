/**
 * The plain 'main' connection type, for both nodes' inputs and outputs, deliberately not
 * `NodeConnectionTypes.Main` (which the lint rule node-connection-type-literal asks for). The package supports
 * n8n 1.46 and later (docs/compatibility.md), and a community node runs against the n8n-workflow of the n8n that
 * loads it: `NodeConnectionTypes` only exists from n8n-workflow 1.83, so with it the node fails to load
 * ("reading 'Main'") in n8n 1.46–1.82. `'main'` is the enum's value, so n8n 1.83+ sees the same description
 * (test/compat/oldestN8n.test.ts loads the build with n8n 1.49's own loader). Switch to the enum when the
 * minimum n8n reaches 1.83.
 */
export const MAIN_CONNECTION = 'main' as const;

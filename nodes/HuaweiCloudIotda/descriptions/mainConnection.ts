/**
 * The plain 'main' connection type, for both nodes' inputs and outputs. Not `NodeConnectionTypes.Main`: that
 * runtime constant only exists from n8n-workflow 1.83, so with it the node fails to load ("reading 'Main'") in
 * every n8n before 1.83. The string is what every n8n version stores (test/compat/oldestN8n.test.ts loads the
 * build with n8n 1.49's loader).
 */
export const MAIN_CONNECTION = 'main' as const;

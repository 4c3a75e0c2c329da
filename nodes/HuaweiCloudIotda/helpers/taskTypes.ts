/**
 * Temporary: helpers/idList.ts (changed by another branch this round) still imports PATTERNS from here.
 * The rules live in apiRules.ts; delete this file once idList.ts imports './apiRules'.
 */
export { PATTERNS } from './apiRules';

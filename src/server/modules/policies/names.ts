/** Display names used by exports (re-exported from the domain vocabulary). */
export { LEVEL_NAMES, STATUS_NAMES, TIER_NAMES } from '../../../domain/policies/types';
export { isEnterpriseTier as isStoredTier } from '../../../domain/policies/matching';

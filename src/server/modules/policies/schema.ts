/** Request schemas of the policy library (zod → validation and OpenAPI). */
import { z } from 'zod';
import { HIGHTECH_FIELDS } from '../../../domain/eligibility/types';
import { isValidIndustryCode } from '../../../domain/industries';
import { BENEFIT_KINDS, ENTERPRISE_TIERS, POLICY_LEVELS, POLICY_STATUSES, RELATION_KINDS, REVIEW_DECISIONS, STORED_STATUSES } from '../../../domain/policies/types';
import { regionCodeField } from '../../http/fields';
import { pagingSchema } from '../../http/list-query';

export const isoDate = z.iso.date('field.date');
const MAX_YUAN = 1_000_000_000_000;

export const conditionsSchema = z.object({
  regionCodes: z.array(regionCodeField).max(50).optional(),
  tiersHeld: z.array(z.enum(ENTERPRISE_TIERS)).max(4).optional(),
  tiersNotHeld: z.array(z.enum(ENTERPRISE_TIERS)).max(4).optional(),
  industries: z.array(z.string().trim().refine((c) => /^[A-T]$/.test(c) || isValidIndustryCode(c), 'field.industry')).max(50).optional(),
  hightechFields: z.array(z.enum(HIGHTECH_FIELDS)).max(8).optional(),
  aboveScale: z.boolean().optional(),
  maxStaff: z.number().int().min(0).max(10_000_000).optional(),
  minSalesRevenue: z.number().int().min(0).max(MAX_YUAN).optional(),
  maxSalesRevenue: z.number().int().min(0).max(MAX_YUAN).optional(),
  maxTotalAssets: z.number().int().min(0).max(MAX_YUAN).optional(),
  minRdRatio: z.number().min(0).max(100).optional(),
}).strict();

export const benefitSchema = z.object({
  kind: z.enum(BENEFIT_KINDS),
  description: z.string().trim().min(1).max(500),
  amount: z.string().trim().max(100).nullish(),
  /** the statuses a firm must hold to enjoy it; absent: what the conditions say it must not yet hold */
  requires: z.array(z.enum(ENTERPRISE_TIERS)).max(4).optional(),
});

export const policyBody = z.object({
  title: z.string().trim().min(1, 'field.required').max(200),
  docNumber: z.string().trim().max(100).nullish(),
  issuer: z.string().trim().max(200).default(''),
  level: z.enum(POLICY_LEVELS),
  regionCode: regionCodeField.nullish(),
  categories: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  issuedOn: isoDate.nullish(),
  effectiveOn: isoDate.nullish(),
  expiresOn: isoDate.nullish(),
  status: z.enum(STORED_STATUSES).default('in_force'),
  summary: z.string().trim().max(2000).default(''),
  text: z.string().max(500_000).default(''),
  interpretation: z.string().max(100_000).default(''),
  benefits: z.array(benefitSchema).max(50).default([]),
  conditions: conditionsSchema.nullish(),
});
export type PolicyInput = z.infer<typeof policyBody>;

export const updateBody = policyBody.partial().extend({ version: z.number().int().min(1) });

export const searchQuery = pagingSchema.extend({
  q: z.string().trim().max(200).optional(),
  level: z.enum(POLICY_LEVELS).optional(),
  issuer: z.string().trim().max(200).optional(),
  category: z.string().trim().max(40).optional(),
  status: z.enum(POLICY_STATUSES).optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  regionCode: regionCodeField.optional(),
});
export type SearchFilters = z.infer<typeof searchQuery>;

export const idParams = z.object({ id: z.coerce.number().int().positive() });

export const relationBody = z.object({ kind: z.enum(RELATION_KINDS), targetId: z.number().int().positive() });

export const bookletBody = z.object({
  ids: z.array(z.number().int().positive()).max(500).optional(),
  /** a saved search instead of a selection: the filters of GET /policies */
  search: searchQuery.omit({ page: true, pageSize: true }).partial().optional(),
  title: z.string().trim().min(1).max(100),
  compiler: z.string().trim().max(100).optional(),
  date: isoDate.optional(),
}).refine((b) => (b.ids?.length ?? 0) > 0 || b.search !== undefined, { message: 'field.required', path: ['ids'] });

export const reviewCreateBody = z.object({
  title: z.string().trim().min(1).max(100),
  regionCode: regionCodeField.optional(),
  note: z.string().trim().max(2000).default(''),
  policyIds: z.array(z.number().int().positive()).min(1).max(1000),
});

export const decisionBody = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  reason: z.string().trim().max(2000).default(''),
  replacementId: z.number().int().positive().nullish(),
  version: z.number().int().min(1),
});

export const categoryBody = z.object({
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, 'field.invalid'),
  name: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().max(80).default(''),
  sort: z.number().int().min(0).max(10_000).default(100),
  active: z.boolean().default(true),
  /** the version read, when changing a category; absent when adding one (a code that exists is then a conflict) */
  version: z.number().int().min(1).optional(),
});

export const synonymBody = z.object({
  terms: z.array(z.string().trim().min(1).max(30)).min(2, 'field.synonym.too_few').max(20),
  note: z.string().trim().max(200).default(''),
  active: z.boolean().default(true),
});
export const synonymUpdateBody = synonymBody.extend({ version: z.number().int().min(1) });

export const noticeBody = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().max(50_000).default(''),
  regionCode: regionCodeField.nullish(),
  publishedOn: isoDate.optional(),
});

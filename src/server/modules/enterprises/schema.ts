/** Request and response schemas of the enterprise module (zod → validation and OpenAPI). */
import { z } from 'zod';
import { EARLIEST_AS_OF } from '../../../domain/eligibility/assess';
import { DIRECT_QUALIFICATIONS, HIGHTECH_FIELDS } from '../../../domain/eligibility/types';
import { isValidIndustryCode } from '../../../domain/industries';
import { nameField, phoneField, regionCodeField, usccField } from '../../http/fields';
import { pagingSchema } from '../../http/list-query';
import { MAX_AMOUNT, MAX_COUNT, STAT_FIELDS } from './stat-fields';
import { TIERS } from './registry';

export const isoDate = z.iso.date('field.date');
const industryCode = z.string().trim().refine(isValidIndustryCode, 'field.industry');

export const profileBody = z.object({
  address: z.string().trim().max(200).nullish(),
  legalRep: z.string().trim().max(50).nullish(),
  foundedOn: isoDate.nullish(),
  industryCode: industryCode.nullish(),
  hightechField: z.enum(HIGHTECH_FIELDS).nullish(),
  aboveScale: z.boolean().optional(),
  ownsCoreIp: z.boolean().optional(),
  prohibitedIndustry: z.boolean().optional(),
  directQualifications: z.array(z.enum(DIRECT_QUALIFICATIONS)).max(4).optional(),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).optional(),
});

export const createBody = profileBody.extend({
  name: nameField(100), uscc: usccField, regionCode: regionCodeField, contactName: nameField(50), contactPhone: phoneField,
});

export const updateBody = profileBody.extend({ version: z.number().int().min(0) });

export const listQuery = pagingSchema.extend({
  regionCode: regionCodeField.optional(),
  tier: z.enum(TIERS).optional(),
  industry: z.string().trim().regex(/^[A-T]?\d{2,4}$/, 'field.industry').optional(),
  hightechField: z.enum(HIGHTECH_FIELDS).optional(),
  aboveScale: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  tag: z.string().trim().max(20).optional(),
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
});

const statShape = Object.fromEntries(STAT_FIELDS.map((f) => [f.key,
  f.kind === 'flag' ? z.boolean().default(false)
  : z.number().int('field.stat.integer').min(0, 'field.stat.integer').max(f.kind === 'money' ? MAX_AMOUNT : MAX_COUNT, 'field.stat.range')]));

export const statsBody = z.object({ values: z.object(statShape), version: z.number().int().min(0) });
export const reviewBody = z.object({ version: z.number().int().min(1), comment: z.string().trim().max(500).optional() });

export const tierBody = z.object({
  tier: z.enum(TIERS),
  year: z.number().int().min(2000).max(2100),
  registrationNo: z.string().trim().max(50).nullish(),
  certificateNo: z.string().trim().max(50).nullish(),
  issuedOn: isoDate.nullish(),
});

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const yearParams = idParams.extend({ year: z.coerce.number().int().min(2000).max(2100) });

const yearFigures = z.object({
  year: z.number().int().min(1990).max(2100),
  ...Object.fromEntries(STAT_FIELDS.filter((f) => f.kind !== 'flag' && f.key !== 'rdStaff').map((f) => [f.key,
    z.number().int('field.stat.integer').min(0, 'field.stat.integer').max(f.kind === 'money' ? MAX_AMOUNT : MAX_COUNT, 'field.stat.range')])),
});

/** The engine knows the rules in force from 科小's 115号 (2017-05-03) on. */
export const asOfDate = isoDate.refine((d) => d >= EARLIEST_AS_OF, 'field.date');

export const assessBody = z.object({
  asOf: asOfDate,
  enterprise: z.object({
    foundedOn: isoDate,
    industryCode: z.string().trim().max(10),
    hightechField: z.enum(HIGHTECH_FIELDS).nullable(),
    ownsCoreIp: z.boolean(),
    seriousIncident: z.boolean(),
    abnormalListed: z.boolean(),
    prohibitedIndustry: z.boolean(),
    directQualifications: z.array(z.enum(DIRECT_QUALIFICATIONS)).max(4).default([]),
    selfAssessment: z.object({
      ipAdvancement: z.number().int().min(0).max(8).optional(),
      ipCoreSupport: z.number().int().min(0).max(8).optional(),
      ipAcquisition: z.number().int().min(0).max(6).optional(),
      rdManagement: z.number().int().min(0).max(20).optional(),
    }).optional(),
    years: z.array(yearFigures).max(10).refine((ys) => new Set(ys.map((y) => y.year)).size === ys.length, 'field.duplicate_row'),
  }),
});

/** /api/v1/tech-contracts: 技术合同认定登记 — file, list, read, complete, decide, files, certificate, statistics. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FIELD_CODES, fieldName } from '../../../domain/fields';
import { CONTRACT_SUB_TYPE_NAMES, CONTRACT_TYPE_NAMES, CONTRACT_TYPES, type ContractType } from '../../../domain/tech-contracts';
import { todayInChina } from '../../../domain/dates';
import { auditActorOf, requireActor, requireRole } from '../../http/actor';
import { AppError } from '../../http/errors';
import { nameField, regionCodeField, usccField } from '../../http/fields';
import { DOCX, sendFile, XLSX } from '../../http/files';
import { workbookBuffer } from '../../http/excel';
import { MAX_EXPORT_ROWS, pagingSchema } from '../../http/list-query';
import { contractCertificate } from './tech-contract-certificate';
import { addContractFile, listContractFiles, MAX_CONTRACT_FILE_BYTES, readContractFile } from './tech-contract-files';
import { contractStats } from './tech-contract-stats';
import { decideContract, fileContract, getContract, listContracts, refileContract, returnContract, type ContractView } from './tech-contracts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const yuan = z.number().int().min(0).max(1e13);
const dateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'field.date');

const contractBody = z.object({
  number: nameField(60), name: nameField(200), type: z.enum(CONTRACT_TYPES), subType: z.string().max(40).nullable().optional(),
  sellerOrgId: z.number().int().positive().nullable().optional(), buyerName: nameField(200), buyerUscc: usccField.nullable().optional(),
  buyerRegionCode: regionCodeField, signedOn: dateField, termFrom: dateField.nullable().optional(), termTo: dateField.nullable().optional(),
  field: z.enum(FIELD_CODES), amount: yuan.min(1), nonTechnicalAmount: yuan.default(0), paymentPlan: z.string().max(2000).optional(), disputed: z.boolean().optional(),
});

const filters = pagingSchema.extend({
  status: z.enum(['submitted', 'returned', 'accepted', 'refused']).optional(), type: z.enum(CONTRACT_TYPES).optional(), field: z.enum(FIELD_CODES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(), regionCode: regionCodeField.optional(), dueWithin: z.coerce.number().int().min(0).max(60).optional(),
});

export default async function techContractRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app;

  r.get('/', { schema: { tags: ['market'], summary: "Contracts: the seller's own, the registry's region (filter, sort dueOn|signedOn|amount|filedOn|decidedOn, page); dueWithin=N keeps the undecided due in N days", querystring: filters } },
    async (req) => { const { page, pageSize, ...f } = req.query; return listContracts(db, requireActor(req), f, page, pageSize); });

  r.get('/export.xlsx', { schema: { tags: ['market'], summary: 'The list as Excel (same filters)', querystring: filters.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      const en = req.lang === 'en';
      const { items } = await listContracts(db, requireActor(req), req.query, 1, MAX_EXPORT_ROWS);
      const status: Record<string, [string, string]> = { submitted: ['待认定', 'Submitted'], returned: ['待补正', 'To complete'], accepted: ['已登记', 'Registered'], refused: ['未予登记', 'Refused'] };
      const data = await workbookBuffer<ContractView>(en ? 'Contracts' : '技术合同', [
        { header: en ? 'Registration no.' : '登记编号', width: 18, value: (c) => c.registrationNo },
        { header: en ? 'Contract no.' : '合同编号', width: 16, value: (c) => c.number },
        { header: en ? 'Name' : '项目名称', width: 36, value: (c) => c.name },
        { header: en ? 'Type' : '合同类型', width: 12, value: (c) => CONTRACT_TYPE_NAMES[c.type as ContractType][en ? 1 : 0] },
        { header: en ? 'Sub-type' : '子类', width: 14, value: (c) => (c.subType ? CONTRACT_SUB_TYPE_NAMES[c.subType]?.[en ? 1 : 0] : '') },
        { header: en ? 'Field' : '技术领域', width: 14, value: (c) => fieldName(c.field, en ? 'en' : 'zh-CN') },
        { header: en ? 'Seller' : '卖方', width: 28, value: (c) => c.sellerName },
        { header: en ? 'Region' : '登记地区', width: 10, value: (c) => c.regionName },
        { header: en ? 'Buyer' : '买方', width: 28, value: (c) => c.buyerName },
        { header: en ? 'Buyer region code' : '买方地区代码', width: 12, value: (c) => c.buyerRegionCode },
        { header: en ? 'Signed on' : '签订日期', width: 12, value: (c) => c.signedOn },
        { header: en ? 'Amount (yuan)' : '成交额（元）', width: 14, value: (c) => c.amount },
        { header: en ? 'Non-technical (yuan)' : '非技术性费用（元）', width: 14, value: (c) => c.nonTechnicalAmount },
        { header: en ? 'Technical (yuan)' : '技术交易额（元）', width: 14, value: (c) => c.technicalAmount },
        { header: en ? 'Status' : '状态', width: 10, value: (c) => status[c.status][en ? 1 : 0] },
        { header: en ? 'Filed on' : '受理日期', width: 12, value: (c) => c.filedOn },
        { header: en ? 'Due on' : '办结时限', width: 12, value: (c) => c.dueOn },
        { header: en ? 'Decided on' : '登记日期', width: 12, value: (c) => c.decidedOn },
      ], items);
      return sendFile(reply, `${en ? 'technology-contracts' : '技术合同'}-${todayInChina()}.xlsx`, XLSX, data);
    });

  r.get('/stats', { schema: { tags: ['market'], summary: "Registered contracts of a region's subtree in a year: count, 成交额, 技术交易额, growth; by month, type, field, sub-region, buyer place; flows (staff, admins)",
    querystring: z.object({ region: regionCodeField.optional(), year: z.coerce.number().int().min(2000).max(2100).default(() => Number(todayInChina().slice(0, 4))) }) } },
  async (req) => contractStats(db, requireActor(req), req.query));

  r.post('/', { schema: { tags: ['market'], summary: 'File a contract for registration (the seller; staff with sellerOrgId of their region)', body: contractBody } },
    async (req, reply) => reply.code(201).send({ id: await fileContract(db, requireRole(req, 'enterprise', 'institution', 'staff', 'admin'), auditActorOf(req), req.body) }));

  r.get('/:id', { schema: { tags: ['market'], summary: 'One contract', params: idParams } }, async (req) => getContract(db, requireActor(req), req.params.id));

  r.put('/:id', { schema: { tags: ['market'], summary: 'Complete a returned contract and file it again (the clock restarts)', params: idParams,
    body: contractBody.extend({ version: z.number().int() }) } },
  async (req) => {
    await refileContract(db, requireRole(req, 'enterprise', 'institution', 'staff', 'admin'), auditActorOf(req), req.params.id, req.body);
    return getContract(db, req.actor!, req.params.id);
  });

  r.post('/:id/return', { schema: { tags: ['market'], summary: 'Ask the seller to complete the file (the registry)', params: idParams, body: z.object({ reason: nameField(2000) }) } },
    async (req) => ({ id: req.params.id, status: await returnContract(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.params.id, req.body.reason) }));

  r.post('/:id/decision', { schema: { tags: ['market'], summary: 'Accept (a registration number) or refuse (a reason) a filed contract (the registry)', params: idParams,
    body: z.object({ accepted: z.boolean(), reason: z.string().max(2000).nullable().optional() }) } },
  async (req) => ({ id: req.params.id, ...await decideContract(db, requireRole(req, 'staff', 'admin'), auditActorOf(req), req.params.id, req.body) }));

  r.get('/:id/certificate.docx', { schema: { tags: ['market'], summary: '技术合同认定登记证明 (Word) of an accepted contract', params: idParams } },
    async (req, reply) => { const f = await contractCertificate(db, requireActor(req), req.params.id); return sendFile(reply, f.fileName, DOCX, f.data); });

  r.get('/:id/attachments', { schema: { tags: ['market'], summary: "The contract's files", params: idParams } },
    async (req) => ({ items: await listContractFiles(db, requireActor(req), req.params.id) }));
  r.post('/:id/attachments', { schema: { tags: ['market'], summary: 'Attach a file (multipart "file": PDF, image, .docx) while submitted or returned (the seller)', params: idParams, consumes: ['multipart/form-data'] } },
    async (req, reply) => {
      const actor = requireRole(req, 'enterprise', 'institution', 'staff', 'admin');
      const file = await req.file({ limits: { fileSize: MAX_CONTRACT_FILE_BYTES } });
      if (!file) throw new AppError(400, 'FILE_REQUIRED');
      return reply.code(201).send(await addContractFile(db, actor, auditActorOf(req), req.params.id, { fileName: file.filename.slice(0, 200), data: await file.toBuffer() }));
    });
  r.get('/:id/attachments/:fileId', { schema: { tags: ['market'], summary: 'Download a file of a contract', params: idParams.extend({ fileId: z.coerce.number().int().positive() }) } },
    async (req, reply) => { const f = await readContractFile(db, requireActor(req), req.params.id, req.params.fileId); return sendFile(reply, f.fileName, f.contentType, f.data); });
}

/**
 * 技术合同认定登记证明 (Word, 公文 style): the registration number, the contract, both parties,
 * 成交额 and 技术交易额 (both shown, as the rules ask), signed by the registry of the seller's
 * region. Only an accepted contract has one (409 CONTRACT_NOT_REGISTERED); scope is getContract's.
 */
import { CONTRACT_SUB_TYPE_NAMES, CONTRACT_TYPE_NAMES, type ContractType } from '../../../domain/tech-contracts';
import { fieldName } from '../../../domain/fields';
import { wanText } from '../../../domain/money';
import type { Queryable } from '../../db/database';
import type { Actor } from '../../http/actor';
import { AppError } from '../../http/errors';
import { blank, body, fmtDate, infoTable, render, right, title } from '../../documents/gongwen';
import { getContract } from './tech-contracts';

export async function contractCertificate(db: Queryable, actor: Actor, id: number): Promise<{ fileName: string; data: Buffer }> {
  const c = await getContract(db, actor, id);
  if (c.status !== 'accepted') throw new AppError(409, 'CONTRACT_NOT_REGISTERED');
  const type = CONTRACT_TYPE_NAMES[c.type as ContractType][0] + (c.subType ? `（${CONTRACT_SUB_TYPE_NAMES[c.subType]?.[0] ?? c.subType}）` : '');
  const data = await render(`技术合同认定登记证明 ${c.registrationNo}`, [
    title('技术合同认定登记证明'),
    ...body(`经审查，下列技术合同符合《技术合同认定登记管理办法》的规定，予以认定登记。`),
    infoTable([
      ['登记编号', c.registrationNo!],
      ['合同编号', c.number],
      ['项目名称', c.name],
      ['合同类型', type],
      ['技术领域', fieldName(c.field)],
      ['卖方（登记单位）', c.sellerName],
      ['买方', `${c.buyerName}${c.buyerUscc ? `（${c.buyerUscc}）` : ''}`],
      ['签订日期', fmtDate(c.signedOn)],
      ['有效期限', c.termFrom || c.termTo ? `${fmtDate(c.termFrom)} 至 ${fmtDate(c.termTo)}` : '—'],
      ['合同成交额', `${wanText(c.amount)} 万元`],
      ['非技术性费用', `${wanText(c.nonTechnicalAmount)} 万元`],
      ['技术交易额', `${wanText(c.technicalAmount)} 万元`],
      ['登记日期', fmtDate(c.decidedOn)],
    ]),
    blank(),
    right(`${c.regionName}科学技术局`, { before: 480 }),
    right('（技术合同登记机构）'),
    right(fmtDate(c.decidedOn)),
  ]);
  return { fileName: `技术合同登记证明-${c.registrationNo}.docx`, data };
}

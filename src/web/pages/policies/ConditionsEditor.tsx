// 适用条件: the structured conditions of src/domain/policies/matching.ts (who a policy is for), edited
// inside the policy form under the name `conditions`. Amounts are entered in 万元 and stored in yuan.
import { Col, Form, InputNumber, Row, Select, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { INDUSTRY_SECTIONS, INDUSTRY_SECTIONS_EN } from '../../../domain/industries';
import { ENTERPRISE_TIERS } from '../../../domain/policies/types';
import type { PolicyConditions } from '../../../domain/policies/matching';
import { INDUSTRY_OPTIONS, useHightechFieldOptions } from '../enterprises/shared';

const MONEY = ['minSalesRevenue', 'maxSalesRevenue', 'maxTotalAssets'] as const;
const LISTS = ['regionCodes', 'tiersHeld', 'tiersNotHeld', 'industries', 'hightechFields'] as const;

/** What the form holds: money in 万元, 规上 as 'yes' | 'no' | undefined (不限). */
export type ConditionsForm = Omit<PolicyConditions, 'aboveScale'> & { aboveScale?: 'yes' | 'no' };

export function conditionsToForm(c: PolicyConditions | null | undefined): ConditionsForm {
  if (!c) return {};
  const out: ConditionsForm = { ...c, aboveScale: c.aboveScale === undefined ? undefined : c.aboveScale ? 'yes' : 'no' };
  for (const k of MONEY) if (c[k] !== undefined) out[k] = c[k]! / 10_000;
  return out;
}

/** The API's conditions, or null when nothing is set (the policy is not pushed to anyone). */
export function conditionsFromForm(v: ConditionsForm | undefined): PolicyConditions | null {
  if (!v) return null;
  const out: PolicyConditions = {};
  for (const k of LISTS) if (v[k]?.length) (out as Record<string, unknown>)[k] = v[k];
  if (v.aboveScale) out.aboveScale = v.aboveScale === 'yes';
  if (typeof v.maxStaff === 'number') out.maxStaff = v.maxStaff;
  if (typeof v.minRdRatio === 'number') out.minRdRatio = v.minRdRatio;
  for (const k of MONEY) if (typeof v[k] === 'number') out[k] = Math.round(v[k]! * 10_000);
  return Object.keys(out).length ? out : null;
}

/** The 20 sections of GB/T 4754, named in the UI language. */
function sectionOptions(english: boolean) {
  return Object.entries(english ? INDUSTRY_SECTIONS_EN : INDUSTRY_SECTIONS).map(([s, name]) => ({ value: s, label: `${s} ${name}` }));
}

export default function ConditionsEditor({ regionOptions }: { regionOptions: unknown[] }) {
  const { t, i18n } = useTranslation();
  const hightech = useHightechFieldOptions();
  const tiers = ENTERPRISE_TIERS.map((tier) => ({ value: tier, label: t(`enterprises.tier.${tier}`) }));
  const industries = [{ label: t('policies.conditions.sections'), title: 'sections', options: sectionOptions(i18n.language === 'en') }, ...INDUSTRY_OPTIONS];
  const c = (k: string) => ['conditions', k];
  const number = (k: string, unit: string, props: { precision?: number; max?: number }) => (
    <Form.Item name={c(k)} label={t(`policies.conditions.${k}`)}>
      <InputNumber min={0} style={{ width: '100%' }} addonAfter={unit} placeholder={t('policies.conditions.any')} data-testid={`condition-${k}`} {...props} />
    </Form.Item>
  );
  return (
    <>
      <Typography.Paragraph type="secondary">{t('policies.conditions.hint')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={c('regionCodes')} label={t('policies.conditions.regionCodes')}>
            <TreeSelect multiple treeData={regionOptions as never} showSearch treeNodeFilterProp="title" placeholder={t('policies.conditions.regionDefault')} allowClear />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={c('industries')} label={t('policies.conditions.industries')}>
            <Select mode="multiple" options={industries} optionFilterProp="label" allowClear placeholder={t('policies.conditions.any')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={c('tiersHeld')} label={t('policies.conditions.tiersHeld')}>
            <Select mode="multiple" options={tiers} allowClear placeholder={t('policies.conditions.any')} data-testid="condition-tiersHeld" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={c('tiersNotHeld')} label={t('policies.conditions.tiersNotHeld')}>
            <Select mode="multiple" options={tiers} allowClear placeholder={t('policies.conditions.any')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={c('hightechFields')} label={t('policies.conditions.hightechFields')}>
            <Select mode="multiple" options={hightech} allowClear placeholder={t('policies.conditions.any')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name={c('aboveScale')} label={t('policies.conditions.aboveScale')}>
            <Select allowClear placeholder={t('policies.conditions.any')}
              options={[{ value: 'yes', label: t('policies.conditions.aboveScaleYes') }, { value: 'no', label: t('policies.conditions.aboveScaleNo') }]} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>{number('maxStaff', t('policies.conditions.unitPeople'), { precision: 0, max: 10_000_000 })}</Col>
        <Col xs={24} md={6}>{number('minSalesRevenue', t('policies.conditions.unitWan'), { max: 100_000_000 })}</Col>
        <Col xs={24} md={6}>{number('maxSalesRevenue', t('policies.conditions.unitWan'), { max: 100_000_000 })}</Col>
        <Col xs={24} md={6}>{number('maxTotalAssets', t('policies.conditions.unitWan'), { max: 100_000_000 })}</Col>
        <Col xs={24} md={6}>{number('minRdRatio', '%', { precision: 2, max: 100 })}</Col>
      </Row>
    </>
  );
}

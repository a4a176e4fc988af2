// 技术合同登记 form: a new contract filed with the registry, or a returned one completed and filed
// again. Amounts in 万元 (two decimals, stored in yuan); the 技术交易额 (成交额 − 非技术性费用) is shown
// as it is typed. Staff file for a seller of their region; an organisation files its own.
import { useMemo, useState } from 'react';
import { Alert, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Statistic, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import { useRegions } from '../../components/useRegions';
import { CONTRACT_SUB_TYPES, type ContractType } from '../../../domain/tech-contracts';
import { contractApi, type Contract, type ContractInput } from './api';
import { OrgPicker, dateOnly, useApiError, useContractTypes, useLang, useMarketFieldOptions, useMoney, wanToYuan, yuanToWan } from './shared';

/** Provinces (GB/T 2260) for a buyer outside the platform's own regions. */
const PROVINCES: [string, string, string][] = [
  ['110000', '北京市', 'Beijing'], ['120000', '天津市', 'Tianjin'], ['130000', '河北省', 'Hebei'], ['140000', '山西省', 'Shanxi'],
  ['150000', '内蒙古自治区', 'Inner Mongolia'], ['210000', '辽宁省', 'Liaoning'], ['220000', '吉林省', 'Jilin'], ['230000', '黑龙江省', 'Heilongjiang'],
  ['310000', '上海市', 'Shanghai'], ['320000', '江苏省', 'Jiangsu'], ['330000', '浙江省', 'Zhejiang'], ['340000', '安徽省', 'Anhui'],
  ['350000', '福建省', 'Fujian'], ['360000', '江西省', 'Jiangxi'], ['370000', '山东省', 'Shandong'], ['410000', '河南省', 'Henan'],
  ['420000', '湖北省', 'Hubei'], ['430000', '湖南省', 'Hunan'], ['440000', '广东省', 'Guangdong'], ['450000', '广西壮族自治区', 'Guangxi'],
  ['460000', '海南省', 'Hainan'], ['500000', '重庆市', 'Chongqing'], ['510000', '四川省', 'Sichuan'], ['520000', '贵州省', 'Guizhou'],
  ['530000', '云南省', 'Yunnan'], ['540000', '西藏自治区', 'Tibet'], ['610000', '陕西省', 'Shaanxi'], ['620000', '甘肃省', 'Gansu'],
  ['630000', '青海省', 'Qinghai'], ['640000', '宁夏回族自治区', 'Ningxia'], ['650000', '新疆维吾尔自治区', 'Xinjiang'],
];

type Values = Omit<ContractInput, 'amount' | 'nonTechnicalAmount' | 'signedOn' | 'termFrom' | 'termTo'> & {
  amountWan: number; nonTechnicalWan?: number; signedOn: Dayjs; term?: [Dayjs, Dayjs] | null;
};
const FIELDS = ['number', 'name', 'type', 'subType', 'sellerOrgId', 'buyerName', 'buyerUscc', 'buyerRegionCode', 'signedOn', 'field', 'paymentPlan'];

export default function ContractForm({ contract, open, onClose, onSaved }: { contract?: Contract; open: boolean; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const lang = useLang();
  const money = useMoney();
  const onError = useApiError();
  const regions = useRegions();
  const fieldOptions = useMarketFieldOptions();
  const { typeOptions, subTypeName } = useContractTypes();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const type = Form.useWatch('type', form) as ContractType | undefined;
  const amountWan = Form.useWatch('amountWan', form) as number | undefined;
  const nonTechnicalWan = Form.useWatch('nonTechnicalWan', form) as number | undefined;
  const technical = wanToYuan(amountWan ?? 0) - wanToYuan(nonTechnicalWan ?? 0);

  // the platform's regions first, then the other provinces (a buyer out of the province)
  const buyerRegions = useMemo(() => {
    const own = new Set(regions.regions.map((r) => r.code.slice(0, 2)));
    return [...regions.options, ...PROVINCES.filter(([code]) => !own.has(code.slice(0, 2)))
      .map(([code, zh, en]) => ({ value: code, title: lang === 'en' ? en : zh, label: lang === 'en' ? en : zh }))];
  }, [regions.regions, regions.options, lang]);

  const initial = contract
    ? { ...contract, amountWan: yuanToWan(contract.amount), nonTechnicalWan: yuanToWan(contract.nonTechnicalAmount), signedOn: dayjs(contract.signedOn),
      term: contract.termFrom && contract.termTo ? [dayjs(contract.termFrom), dayjs(contract.termTo)] : null }
    : { type: 'development', nonTechnicalWan: 0, signedOn: dayjs() };

  const save = async () => {
    const v = await form.validateFields();
    const body: ContractInput = {
      number: v.number.trim(), name: v.name.trim(), type: v.type, subType: v.subType ?? null, sellerOrgId: staff ? v.sellerOrgId ?? null : null,
      buyerName: v.buyerName.trim(), buyerUscc: v.buyerUscc?.trim() || null, buyerRegionCode: v.buyerRegionCode, signedOn: dateOnly(v.signedOn),
      termFrom: v.term?.[0] ? dateOnly(v.term[0]) : null, termTo: v.term?.[1] ? dateOnly(v.term[1]) : null, field: v.field,
      amount: wanToYuan(v.amountWan), nonTechnicalAmount: wanToYuan(v.nonTechnicalWan ?? 0), paymentPlan: v.paymentPlan ?? '', disputed: !!v.disputed,
    };
    setBusy(true);
    try {
      if (contract) { await contractApi.refile(contract.id, { ...body, version: contract.version }); onSaved(contract.id); }
      else onSaved((await contractApi.file(body)).id);
    } catch (error) {
      const e = error as { fields?: Record<string, string> };
      if (e.fields?.amount) form.setFields([{ name: 'amountWan', errors: [e.fields.amount] }]);
      if (e.fields?.nonTechnicalAmount) form.setFields([{ name: 'nonTechnicalWan', errors: [e.fields.nonTechnicalAmount] }]);
      onError(error, form, FIELDS);
    } finally { setBusy(false); }
  };

  return (
    <Modal open={open} title={contract ? t('market.contract.refile') : t('market.contract.create')} onCancel={onClose} onOk={save} confirmLoading={busy}
      okText={contract ? t('market.contract.refileOk') : t('market.contract.fileOk')} width={760} destroyOnHidden>
      {contract?.reason && contract.status === 'returned' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('market.contract.returnedBecause', { reason: contract.reason })} />}
      <Form form={form} layout="vertical" name="contract" preserve={false} initialValues={initial}>
        <Row gutter={16}>
          <Col xs={24} sm={8}><Form.Item name="number" label={t('market.contract.number')} rules={[{ required: true, whitespace: true, max: 60 }]}><Input /></Form.Item></Col>
          <Col xs={24} sm={16}><Form.Item name="name" label={t('market.contract.name')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input /></Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="type" label={t('market.contract.type')} rules={[{ required: true }]}>
            <Select options={typeOptions} onChange={() => form.setFieldValue('subType', undefined)} />
          </Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="subType" label={t('market.contract.subType')}>
            <Select allowClear disabled={!type || !CONTRACT_SUB_TYPES[type].length}
              options={(type ? CONTRACT_SUB_TYPES[type] : []).map((s) => ({ value: s, label: subTypeName(s) }))} />
          </Form.Item></Col>
          <Col xs={24} sm={8}><Form.Item name="field" label={t('market.common.field')} rules={[{ required: true }]}><Select options={fieldOptions} /></Form.Item></Col>
          {staff && (
            <Col span={24}><Form.Item name="sellerOrgId" label={t('market.contract.seller')} rules={[{ required: true }]}>
              <OrgPicker initial={contract ? [{ id: contract.sellerOrgId, name: contract.sellerName }] : []} />
            </Form.Item></Col>
          )}
          <Col xs={24} sm={12}><Form.Item name="buyerName" label={t('market.contract.buyer')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="buyerUscc" label={t('market.contract.buyerUscc')}><Input maxLength={18} /></Form.Item></Col>
          <Col xs={24} sm={12}><Form.Item name="buyerRegionCode" label={t('market.contract.buyerRegion')} rules={[{ required: true }]} extra={t('market.contract.buyerRegionHelp')}>
            <TreeSelect treeData={buyerRegions} showSearch treeNodeFilterProp="title" />
          </Form.Item></Col>
          <Col xs={12} sm={6}><Form.Item name="signedOn" label={t('market.contract.signedOn')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} sm={6}><Form.Item name="disputed" valuePropName="checked" label={t('market.contract.disputed')}><Checkbox>{t('market.contract.disputedYes')}</Checkbox></Form.Item></Col>
          <Col span={24}><Form.Item name="term" label={t('market.contract.term')}><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="amountWan" label={t('market.contract.amountWan')} rules={[{ required: true }, { type: 'number', min: 0.01 }]}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item></Col>
          <Col xs={12} sm={8}><Form.Item name="nonTechnicalWan" label={t('market.contract.nonTechnicalWan')} extra={t('market.contract.nonTechnicalHelp')}
            dependencies={['amountWan']} rules={[({ getFieldValue }) => ({
              validator: (_, value) => ((value ?? 0) > (getFieldValue('amountWan') ?? 0) ? Promise.reject(new Error(t('market.contract.nonTechnicalTooLarge'))) : Promise.resolve()),
            })]}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item></Col>
          <Col xs={24} sm={8} data-testid="technical-amount">
            <Statistic title={t('market.contract.technicalAmount')} value={money(Math.max(technical, 0))} valueStyle={{ fontSize: 18, color: technical < 0 ? '#cf1322' : undefined }} />
          </Col>
          <Col span={24}><Form.Item name="paymentPlan" label={t('market.contract.paymentPlan')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}

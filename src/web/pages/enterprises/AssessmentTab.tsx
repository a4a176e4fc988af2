import { useState, type ReactNode } from 'react';
import { Alert, Card, Col, DatePicker, Descriptions, Empty, Row, Space, Spin, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AssessedCondition, ConditionStatus, EnterpriseAssessment } from '../../api/types';
import { formatMoney, type MoneyLang } from '../../../domain/money';
import { ruleSetTitle } from '../../../domain/eligibility/titles';
import { enterpriseApi } from './api';
import { formatInt } from './shared';

const moneyLang = (lng: string): MoneyLang => (lng.startsWith('en') ? 'en' : 'zh-CN');

const STATUS_ICON: Record<ConditionStatus, { icon: typeof CheckCircleFilled; color: string; mark: string }> = {
  met: { icon: CheckCircleFilled, color: '#52c41a', mark: '✓' },
  failed: { icon: CloseCircleFilled, color: '#ff4d4f', mark: '✗' },
  uncertain: { icon: QuestionCircleFilled, color: '#faad14', mark: '?' },
};

/** Full marks of the parts of the 高企 innovation score (工作指引 附件) and of the 科小 score (115号). */
const HIGHTECH_FULL: Record<string, number> = {
  ipQuantity: 8, ipAdvancement: 8, ipCoreSupport: 8, ipAcquisition: 6, transformation: 30, rdManagement: 20, netAssetGrowth: 10, salesGrowth: 10,
};
const TECHSME_FULL: Record<string, number> = { scienceStaff: 20, rd: 50, achievements: 30 };

const PERCENT_CODES = ['scienceStaffRatio', 'rdRatio', 'rdDomesticShare', 'hightechRevenueShare'];
const MONEY_CODES = ['revenueLimit', 'assetsLimit'];

export function StatusIcon({ status }: { status: ConditionStatus }) {
  const { t } = useTranslation();
  const { icon: Icon, color, mark } = STATUS_ICON[status];
  return (
    <Tooltip title={t(`enterprises.assessment.status.${status}`)}>
      <Icon style={{ color, fontSize: 18 }} aria-label={mark} data-status={status} />
    </Tooltip>
  );
}

function useConditionFormat() {
  const { t, i18n } = useTranslation();
  return (c: AssessedCondition, which: 'value' | 'threshold') => {
    const v = c[which];
    if (v === null || v === undefined) return t('common.none');
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (typeof v === 'string') return c.code === 'innovationScore' ? `${v} ${t('enterprises.assessment.points_')}` : v;
    if (PERCENT_CODES.includes(c.code)) return `${v}%`;
    if (MONEY_CODES.includes(c.code)) return formatMoney(v, moneyLang(i18n.language));
    if (c.code === 'registeredOneYear') return `${formatInt(v)} ${t('enterprises.assessment.days')}`;
    if (c.code === 'staffLimit') return `${formatInt(v)} ${t('enterprises.stats.persons')}`;
    if (c.code === 'innovationScore' || c.code === 'score') return `${v} ${t('enterprises.assessment.points_')}`;
    return formatInt(v);
  };
}

function ConditionsTable({ conditions }: { conditions: AssessedCondition[] }) {
  const { t } = useTranslation();
  const format = useConditionFormat();
  const columns: ColumnsType<AssessedCondition> = [
    { title: t('enterprises.assessment.result'), dataIndex: 'status', width: 64, align: 'center', render: (_, c) => <StatusIcon status={c.status} /> },
    { title: t('enterprises.assessment.condition'), dataIndex: 'code', width: 170, render: (_, c) => <Typography.Text strong>{t(`enterprises.assessment.cond.${c.code}`, { defaultValue: c.code })}</Typography.Text> },
    { title: t('enterprises.assessment.value'), dataIndex: 'value', width: 160, render: (_, c) => format(c, 'value') },
    {
      title: t('enterprises.assessment.threshold'),
      dataIndex: 'threshold',
      width: 170,
      ellipsis: { showTitle: true },
      render: (_, c) => format(c, 'threshold'),
    },
    { title: t('enterprises.assessment.message'), dataIndex: 'message', width: 300 },
  ];
  return (
    <Table<AssessedCondition>
      rowKey="code"
      size="small"
      columns={columns}
      dataSource={conditions}
      pagination={false}
      // on a phone the table scrolls sideways rather than squeezing the sentence into a column of single characters
      scroll={{ x: 760 }}
      rowClassName={(c) => `condition-${c.status}`}
    />
  );
}

function Lacking({ conditions }: { conditions: AssessedCondition[] }) {
  const { t } = useTranslation();
  const open = conditions.filter((c) => c.status !== 'met');
  if (open.length === 0) return <Alert type="success" showIcon message={t('enterprises.assessment.allMet')} style={{ marginBottom: 12 }} />;
  const items = open.map((c) => t(`enterprises.assessment.cond.${c.code}`, { defaultValue: c.code })).join(t('enterprises.assessment.separator'));
  return <Alert type={open.some((c) => c.status === 'failed') ? 'error' : 'warning'} showIcon message={t('enterprises.assessment.lacking', { items })} style={{ marginBottom: 12 }} />;
}

function EligibleTag({ value }: { value: 'yes' | 'no' | 'uncertain' }) {
  const { t } = useTranslation();
  const color = value === 'yes' ? 'success' : value === 'no' ? 'error' : 'warning';
  return (
    <Tag color={color} style={{ fontSize: 14, padding: '2px 10px' }}>
      {t(`enterprises.assessment.eligible.${value}`)}
    </Tag>
  );
}

function PartsTable({ rows }: { rows: { key: string; label: string; text: string; full: number }[] }) {
  return (
    <Descriptions bordered size="small" column={rows.length > 4 ? { xs: 1, sm: 2, xxl: 4 } : { xs: 1, sm: rows.length }}>
      {rows.map((r) => (
        <Descriptions.Item key={r.key} label={r.label}>
          <span style={{ whiteSpace: 'nowrap' }}>
            <Typography.Text strong>{r.text}</Typography.Text> / {r.full}
          </span>
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

function ScorePanel({ title, value, color, help, tag, rows }: { title: string; value: string; color?: string; help: string; tag?: ReactNode; rows: Parameters<typeof PartsTable>[0]['rows'] }) {
  return (
    <Card size="small" type="inner" title={title} style={{ marginTop: 16 }}>
      <Row gutter={24} align="middle">
        <Col xs={24} lg={6}>
          <Space align="baseline" wrap>
            <Statistic value={value} valueStyle={{ color }} />
            {tag}
          </Space>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
            {help}
          </Typography.Paragraph>
        </Col>
        <Col xs={24} lg={18}>
          <PartsTable rows={rows} />
        </Col>
      </Row>
    </Card>
  );
}

function HighTechCard({ a }: { a: EnterpriseAssessment['highTech'] }) {
  const { t } = useTranslation();
  const parts = Object.entries(a.score.parts).map(([key, range]) => ({
    key,
    label: t(`enterprises.assessment.hightechParts.${key}`, { defaultValue: key }),
    text: range.min === range.max ? String(range.min) : `${range.min}–${range.max}`,
    full: HIGHTECH_FULL[key] ?? 0,
  }));
  const scoreText =
    a.score.min === a.score.max ? t('enterprises.assessment.scoreExact', { score: a.score.min }) : t('enterprises.assessment.scoreRange', { min: a.score.min, max: a.score.max });
  return (
    <Card title={t('enterprises.assessment.highTech')} extra={<EligibleTag value={a.eligible} />} data-testid="assessment-hightech">
      <Lacking conditions={a.conditions} />
      <ConditionsTable conditions={a.conditions} />
      <ScorePanel
        title={t('enterprises.assessment.score')}
        value={scoreText}
        color={a.score.min >= 71 ? '#389e0d' : a.score.max < 71 ? '#cf1322' : '#d48806'}
        help={t('enterprises.assessment.scoreHelp')}
        rows={parts}
      />
    </Card>
  );
}

function TechSmeCard({ a }: { a: EnterpriseAssessment['techSme'] }) {
  const { t } = useTranslation();
  const parts = Object.entries(a.parts).map(([key, points]) => ({
    key,
    label: t(`enterprises.assessment.techSmeParts.${key}`, { defaultValue: key }),
    text: String(points),
    full: TECHSME_FULL[key] ?? 0,
  }));
  return (
    <Card title={t('enterprises.assessment.techSme')} extra={<EligibleTag value={a.eligible} />} data-testid="assessment-techsme">
      <Lacking conditions={a.conditions} />
      <ConditionsTable conditions={a.conditions} />
      <ScorePanel
        title={t('enterprises.assessment.techSmeScore')}
        value={t('enterprises.assessment.scoreExact', { score: a.score })}
        help={t('enterprises.assessment.techSmeHelp')}
        tag={a.path ? <Tag color="blue">{a.path === 'direct' ? t('enterprises.assessment.pathDirect') : t('enterprises.assessment.pathScore')}</Tag> : undefined}
        rows={parts}
      />
    </Card>
  );
}

function RdDeductionCard({ a }: { a: EnterpriseAssessment['rdDeduction'] }) {
  const { t, i18n } = useTranslation();
  // the one money format (万元, two decimals), as the statistics table and the sentence below print it
  const money = (v: number) => formatMoney(v, moneyLang(i18n.language));
  return (
    <Card
      title={t('enterprises.assessment.rdDeduction')}
      extra={<EligibleTag value={a.eligible ? 'yes' : 'no'} />}
      data-testid="assessment-rd"
    >
      <Row gutter={[24, 16]}>
        <Col xs={12} lg={3}>
          <Statistic title={t('enterprises.assessment.rdYear')} value={a.year ?? t('common.none')} groupSeparator="" />
        </Col>
        <Col xs={12} lg={6}>
          <Statistic title={t('enterprises.assessment.rdExpense')} value={money(a.rdExpense)} valueStyle={{ fontSize: 20 }} />
        </Col>
        <Col xs={12} lg={6}>
          <Statistic title={t('enterprises.assessment.extraDeduction')} value={money(a.extraDeduction)} valueStyle={{ fontSize: 20 }} />
        </Col>
        <Col xs={12} lg={3}>
          <Statistic title={t('enterprises.assessment.taxRate')} value={Math.round(a.taxRate * 100)} suffix="%" />
        </Col>
        <Col xs={24} lg={6}>
          <Statistic title={t('enterprises.assessment.taxSaved')} value={money(a.taxSaved)} valueStyle={{ color: '#389e0d', fontSize: 20 }} />
        </Col>
      </Row>
      <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>{a.message}</Typography.Paragraph>
    </Card>
  );
}

/** 资格评估: 高企 and 科小 condition by condition with what is still lacking, the scores, the 加计扣除 estimate. */
export default function AssessmentTab({ enterpriseId }: { enterpriseId: number }) {
  const { t, i18n } = useTranslation();
  const [asOf, setAsOf] = useState<Dayjs>(() => dayjs());
  const date = asOf.format('YYYY-MM-DD');
  const assessment = useQuery({
    queryKey: ['enterprise', enterpriseId, 'assessment', date],
    queryFn: () => enterpriseApi.assessment(enterpriseId, date),
    placeholderData: (previous) => previous,
  });

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Text>{t('enterprises.assessment.asOf')}</Typography.Text>
        <DatePicker
          value={asOf}
          allowClear={false}
          onChange={(value) => value && setAsOf(value)}
          disabledDate={(d) => d.isBefore('2017-05-03')}
          aria-label={t('enterprises.assessment.asOf')}
        />
        <Typography.Text type="secondary">{t('enterprises.assessment.asOfHelp')}</Typography.Text>
        {assessment.isFetching && <Spin size="small" />}
      </Space>
      {assessment.isError && <Alert type="error" showIcon message={t('enterprises.assessment.failedLoad', { message: (assessment.error as Error).message })} />}
      {assessment.isPending && <Spin style={{ display: 'block', margin: '48px auto' }} />}
      {assessment.data && (
        <>
          <HighTechCard a={assessment.data.highTech} />
          <TechSmeCard a={assessment.data.techSme} />
          <RdDeductionCard a={assessment.data.rdDeduction} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('enterprises.assessment.ruleSets', { list: assessment.data.ruleSets.map((id) => ruleSetTitle(id, moneyLang(i18n.language))).join(t('enterprises.assessment.separator')) })}
          </Typography.Text>
        </>
      )}
      {!assessment.data && !assessment.isPending && !assessment.isError && <Empty />}
    </Space>
  );
}

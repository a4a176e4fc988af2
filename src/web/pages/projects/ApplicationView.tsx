// One application as staff and its applicant read it: the facts, members, partners, budget table,
// task contract, funding tranches and the TIMELINE of every transition.
import { Descriptions, Empty, Space, Steps, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { BUDGET_CATEGORIES, type ApplicationDetail, type BudgetLine } from './api';
import { ApplicationTimeline, STAGE_KEYS, StatusTag, chinaTime, fieldLabel, stageOf, useMoney, wanText } from './shared';

/** The budget by the usual cost categories: own funds and requested, in 万元, with totals. */
export function BudgetTable({ lines }: { lines: BudgetLine[] }) {
  const { t } = useTranslation();
  const byCategory = new Map(lines.map((l) => [l.category, l]));
  const rows = BUDGET_CATEGORIES.filter((c) => byCategory.has(c)).map((c) => byCategory.get(c)!);
  if (!rows.length) return <Typography.Text type="secondary">{t('projects.app.noBudget')}</Typography.Text>;
  const own = rows.reduce((s, l) => s + l.own, 0);
  const requested = rows.reduce((s, l) => s + l.requested, 0);
  return (
    <Table<BudgetLine> size="small" rowKey="category" pagination={false} dataSource={rows}
      columns={[
        { title: t('projects.app.budgetCategory'), dataIndex: 'category', render: (c) => t(`projects.budget.${c}`) },
        { title: t('projects.app.ownWan'), dataIndex: 'own', align: 'right', width: 110, render: (v) => wanText(v) },
        { title: t('projects.app.requestedWan'), dataIndex: 'requested', align: 'right', width: 110, render: (v) => wanText(v) },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}><Typography.Text strong>{t('projects.app.total')}</Typography.Text></Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right"><Typography.Text strong>{wanText(own)}</Typography.Text></Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right"><Typography.Text strong>{wanText(requested)}</Typography.Text></Table.Summary.Cell>
        </Table.Summary.Row>
      )} />
  );
}

/** Where the application stands on its road: 申报 → 形式审查 → 评审 → 立项 → 执行 → 验收. */
export function ApplicationSteps({ status }: { status: ApplicationDetail['status'] }) {
  const { t } = useTranslation();
  const { current, failed } = stageOf(status);
  return (
    <Steps size="small" current={current} status={failed ? 'error' : current === STAGE_KEYS.length - 1 ? 'finish' : 'process'} style={{ marginBottom: 16 }}
      items={STAGE_KEYS.map((k) => ({ title: t(`projects.stage.${k}`) }))} />
  );
}

export default function ApplicationView({ app, staff }: { app: ApplicationDetail; staff: boolean }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const H = ({ children }: { children: string }) => <Typography.Title level={5} style={{ marginTop: 20 }}>{children}</Typography.Title>;
  return (
    <div data-testid="application-view">
      <ApplicationSteps status={app.status} />
      <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2 }}>
        <Descriptions.Item label={t('projects.app.call')} span={2}>{app.callTitle}</Descriptions.Item>
        <Descriptions.Item label={t('projects.app.org')}>{app.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('projects.app.region')}>{app.regionName}</Descriptions.Item>
        <Descriptions.Item label={t('projects.app.field')}>{fieldLabel(app.field, i18n.language)}</Descriptions.Item>
        <Descriptions.Item label={t('projects.app.status')}><StatusTag status={app.status} /></Descriptions.Item>
        <Descriptions.Item label={t('projects.app.requested')}>{money(app.requestedAmount)}</Descriptions.Item>
        <Descriptions.Item label={t('projects.app.ownFunds')}>{money(app.ownFunds)}</Descriptions.Item>
        <Descriptions.Item label={t('projects.app.submittedAt')}>{chinaTime(app.submittedAt)}</Descriptions.Item>
        {staff && <Descriptions.Item label={t('projects.app.score')}>{app.meanScore ?? '—'}{app.reviewsAssigned ? `（${t('projects.app.reviewsOf', { done: app.reviewsSubmitted, all: app.reviewsAssigned })}）` : ''}</Descriptions.Item>}
        {app.approvedAmount != null && <Descriptions.Item label={t('projects.app.approved')}>{money(app.approvedAmount)}</Descriptions.Item>}
        {app.approvedAmount != null && <Descriptions.Item label={t('projects.app.paid')}>{money(app.paid)}</Descriptions.Item>}
        {app.noticeFrom && <Descriptions.Item label={t('projects.app.notice')}>{app.noticeFrom} ~ {app.noticeUntil}</Descriptions.Item>}
        {app.acceptance && <Descriptions.Item label={t('projects.app.acceptance')}>{t(`projects.acceptance.${app.acceptance}`)}</Descriptions.Item>}
        {app.needsRecommendation && <Descriptions.Item label={t('projects.app.recommendation')}>{t('projects.app.needsRecommendation')}</Descriptions.Item>}
      </Descriptions>

      <H>{t('projects.app.summary')}</H>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{app.summary || '—'}</Typography.Paragraph>

      <H>{t('projects.app.members')}</H>
      {app.members.length ? (
        <Table size="small" rowKey={(m) => `${m.name}-${m.role}`} pagination={false} dataSource={app.members} scroll={{ x: 'max-content' }}
          columns={[
            { title: t('projects.app.memberName'), dataIndex: 'name' },
            { title: t('projects.app.memberRole'), dataIndex: 'role' },
            { title: t('projects.app.memberOrg'), dataIndex: 'orgName' },
            { title: t('projects.app.memberId'), dataIndex: 'idNumber', render: (v) => v ?? '—' },
          ]} />
      ) : <Typography.Text type="secondary">—</Typography.Text>}

      <H>{t('projects.app.partners')}</H>
      {app.partners.length ? <Space wrap>{app.partners.map((p) => <Tag key={p.id}>{p.name}</Tag>)}</Space> : <Typography.Text type="secondary">—</Typography.Text>}

      <H>{t('projects.app.budget')}</H>
      <BudgetTable lines={app.budget ?? []} />

      {app.contract && (
        <>
          <H>{t('projects.app.contract')}</H>
          <Descriptions size="small" bordered column={1}>
            <Descriptions.Item label={t('projects.app.contractPeriod')}>{app.contract.startOn} ~ {app.contract.endOn}</Descriptions.Item>
            <Descriptions.Item label={t('projects.app.targets')}><span style={{ whiteSpace: 'pre-wrap' }}>{app.contract.targets}</span></Descriptions.Item>
          </Descriptions>
        </>
      )}

      {app.tranches.length > 0 && (
        <>
          <H>{t('projects.app.tranches')}</H>
          <Table size="small" rowKey="id" pagination={false} dataSource={app.tranches}
            columns={[
              { title: t('projects.app.paidOn'), dataIndex: 'paidOn', width: 120 },
              { title: t('projects.app.amountWan'), dataIndex: 'amount', align: 'right', width: 120, render: (v) => wanText(v) },
              { title: t('projects.app.note'), dataIndex: 'note' },
            ]} />
        </>
      )}

      <H>{t('projects.app.timeline')}</H>
      {app.timeline.length ? <ApplicationTimeline events={app.timeline} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
    </div>
  );
}

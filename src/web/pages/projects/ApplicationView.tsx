// One application as staff and its applicant read it: the facts, members, partners, budget table,
// task contract, funding tranches and the TIMELINE of every transition.
import type { ReactNode } from 'react';
import { App, Button, Descriptions, Empty, Grid, Progress, Space, Steps, Table, Tabs, Tag, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { BUDGET_CATEGORIES, projectApi, type ApplicationDetail, type BudgetLine } from './api';
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
        { title: t('projects.app.ownShort'), dataIndex: 'own', align: 'right', width: 92, render: (v) => wanText(v) },
        { title: t('projects.app.requestedShort'), dataIndex: 'requested', align: 'right', width: 92, render: (v) => wanText(v) },
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
  const wide = Grid.useBreakpoint().sm ?? true;
  const { current, failed } = stageOf(status);
  const state = failed ? 'error' : current === STAGE_KEYS.length - 1 ? 'finish' : 'process';
  if (!wide) {
    // a phone: the dots only, and the stage in words below
    return (
      <div style={{ marginBottom: 12 }}>
        <Progress steps={STAGE_KEYS.length} percent={Math.round(((current + 1) / STAGE_KEYS.length) * 100)} showInfo={false} size={[36, 6]}
          strokeColor={failed ? '#ff4d4f' : '#1677ff'} aria-label={t(`projects.stage.${STAGE_KEYS[current]}`)} />
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('projects.app.stageOf', { n: current + 1, all: STAGE_KEYS.length, stage: t(`projects.stage.${STAGE_KEYS[current]}`) })}</Typography.Text></div>
      </div>
    );
  }
  // titles under the icons: seven stages keep their whole names in a drawer
  return <Steps size="small" labelPlacement="vertical" current={current} status={state} style={{ marginBottom: 16 }} items={STAGE_KEYS.map((k) => ({ title: t(`projects.stage.${k}`) }))} />;
}

/** The application as a printable Word document, and the 验收意见 once the acceptance is done. */
export function ApplicationDocuments({ app }: { app: ApplicationDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const get = (what: 'print' | 'acceptance') => projectApi.document(app.id, what).catch((e: Error) => message.error(e.message));
  return (
    <Space size={4} wrap>
      <Button size="small" icon={<FileWordOutlined />} onClick={() => get('print')} data-testid="print-application">{t('projects.app.print')}</Button>
      {app.acceptance && <Button size="small" icon={<FileWordOutlined />} onClick={() => get('acceptance')}>{t('projects.app.acceptanceDoc')}</Button>}
    </Space>
  );
}

export interface ExtraTab { key: string; label: string; children: ReactNode }

/**
 * The application: where it stands, the key facts, then tabs — its timeline, what was applied for
 * (summary, members, partners, budget), the contract and tranches once there are any, and what
 * the caller adds (the experts, for the bureau).
 */
export default function ApplicationView({ app, staff, defaultTab = 'timeline', extraTabs = [] }: {
  app: ApplicationDetail; staff: boolean; defaultTab?: string; extraTabs?: ExtraTab[];
}) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const wide = Grid.useBreakpoint().md ?? true;
  const H = ({ children, first }: { children: string; first?: boolean }) => <Typography.Title level={5} style={{ marginTop: first ? 0 : 20 }}>{children}</Typography.Title>;
  const executing = !!app.contract || app.tranches.length > 0;
  return (
    <div data-testid="application-view">
      <ApplicationSteps status={app.status} />
      <Descriptions size="small" bordered={wide} column={{ xs: 1, sm: 1, md: 2 }}>
        <Descriptions.Item label={t('projects.app.call')} span={wide ? 2 : 1}>{app.callTitle}</Descriptions.Item>
        <Descriptions.Item label={t('projects.app.org')}>{app.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('projects.app.region')}>{app.regionName}</Descriptions.Item>
        <Descriptions.Item label={t('projects.app.field')}>{fieldLabel(app.field, i18n.language)}</Descriptions.Item>
        <Descriptions.Item label={t('projects.app.status')}><StatusTag status={app.status} /></Descriptions.Item>
        <Descriptions.Item label={t('projects.app.requested')}>{money(app.requestedAmount)}</Descriptions.Item>
        <Descriptions.Item label={t('projects.app.ownFunds')}>{money(app.ownFunds)}</Descriptions.Item>
        <Descriptions.Item label={t('projects.app.submittedAt')}>{chinaTime(app.submittedAt)}</Descriptions.Item>
        {staff && <Descriptions.Item label={t('projects.app.score')}>{app.meanScore ?? '—'}{app.reviewsAssigned ? ` ${t('projects.app.reviewsOf', { done: app.reviewsSubmitted, all: app.reviewsAssigned })}` : ''}</Descriptions.Item>}
        {app.approvedAmount != null && <Descriptions.Item label={t('projects.app.approved')}>{money(app.approvedAmount)}</Descriptions.Item>}
        {app.approvedAmount != null && <Descriptions.Item label={t('projects.app.paid')}>{money(app.paid)}</Descriptions.Item>}
        {app.noticeFrom && <Descriptions.Item label={t('projects.app.notice')}>{app.noticeFrom} ~ {app.noticeUntil}</Descriptions.Item>}
        {app.acceptance && <Descriptions.Item label={t('projects.app.acceptance')}>{t(`projects.acceptance.${app.acceptance}`)}</Descriptions.Item>}
        {app.needsRecommendation && <Descriptions.Item label={t('projects.app.recommendation')}>{t('projects.app.needsRecommendation')}</Descriptions.Item>}
      </Descriptions>

      <Tabs style={{ marginTop: 12 }} defaultActiveKey={defaultTab} items={[
        { key: 'timeline', label: t('projects.app.timeline'),
          children: app.timeline.length ? <ApplicationTimeline events={app.timeline} tranches={app.tranches} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> },
        ...extraTabs,
        { key: 'details', label: t('projects.app.content'), children: (
          <>
            <H first>{t('projects.app.summary')}</H>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{app.summary || '—'}</Typography.Paragraph>
            <H>{t('projects.app.members')}</H>
            {app.members.length ? (
              <Table size="small" rowKey={(m, i) => `${i}-${m.name}`} pagination={false} dataSource={app.members} scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('projects.app.memberName'), dataIndex: 'name' },
                  { title: t('projects.app.memberRole'), dataIndex: 'role' },
                  { title: t('projects.app.memberOrg'), dataIndex: 'orgName' },
                  { title: t('projects.app.memberId'), dataIndex: 'idNumber', render: (v) => v ?? '—' },
                ]} />
            ) : <Typography.Text type="secondary">—</Typography.Text>}
            <H>{t('projects.app.partners')}</H>
            {app.partners.length ? <Space wrap>{app.partners.map((p) => <Tag key={p.id}>{p.name}</Tag>)}</Space> : <Typography.Text type="secondary">—</Typography.Text>}
            <H>{t('projects.app.budgetWan')}</H>
            <BudgetTable lines={app.budget ?? []} />
          </>
        ) },
        ...(executing ? [{ key: 'execution', label: t('projects.app.execution'), children: (
          <>
            {app.contract && (
              <>
                <H first>{t('projects.app.contract')}</H>
                <Descriptions size="small" bordered column={1}>
                  <Descriptions.Item label={t('projects.app.contractPeriod')}>{app.contract.startOn} ~ {app.contract.endOn}</Descriptions.Item>
                  <Descriptions.Item label={t('projects.app.targets')}><span style={{ whiteSpace: 'pre-wrap' }}>{app.contract.targets}</span></Descriptions.Item>
                </Descriptions>
              </>
            )}
            {app.tranches.length > 0 && (
              <>
                <H first={!app.contract}>{t('projects.app.tranches')}</H>
                <Table size="small" rowKey="id" pagination={false} dataSource={app.tranches}
                  columns={[
                    { title: t('projects.app.paidOn'), dataIndex: 'paidOn', width: 110 },
                    { title: t('projects.app.amountWan'), dataIndex: 'amount', align: 'right', width: 110, render: (v) => wanText(v) },
                    { title: t('projects.app.note'), dataIndex: 'note' },
                  ]} />
              </>
            )}
          </>
        ) }] : []),
      ]} />
    </div>
  );
}

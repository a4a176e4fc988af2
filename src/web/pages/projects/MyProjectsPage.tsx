// 我的项目 (enterprises and institutions): the open calls the organisation may apply to, its
// applications with their state, and one application with its TIMELINE (?application=<id>, where
// the notifications link). Drafts and returned applications are changed and submitted here;
// an application not yet past formal check can be withdrawn.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Drawer, Empty, Input, List, Modal, Popconfirm, Row, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import { useLinkedId } from '../../components/useLinkedId';
import ApplicationForm from './ApplicationForm';
import ApplicationView, { ApplicationDocuments } from './ApplicationView';
import { projectApi, type ApplicationDetail, type ApplicationSummary, type Call } from './api';
import { CallStateTag, FROM_MD, StatusTag, chinaTime, useApiError, useMoney, useWide, wanText } from './shared';

const EDITABLE = ['draft', 'returned'];
const WITHDRAWABLE = ['submitted', 'recommended', 'returned'];

export default function MyProjectsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const money = useMoney();
  const client = useQueryClient();
  const onError = useApiError();
  const [openId, setOpenId] = useLinkedId('application');
  const [form, setForm] = useState<{ call?: Call; app?: ApplicationDetail } | null>(null);
  const [withdrawNote, setWithdrawNote] = useState('');
  const wide = useWide();
  const calls = useQuery({ queryKey: ['projects', 'calls', 'open'], queryFn: () => projectApi.calls({ state: 'open' }) });
  const mine = useQuery({ queryKey: ['projects', 'applications', 'mine'], queryFn: () => projectApi.applications({ pageSize: 100, sort: '-submittedAt' }) });
  const detail = useQuery({ queryKey: ['projects', 'application', openId], queryFn: () => projectApi.application(openId!), enabled: openId !== null });
  const kind = user?.role;
  const open = (calls.data?.items ?? []).filter((c) => c.state === 'open' && (!kind || c.eligibleKinds.includes(kind as 'enterprise' | 'institution')));
  const reload = () => client.invalidateQueries({ queryKey: ['projects'] });

  const submit = async (a: Pick<ApplicationSummary, 'id' | 'title'>) => {
    try { await projectApi.submit(a.id); message.success(t('projects.mine.submitted')); void reload(); } catch (error) {
      if (error instanceof Error && (error as { code?: string }).code === 'CALL_CLOSED') Modal.error({ title: t('projects.mine.closedTitle'), content: error.message });
      else onError(error);
    }
  };
  const withdraw = async (a: Pick<ApplicationSummary, 'id'>) => {
    try { await projectApi.withdraw(a.id, withdrawNote.trim() || undefined); message.success(t('projects.mine.withdrawn')); setWithdrawNote(''); void reload(); } catch (error) { onError(error); }
  };
  const edit = async (id: number) => {
    try { setForm({ app: await client.fetchQuery({ queryKey: ['projects', 'application', id], queryFn: () => projectApi.application(id) }) }); } catch (error) { onError(error); }
  };
  const actions = (a: ApplicationSummary) => (
    <Space size={8} wrap>
      {EDITABLE.includes(a.status) && a.callState === 'open' && <a onClick={() => edit(a.id)}>{t('projects.mine.editAction')}</a>}
      {EDITABLE.includes(a.status) && a.callState === 'open' && (
        <Popconfirm title={t('projects.mine.submitConfirm', { title: a.title })} onConfirm={() => submit(a)}><a data-testid={`submit-${a.id}`}>{t('projects.mine.submit')}</a></Popconfirm>
      )}
      {WITHDRAWABLE.includes(a.status) && (
        <Popconfirm title={<Space direction="vertical"><span>{t('projects.mine.withdrawConfirm')}</span>
          <Input size="small" placeholder={t('projects.mine.withdrawReason')} value={withdrawNote} onChange={(e) => setWithdrawNote(e.target.value)} /></Space>}
          onConfirm={() => withdraw(a)}><a>{t('projects.mine.withdraw')}</a></Popconfirm>
      )}
    </Space>
  );

  // what the drawer of an application offers: in its header on a desk, above its content on a phone
  const drawerExtra = detail.data && (
    <Space wrap>{detail.data.status === 'returned' && <Tag color="warning">{t('projects.mine.returnedHint')}</Tag>}{actions(detail.data)}<ApplicationDocuments app={detail.data} /></Space>
  );

  return (
    <AppPage>
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card size="small" title={t('projects.mine.openCalls')}>
            <List<Call> loading={calls.isLoading} dataSource={open} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.mine.noOpenCalls')} /> }}
              renderItem={(c) => (
                <List.Item data-testid="open-call" actions={[<Button key="apply" type="primary" onClick={() => setForm({ call: c })} data-testid={`apply-${c.id}`}>{t('projects.mine.apply')}</Button>]}>
                  <List.Item.Meta title={<Space size={6} wrap><span>{c.title}</span><CallStateTag state={c.state} /></Space>}
                    description={
                      <Space direction="vertical" size={0}>
                        <Typography.Text type="secondary">{c.programmeName} · {c.regionName}</Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('projects.mine.closesAt', { at: chinaTime(c.closesAt) })} · {t('projects.mine.budgetIs', { budget: money(c.budget) })}</Typography.Text>
                        {c.guide && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true, symbol: t('projects.mine.more') }} style={{ margin: 0, fontSize: 12 }}>{c.guide}</Typography.Paragraph>}
                      </Space>
                    } />
                </List.Item>
              )} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('projects.mine.myApplications')}>
            <Table<ApplicationSummary> rowKey="id" size="middle" loading={mine.isLoading} dataSource={mine.data?.items ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={wide ? { x: 'max-content' } : undefined} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.mine.none')} /> }}
              columns={[
                { title: t('projects.app.title'), dataIndex: 'title', render: (v, a) => (
                  <div style={{ minWidth: wide ? 160 : 0, maxWidth: 360 }}>
                    <a onClick={() => setOpenId(a.id)} data-testid={`my-application-${a.id}`}>{v}</a>
                    <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{a.callTitle}</Typography.Text></div>
                  </div>
                ) },
                { title: t('projects.app.status'), dataIndex: 'status', width: 110, render: (s) => <StatusTag status={s} /> },
                { title: t('projects.app.requestedWan'), dataIndex: 'requestedAmount', width: 110, align: 'right', responsive: FROM_MD, render: (v) => wanText(v) },
                { title: t('projects.app.submittedAt'), dataIndex: 'submittedAt', width: 140, responsive: FROM_MD, render: (v) => chinaTime(v) },
                { title: t('common.actions'), key: 'actions', width: wide ? 150 : 80, render: (_, a) => actions(a) },
              ]} />
          </Card>
        </Col>
      </Row>

      <Drawer open={openId !== null} onClose={() => setOpenId(null)} width={820} destroyOnHidden title={detail.data?.title}
        extra={wide && drawerExtra}>
        {!wide && drawerExtra && <div style={{ marginBottom: 12 }}>{drawerExtra}</div>}
        {detail.isError && <Alert type="error" showIcon message={(detail.error as Error).message} />}
        {detail.data && <ApplicationView app={detail.data} staff={false} />}
      </Drawer>

      <ApplicationForm open={!!form} call={form?.call} app={form?.app} onClose={() => setForm(null)}
        onSaved={(id, submitted) => { setForm(null); void reload(); if (submitted) setOpenId(id); }} />
    </AppPage>
  );
}

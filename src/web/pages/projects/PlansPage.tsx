// 计划与指南: the bureau's programmes (科技计划) and their calls (申报指南) by year and state; a new
// programme; a new or changed draft call; publish a draft, close a published call, open its board.
import { useState } from 'react';
import { ModalForm, ProFormSelect, ProFormText, ProFormTextArea, ProFormTreeSelect } from '@ant-design/pro-components';
import { App, Button, Card, Col, Input, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import { useScopedRegions } from '../../components/useRegions';
import CallForm from './CallForm';
import { CALL_STATES, PROGRAMME_LEVELS, projectApi, type Call, type ProgrammeLevel } from './api';
import { CallStateTag, FROM_MD, chinaTime, useApiError, useWide, wanText } from './shared';

export default function PlansPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const client = useQueryClient();
  const onError = useApiError();
  const regions = useScopedRegions();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [state, setState] = useState<string | undefined>(undefined);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<{ call?: Call } | null>(null);
  const wide = useWide();
  const programmes = useQuery({ queryKey: ['projects', 'programmes'], queryFn: projectApi.programmes });
  const calls = useQuery({ queryKey: ['projects', 'calls', { year, state, q }], queryFn: () => projectApi.calls({ year, state, q: q || undefined }) });
  const reload = () => client.invalidateQueries({ queryKey: ['projects'] });

  const act = async (call: Call, action: 'publish' | 'close') => {
    try {
      await (action === 'publish' ? projectApi.publishCall(call.id) : projectApi.closeCall(call.id));
      message.success(t(action === 'publish' ? 'projects.call.published' : 'projects.call.closed', { title: call.title }));
      void reload();
    } catch (error) { onError(error); }
  };

  return (
    <AppPage extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} disabled={!programmes.data?.items.length}>{t('projects.call.create')}</Button>}>
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card title={t('projects.programme.title')} size="small"
            extra={
              <ModalForm<{ name: string; level: ProgrammeLevel; regionCode: string; description?: string }>
                title={t('projects.programme.create')} width={520} modalProps={{ destroyOnHidden: true }}
                trigger={<Button size="small" icon={<PlusOutlined />}>{t('projects.programme.create')}</Button>}
                initialValues={{ level: 'city', regionCode: user?.regionCode ?? undefined }}
                onFinish={async (v) => {
                  try {
                    await projectApi.createProgramme({ ...v, name: v.name.trim() });
                    message.success(t('projects.programme.created', { name: v.name }));
                    void reload();
                    return true;
                  } catch (error) { return onError(error); }
                }}>
                <ProFormText name="name" label={t('projects.programme.name')} rules={[{ required: true, whitespace: true, max: 60 }]} placeholder={t('projects.programme.namePlaceholder')} />
                <ProFormSelect name="level" label={t('projects.programme.level')} rules={[{ required: true }]}
                  options={PROGRAMME_LEVELS.map((l) => ({ value: l, label: t(`projects.level.${l}`) }))} />
                <ProFormTreeSelect name="regionCode" label={t('projects.programme.region')} rules={[{ required: true }]}
                  fieldProps={{ treeData: regions.scopedOptions, showSearch: true, treeNodeFilterProp: 'title', treeDefaultExpandAll: true }} />
                <ProFormTextArea name="description" label={t('projects.programme.description')} fieldProps={{ maxLength: 2000, rows: 3 }} />
              </ModalForm>
            }>
            <Table rowKey="id" size="small" loading={programmes.isLoading} dataSource={programmes.data?.items ?? []} pagination={false} scroll={{ x: 'max-content' }}
              columns={[
                { title: t('projects.programme.name'), dataIndex: 'name', render: (v, p) => <><Typography.Text strong>{v}</Typography.Text>{p.description && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.description}</Typography.Text></div>}</> },
                { title: t('projects.programme.level'), dataIndex: 'level', width: 90, render: (l) => <Tag>{t(`projects.level.${l}`)}</Tag> },
                { title: t('projects.programme.region'), dataIndex: 'regionName', width: 110 },
                { title: t('projects.programme.calls'), dataIndex: 'calls', width: 90, align: 'right' },
              ]} />
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('projects.call.listTitle')} size="small"
            extra={
              <Space wrap>
                <Select aria-label={t('projects.call.year')} allowClear placeholder={t('projects.call.allYears')} style={{ width: 110 }} value={year} onChange={setYear}
                  options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: String(y) }))} />
                <Select aria-label={t('projects.call.state')} allowClear placeholder={t('projects.call.allStates')} style={{ width: 110 }} value={state} onChange={setState}
                  options={CALL_STATES.map((s) => ({ value: s, label: t(`projects.callState.${s}`) }))} />
                <Input.Search allowClear placeholder={t('projects.call.search')} style={{ width: 180 }} onSearch={setQ} />
              </Space>
            }>
            <Table<Call> rowKey="id" size="small" loading={calls.isLoading} dataSource={calls.data?.items ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={wide ? { x: 900 } : undefined}
              columns={[
                { title: t('projects.call.title'), dataIndex: 'title', render: (v, c) => <><Link to={`/projects/calls/${c.id}`}>{v}</Link><div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.programmeName} · {c.regionName}</Typography.Text></div></> },
                { title: t('projects.call.year'), dataIndex: 'year', width: 70, responsive: FROM_MD },
                { title: t('projects.call.period'), width: 190, responsive: FROM_MD, render: (_, c) => <span style={{ fontSize: 12 }}>{chinaTime(c.opensAt)}<br />{chinaTime(c.closesAt)}</span> },
                { title: t('projects.call.budgetWan'), dataIndex: 'budget', width: 120, align: 'right', responsive: FROM_MD, render: (v) => wanText(v) },
                { title: t('projects.call.state'), dataIndex: 'state', width: 90, render: (s) => <CallStateTag state={s} /> },
                { title: t('projects.call.applications'), dataIndex: 'applications', width: 80, align: 'right', responsive: FROM_MD, render: (v) => v ?? '—' },
                {
                  title: t('common.actions'), key: 'actions', width: wide ? 170 : 90, fixed: wide ? 'right' : undefined,
                  render: (_, c) => (
                    <Space size={8} wrap>
                      {c.status === 'draft' && <a onClick={() => setEditing({ call: c })}>{t('projects.call.editAction')}</a>}
                      {c.status === 'draft' && (
                        <Popconfirm title={t('projects.call.publishConfirm', { title: c.title })} onConfirm={() => act(c, 'publish')}>
                          <a>{t('projects.call.publish')}</a>
                        </Popconfirm>
                      )}
                      {c.status === 'published' && (
                        <Popconfirm title={t('projects.call.closeConfirm', { title: c.title })} onConfirm={() => act(c, 'close')}>
                          <a>{t('projects.call.close')}</a>
                        </Popconfirm>
                      )}
                      {c.status !== 'draft' && <Link to={`/projects/calls/${c.id}`}>{t('projects.call.board')}</Link>}
                    </Space>
                  ),
                },
              ]} />
          </Card>
        </Col>
      </Row>
      <CallForm open={!!editing} call={editing?.call} programmes={programmes.data?.items ?? []} onClose={() => setEditing(null)}
        onSaved={() => { message.success(t('projects.call.saved')); setEditing(null); void reload(); }} />
    </AppPage>
  );
}

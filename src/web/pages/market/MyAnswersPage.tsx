// 我的答题: the answers an organisation or expert gave to demands (?answer=<id>, where the
// notifications link), with their state; one submitted is changed, given files or withdrawn.
import { useState } from 'react';
import { App, Button, Card, Drawer, Empty, List, Popconfirm, Space, Table, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import AppPage from '../../components/AppPage';
import { useLinkedId } from '../../components/useLinkedId';
import AnswerForm from './AnswerForm';
import { answerApi, type Answer } from './api';
import { AnswerStatusTag, chinaTime, useApiError, useMoney, useWide } from './shared';

export default function MyAnswersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const onError = useApiError();
  const wide = useWide();
  const client = useQueryClient();
  const [openId, setOpenId] = useLinkedId('answer');
  const [editing, setEditing] = useState<Answer | null>(null);
  const list = useQuery({ queryKey: ['market', 'answers', 'mine'], queryFn: () => answerApi.list({ mine: 'true', pageSize: 100 }) });
  const detail = useQuery({ queryKey: ['market', 'answer', openId], queryFn: () => answerApi.get(openId!), enabled: openId !== null });
  const a = detail.data;
  const reload = () => client.invalidateQueries({ queryKey: ['market'] });
  return (
    <AppPage>
      <Card size="small">
        <Table<Answer> rowKey="id" size="middle" loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={wide ? { x: 'max-content' } : undefined} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('market.answer.none')} /> }}
          columns={[
            { title: t('market.answer.demand'), dataIndex: 'demandTitle', render: (v, x) => (
              <div style={{ maxWidth: 420 }}><a onClick={() => setOpenId(x.id)}>{v}</a>
                <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.demandOrgName}</Typography.Text></div></div>
            ) },
            { title: t('market.common.status'), dataIndex: 'status', width: 100, render: (s) => <AnswerStatusTag status={s} /> },
            { title: t('market.answer.priceWan'), dataIndex: 'price', width: 130, align: 'right', responsive: ['md'], render: (v) => (v == null ? '—' : money(v)) },
            { title: t('market.common.updatedAt'), dataIndex: 'updatedAt', width: 150, responsive: ['md'], render: (v) => chinaTime(v) },
          ]} />
      </Card>
      <Drawer open={openId !== null} onClose={() => setOpenId(null)} width={720} destroyOnHidden title={a?.demandTitle}>
        {a && (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              <AnswerStatusTag status={a.status} />
              <Link to={`/market/demands?demand=${a.demandId}`}>{t('market.answer.demand')}</Link>
              {a.status === 'submitted' && <Button size="small" onClick={() => setEditing(a)}>{t('market.answer.update')}</Button>}
              {['submitted', 'shortlisted'].includes(a.status) && (
                <Popconfirm title={t('market.answer.withdrawConfirm')} onConfirm={async () => { try { await answerApi.withdraw(a.id); message.success(t('market.answer.withdrawn')); await reload(); } catch (error) { onError(error); } }}>
                  <Button size="small" danger>{t('market.answer.withdraw')}</Button>
                </Popconfirm>
              )}
            </Space>
            <Typography.Title level={5}>{t('market.answer.proposal')}</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.proposal}</Typography.Paragraph>
            {a.plan && <><Typography.Title level={5}>{t('market.answer.plan')}</Typography.Title><Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.plan}</Typography.Paragraph></>}
            <Typography.Paragraph>{t('market.answer.priceWan')}：{a.price == null ? '—' : money(a.price)} · {t('market.answer.durationMonths')}：{a.durationMonths ?? '—'}</Typography.Paragraph>
            {a.decisionNote && <Typography.Paragraph type="secondary">{t('market.answer.decisionNote')}：{a.decisionNote}</Typography.Paragraph>}
            <Typography.Title level={5}>{t('market.answer.files')}</Typography.Title>
            <List size="small" dataSource={a.attachments} locale={{ emptyText: '—' }}
              renderItem={(f) => <List.Item><a onClick={() => answerApi.file(a.id, f.id, f.fileName).catch(onError)}><PaperClipOutlined /> {f.fileName}</a></List.Item>} />
            {a.status === 'submitted' && (
              <Upload accept=".pdf" showUploadList={false} beforeUpload={(file) => {
                answerApi.attach(a.id, file).then(() => { message.success(t('market.answer.fileAdded')); return detail.refetch(); }).catch(onError);
                return false;
              }}><Button icon={<UploadOutlined />} style={{ marginTop: 8 }}>{t('market.answer.addFile')}</Button></Upload>
            )}
          </>
        )}
      </Drawer>
      <AnswerForm open={!!editing} answer={editing ?? undefined} onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); message.success(t('market.common.saved')); void reload(); }} />
    </AppPage>
  );
}

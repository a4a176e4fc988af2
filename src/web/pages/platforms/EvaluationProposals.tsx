// 撤销建议 (staff): the platforms the evaluation proposes to revoke (two 不合格 in a row, or no report
// by the deadline), and the decision, once: revoke the certification or keep it, with a note.
import { useState } from 'react';
import { App, Button, Input, Modal, Space, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApiError, useWide } from '../market/shared';
import { platformEvaluationApi, type Proposal } from './EvaluationApi';

export default function EvaluationProposals() {
  const { t } = useTranslation();
  const wide = useWide();
  const onError = useApiError();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [deciding, setDeciding] = useState<{ p: Proposal; decision: 'revoke' | 'keep' } | null>(null);
  const [note, setNote] = useState('');
  const q = useQuery({ queryKey: ['platform-evaluation', 'proposals'], queryFn: () => platformEvaluationApi.proposals() });
  const decide = async () => {
    if (!deciding) return;
    try {
      await platformEvaluationApi.decide(deciding.p.id, { decision: deciding.decision, note: note.trim() });
      message.success(t('platformEvaluation.evaluation.decided'));
      setDeciding(null); setNote('');
      await client.invalidateQueries({ queryKey: ['platform-evaluation'] });
    } catch (error) { onError(error); }
  };
  return (
    <>
      <Table<Proposal> size="small" rowKey="id" loading={q.isLoading} dataSource={q.data?.items ?? []} pagination={false} scroll={wide ? undefined : { x: 'max-content' }}
        columns={[
          { title: t('platformEvaluation.evaluation.platform'), dataIndex: 'platformName' },
          { title: t('platformEvaluation.evaluation.level'), dataIndex: 'platformLevel', render: (v: string) => t(`platformEvaluation.level.${v}`) },
          { title: t('platformEvaluation.dashboard.region'), dataIndex: 'regionName' },
          { title: t('platformEvaluation.evaluation.yearEvaluated'), dataIndex: 'year' },
          { title: t('platformEvaluation.evaluation.reason'), dataIndex: 'reason', render: (v: string) => <Tag color={v === 'two_failures' ? 'red' : 'orange'}>{t(v === 'two_failures' ? 'platformEvaluation.evaluation.twoFailures' : 'platformEvaluation.evaluation.notReported')}</Tag> },
          { title: t('platformEvaluation.evaluation.status'), dataIndex: 'status', render: (v: string, r) => <>{t(`platformEvaluation.evaluation.statuses.${v}`)}{r.note ? `：${r.note}` : ''}</> },
          { title: '', key: 'actions', render: (_, r) => r.status === 'proposed' && (
            <Space>
              <Button size="small" danger onClick={() => setDeciding({ p: r, decision: 'revoke' })}>{t('platformEvaluation.evaluation.revoke')}</Button>
              <Button size="small" onClick={() => setDeciding({ p: r, decision: 'keep' })}>{t('platformEvaluation.evaluation.keep')}</Button>
            </Space>) },
        ]} />
      <Modal open={!!deciding} title={deciding ? `${t(`platformEvaluation.evaluation.${deciding.decision}`)}：${deciding.p.platformName}` : ''}
        okButtonProps={{ disabled: !note.trim(), danger: deciding?.decision === 'revoke' }} onOk={decide} onCancel={() => setDeciding(null)}>
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('platformEvaluation.evaluation.note')} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </>
  );
}

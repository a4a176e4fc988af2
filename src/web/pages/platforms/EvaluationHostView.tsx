// 年度绩效报告 of a host organisation: its certified platforms with the round covering each, and the
// year's report — the figures on the type's metrics, a narrative and files — saved as a draft and
// submitted once before the deadline; then its state and, once rated, the rating.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Empty, Form, Input, InputNumber, List, Popconfirm, Space, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApiError, useLang, useWide } from '../market/shared';
import { platformEvaluationApi, type MyPlatform } from './EvaluationApi';
import { RatingTag, useFigure } from './EvaluationReportDrawer';

function ReportForm({ platform, onClose }: { platform: MyPlatform; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const figure = useFigure();
  const onError = useApiError();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ figures: Record<string, number>; narrative: string }>();
  const [reportId, setReportId] = useState(platform.report?.id ?? null);
  const schemes = useQuery({ queryKey: ['platform-evaluation', 'schemes'], queryFn: () => platformEvaluationApi.schemes() });
  const report = useQuery({ queryKey: ['platform-evaluation', 'report', reportId], queryFn: () => platformEvaluationApi.report(reportId!), enabled: reportId != null });
  const metrics = report.data?.metrics ?? schemes.data?.items.find((s) => s.type === platform.type)?.metrics ?? [];
  const editable = !report.data || report.data.status === 'draft';
  useEffect(() => { if (report.data) form.setFieldsValue({ figures: report.data.figures, narrative: report.data.narrative }); }, [report.data, form]);
  const save = async () => {
    const v = form.getFieldsValue();
    const figures = Object.fromEntries(Object.entries(v.figures ?? {}).filter(([, x]) => x != null)) as Record<string, number>;
    const r = await platformEvaluationApi.saveReport({ platformId: platform.id, year: platform.round!.year, figures, narrative: v.narrative ?? '' });
    setReportId(r.id);
    await client.invalidateQueries({ queryKey: ['platform-evaluation'] });
    return r;
  };
  const run = async (submit: boolean) => {
    try {
      if (submit) await form.validateFields();
      const r = await save();
      if (submit) await platformEvaluationApi.submitReport(r.id);
      message.success(t(submit ? 'platformEvaluation.host.submitted' : 'platformEvaluation.host.saved'));
      await client.invalidateQueries({ queryKey: ['platform-evaluation'] });
      if (submit) onClose();
    } catch (error) { onError(error, form); }
  };
  return (
    <Form form={form} layout="vertical" disabled={!editable} name="platform-report">
      {metrics.map((m) => (
        <Form.Item key={m.code} name={['figures', m.code]} label={`${lang === 'en' ? m.nameEn : m.nameZh}（${lang === 'en' ? m.unitEn : m.unitZh}）`} rules={[{ required: true }]}
          extra={m.kind === 'money' ? figure(m, form.getFieldValue(['figures', m.code])) : undefined}>
          <InputNumber min={0} style={{ width: 200 }} />
        </Form.Item>
      ))}
      <Form.Item name="narrative" label={t('platformEvaluation.evaluation.narrative')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={6} maxLength={20000} /></Form.Item>
      {reportId && (
        <Form.Item label={t('platformEvaluation.evaluation.files')}>
          {report.data?.attachments.map((f) => <div key={f.id}><a href={`/api/v1/platform-reports/${reportId}/attachments/${f.id}`}>{f.fileName}</a></div>)}
          {editable && (
            <Upload showUploadList={false} customRequest={async ({ file, onSuccess, onError: fail }) => {
              try { await platformEvaluationApi.attach(reportId, file as File); await report.refetch(); onSuccess?.({}); } catch (error) { onError(error); fail?.(error as Error); }
            }}><Button icon={<UploadOutlined />}>{t('platformEvaluation.host.upload')}</Button></Upload>
          )}
        </Form.Item>
      )}
      {editable && (
        <Space wrap>
          <Button onClick={() => run(false)}>{t('platformEvaluation.host.saveDraft')}</Button>
          <Popconfirm title={t('platformEvaluation.host.submitConfirm')} onConfirm={() => run(true)}><Button type="primary">{t('platformEvaluation.host.submit')}</Button></Popconfirm>
        </Space>
      )}
    </Form>
  );
}

export default function EvaluationHostView() {
  const { t } = useTranslation();
  const wide = useWide();
  const [editing, setEditing] = useState<MyPlatform | null>(null);
  const q = useQuery({ queryKey: ['platform-evaluation', 'mine'], queryFn: () => platformEvaluationApi.mine() });
  if (q.data && !q.data.items.length) return <Empty description={t('platformEvaluation.host.none')} />;
  return (
    <>
      <List loading={q.isLoading} dataSource={q.data?.items ?? []} grid={{ gutter: 16, xs: 1, md: 2 }} renderItem={(p) => {
        const r = p.report;
        const due = p.round?.status === 'open' && (!r || r.status === 'draft');
        return (
          <List.Item>
            <Card size="small" title={p.name} extra={p.status === 'rectifying' && <Tag color="orange">{t('platformEvaluation.host.rectifying')}</Tag>}>
              {!p.round ? <Typography.Text type="secondary">{t('platformEvaluation.host.noRound')}</Typography.Text> : (
                <Space direction="vertical">
                  <span>{t('platformEvaluation.host.round', { year: p.round.year, deadline: p.round.deadline })}</span>
                  <span>{t('platformEvaluation.evaluation.status')}：{r ? t(`platformEvaluation.evaluation.statuses.${r.status}`) : t('platformEvaluation.host.notStarted')}
                    {r?.score != null && ` · ${r.score}`} {r?.rating && <RatingTag r={{ rating: r.rating, grades: null }} />}</span>
                  {due && <Alert type="warning" showIcon message={t('platformEvaluation.host.due', { deadline: p.round.deadline })} />}
                  <Button type={due ? 'primary' : 'default'} onClick={() => setEditing(p)}>{t(due ? 'platformEvaluation.host.write' : 'platformEvaluation.host.view')}</Button>
                </Space>
              )}
            </Card>
          </List.Item>
        );
      }} />
      <Drawer open={!!editing} onClose={() => setEditing(null)} width={wide ? 560 : '100%'} destroyOnClose
        title={editing ? `${editing.name} · ${t('platformEvaluation.dashboard.yearLabel', { year: editing.round?.year })}` : ''}>
        {editing && <ReportForm platform={editing} onClose={() => setEditing(null)} />}
      </Drawer>
    </>
  );
}

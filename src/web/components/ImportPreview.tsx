// Every Excel import in two steps: the file is first sent with ?dryRun=1 and the server answers
// what it would do (rows to add / update, example rows skipped, every problem, whether this very
// file was imported before); only the 确认导入 button imports, sending the previewed hash so a
// changed file is refused. Used inline (enterprise import page) or in a modal (other lists).
import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Modal, Result, Space, Spin, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import type { ImportRowError } from '../api/types';

export interface ImportPreviewData {
  dryRun: true;
  hash: string;
  rows: number;
  create: number;
  update: number;
  skipped: { row: number; reason: string }[];
  problems: ImportRowError[];
  problemCount: number;
  alreadyImported: { at: string; by: string; rows: number } | null;
}

/** Sends the file with the given query string (`dryRun=1`, or `hash=…[&again=1]`). */
export type ImportSender = (file: File, query: string) => Promise<unknown>;

interface PanelProps {
  file: File;
  send: ImportSender;
  /** After a successful import, with the server's answer (created, updated …). */
  onDone?: (result: Record<string, number>) => void;
}

export function ImportPreviewPanel({ file, send, onDone }: PanelProps) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<ImportPreviewData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [again, setAgain] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Record<string, number> | null>(null);

  useEffect(() => {
    let live = true;
    setPreview(null); setError(null); setDone(null); setAgain(false);
    send(file, 'dryRun=1')
      .then((p) => { if (live) setPreview(p as ImportPreviewData); })
      .catch((e) => { if (live) setError(isApiError(e) || e instanceof Error ? e.message : String(e)); });
    return () => { live = false; };
  }, [file, send]);

  const confirm = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const result = (await send(file, `hash=${preview.hash}${again ? '&again=1' : ''}`)) as Record<string, number>;
      setDone(result);
      onDone?.(result);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!preview) return <Spin tip={t('importFlow.checking')}><div style={{ height: 80 }} /></Spin>;
  if (done) {
    return <Result status="success" style={{ padding: '16px 0' }}
      title={t('importFlow.done', { created: done.created ?? 0, updated: done.updated ?? 0 })} />;
  }

  const columns: ColumnsType<ImportRowError> = [
    { title: t('importFlow.row'), dataIndex: 'row', width: 72 },
    { title: t('importFlow.column'), dataIndex: 'column', width: 160 },
    { title: t('importFlow.value'), dataIndex: 'value', width: 180, ellipsis: true,
      render: (v: string) => (v ? <Typography.Text code>{v}</Typography.Text> : '—') },
    { title: t('importFlow.reason'), dataIndex: 'message' },
  ];
  const blocked = preview.problemCount > 0 || preview.rows === 0 || (!!preview.alreadyImported && !again);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="import-preview">
      <Typography.Text type="secondary">{t('importFlow.previewOf', { name: file.name })}</Typography.Text>
      <Space size={32} wrap>
        <Statistic title={t('importFlow.rows')} value={preview.rows} />
        <Statistic title={t('importFlow.create')} value={preview.create} valueStyle={{ color: '#389e0d' }} />
        <Statistic title={t('importFlow.update')} value={preview.update} valueStyle={{ color: '#d48806' }} />
        <Statistic title={t('importFlow.problems')} value={preview.problemCount} valueStyle={preview.problemCount ? { color: '#cf1322' } : undefined} />
      </Space>
      {preview.skipped.length > 0 && (
        <Alert type="info" showIcon message={t('importFlow.skippedExamples', { count: preview.skipped.length, rows: preview.skipped.map((s) => s.row).join('、') })} />
      )}
      {preview.rows === 0 && preview.problemCount === 0 && <Alert type="warning" showIcon message={t('importFlow.empty')} />}
      {preview.alreadyImported && (
        <Alert type="warning" showIcon
          message={t('importFlow.duplicate', { at: new Date(preview.alreadyImported.at).toLocaleString(), by: preview.alreadyImported.by })}
          description={<Checkbox checked={again} onChange={(e) => setAgain(e.target.checked)}>{t('importFlow.importAgain')}</Checkbox>} />
      )}
      {preview.problemCount > 0 && (
        <>
          <Alert type="error" showIcon message={t('importFlow.hasProblems', { count: preview.problemCount })} />
          <Table<ImportRowError> rowKey={(r, i) => `${r.row}-${r.column}-${i}`} size="small" columns={columns} dataSource={preview.problems}
            scroll={{ x: 560 }} pagination={{ defaultPageSize: 10, showSizeChanger: true }} />
        </>
      )}
      <Button type="primary" icon={<CheckOutlined />} loading={busy} disabled={blocked} onClick={confirm} data-testid="import-confirm">
        {t('importFlow.confirm', { create: preview.create, update: preview.update })}
      </Button>
    </Space>
  );
}

/** The same flow in a modal, for list pages whose import is a button. */
export function ImportPreviewModal({ file, send, onDone, onClose, title }: Omit<PanelProps, 'file'> & { file: File | null; onClose: () => void; title: string }) {
  return (
    <Modal open={!!file} title={title} onCancel={onClose} footer={null} width={720} destroyOnClose>
      {file && <ImportPreviewPanel file={file} send={send} onDone={onDone} />}
    </Modal>
  );
}

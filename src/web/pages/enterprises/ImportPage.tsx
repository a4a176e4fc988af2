import { useState } from 'react';
import { Alert, App, Button, Card, Radio, Result, Space, Table, Typography, Upload, type UploadFile } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError, type EnterpriseImportKind, type ImportProblem, type ImportResult } from '../../api';
import AppPage from '../../components/AppPage';
import { enterpriseApi } from './api';

/** 导入: 企业名册 or 年度统计 from the Excel template; all rows or none, every bad cell listed. */
export default function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<EnterpriseImportKind>('enterprises');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problems, setProblems] = useState<ImportProblem[] | null>(null);

  const reset = () => {
    setResult(null);
    setProblems(null);
  };

  const template = async () => {
    setDownloading(true);
    try {
      await enterpriseApi.template(kind);
    } catch (error) {
      message.error(isApiError(error) ? error.message : String(error));
    } finally {
      setDownloading(false);
    }
  };

  const run = async () => {
    if (!file) {
      message.warning(t('enterprises.import.fileRequired'));
      return;
    }
    setBusy(true);
    reset();
    try {
      setResult(await enterpriseApi.import(kind, file));
      void queryClient.invalidateQueries({ queryKey: ['enterprise'] });
      void queryClient.invalidateQueries({ queryKey: ['enterprises'] });
    } catch (error) {
      if (isApiError(error) && error.rows?.length) setProblems(error.rows as unknown as ImportProblem[]);
      else message.error(isApiError(error) ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const columns: ColumnsType<ImportProblem> = [
    { title: t('enterprises.import.row'), dataIndex: 'row', width: 80, sorter: (a, b) => a.row - b.row, defaultSortOrder: 'ascend' },
    { title: t('enterprises.import.column'), dataIndex: 'column', width: 220 },
    { title: t('enterprises.import.value'), dataIndex: 'value', width: 240, ellipsis: true, render: (v: string) => (v ? <Typography.Text code>{v}</Typography.Text> : t('common.none')) },
    { title: t('enterprises.import.reason'), dataIndex: 'message' },
  ];

  const fileList: UploadFile[] = file ? [{ uid: 'file', name: file.name, status: 'done', size: file.size }] : [];

  return (
    <AppPage>
      <Card>
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Space wrap size={16}>
            <Typography.Text strong>{t('enterprises.import.kind')}</Typography.Text>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as EnterpriseImportKind);
                reset();
              }}
              options={[
                { value: 'enterprises', label: t('enterprises.import.kindEnterprises') },
                { value: 'statistics', label: t('enterprises.import.kindStatistics') },
              ]}
            />
            <Button icon={<DownloadOutlined />} loading={downloading} onClick={template}>
              {t('enterprises.import.template')}
            </Button>
          </Space>
          <Alert
            type="info"
            showIcon
            message={kind === 'enterprises' ? t('enterprises.import.helpEnterprises') : t('enterprises.import.helpStatistics')}
            description={t('enterprises.import.allOrNothing')}
          />
          <Upload.Dragger
            accept=".xlsx"
            maxCount={1}
            fileList={fileList}
            beforeUpload={(f) => {
              setFile(f);
              reset();
              return false;
            }}
            onRemove={() => {
              setFile(null);
              reset();
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('enterprises.import.fileHint')}</p>
          </Upload.Dragger>
          <Button type="primary" icon={<UploadOutlined />} loading={busy} disabled={!file} onClick={run}>
            {busy ? t('enterprises.import.importing') : t('enterprises.import.start')}
          </Button>
          {result && <Result status="success" title={t('enterprises.import.done', { ...result })} style={{ padding: '24px 0' }} />}
          {problems && (
            <>
              <Alert type="error" showIcon message={t('enterprises.import.failed', { count: problems.length })} />
              <Table<ImportProblem>
                rowKey={(r, index) => `${r.row}-${r.column}-${index}`}
                size="small"
                columns={columns}
                dataSource={problems}
                pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
              />
            </>
          )}
        </Space>
      </Card>
    </AppPage>
  );
}

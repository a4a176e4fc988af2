import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, Radio, Space, Typography, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError, type EnterpriseImportKind } from '../../api';
import AppPage from '../../components/AppPage';
import { ImportPreviewPanel } from '../../components/ImportPreview';
import { enterpriseApi } from './api';

/**
 * 导入: 企业名册 or 年度统计 from the Excel template. Choosing a file previews it (rows to add /
 * update, every bad cell, a file imported before); only 确认导入 writes, all rows or none.
 */
export default function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<EnterpriseImportKind>('enterprises');
  const [file, setFile] = useState<File | null>(null);
  const [downloading, setDownloading] = useState(false);

  const send = useCallback((f: File, query: string) => enterpriseApi.import(kind, f, query), [kind]);

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

  const imported = () => {
    void queryClient.invalidateQueries({ queryKey: ['enterprise'] });
    void queryClient.invalidateQueries({ queryKey: ['enterprises'] });
  };

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
                setFile(null);
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
              return false;
            }}
            onRemove={() => {
              setFile(null);
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('enterprises.import.fileHint')}</p>
          </Upload.Dragger>
          {file ? <ImportPreviewPanel key={`${kind}-${file.name}-${file.lastModified}`} file={file} send={send} onDone={imported} />
            : <Typography.Text type="secondary">{t('enterprises.import.fileRequired')}</Typography.Text>}
        </Space>
      </Card>
    </AppPage>
  );
}

// 附件: upload files to a saved policy and remove them (POST / DELETE /policies/:id/attachments).
import { useState } from 'react';
import { App, Button, List, Popconfirm, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { API_BASE, isApiError } from '../../api/client';
import { policyApi, type PolicyDetail } from './api';

export default function AttachmentsEditor({ policy }: { policy: PolicyDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);

  const refresh = (saved: PolicyDetail) => {
    // the attachment list only: the form's other fields keep what the user typed
    client.setQueryData(['policy', String(policy.id)], (old: PolicyDetail | undefined) => (old ? { ...old, attachments: saved.attachments } : saved));
  };
  const upload = async (file: File) => {
    setBusy(true);
    try {
      refresh(await policyApi.addAttachment(policy.id, file));
      message.success(t('policies.attachmentUploaded', { name: file.name }));
    } catch (e) {
      message.error(isApiError(e) ? e.message : String(e));
    } finally {
      setBusy(false);
    }
    return false;
  };
  const remove = async (attachmentId: number) => {
    try {
      refresh(await policyApi.removeAttachment(policy.id, attachmentId));
      message.success(t('policies.attachmentRemoved'));
    } catch (e) {
      message.error(isApiError(e) ? e.message : String(e));
    }
  };

  return (
    <>
      <Upload showUploadList={false} beforeUpload={upload} multiple>
        <Button icon={<UploadOutlined />} loading={busy} data-testid="attachment-upload">{t('policies.uploadAttachment')}</Button>
      </Upload>
      <List size="small" style={{ marginTop: 8 }} dataSource={policy.attachments} locale={{ emptyText: t('policies.noAttachments') }}
        renderItem={(a) => (
          <List.Item actions={[
            <Popconfirm key="remove" title={t('policies.removeAttachmentConfirm', { name: a.fileName })} onConfirm={() => remove(a.id)}>
              <Typography.Link type="danger">{t('policies.remove')}</Typography.Link>
            </Popconfirm>,
          ]}>
            <span data-testid="attachment"><PaperClipOutlined /> <a href={`${API_BASE}/policies/${policy.id}/attachments/${a.id}`}>{a.fileName}</a>{' '}
              <Typography.Text type="secondary">({Math.ceil(a.size / 1024)} KB)</Typography.Text></span>
          </List.Item>
        )} />
    </>
  );
}

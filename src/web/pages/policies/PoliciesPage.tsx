// 政策库: search with facets; staff add, import, export, compile a booklet 汇编成册 and publish portal
// notices; admins keep the category dictionary.
import { useRef, useState } from 'react';
import { Button, Form, Input, Modal, Space, Upload } from 'antd';
import { BookOutlined, DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ListQuery } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import { ImportPreviewModal } from '../../components/ImportPreview';
import { policyApi } from './api';
import PolicySearchView from './PolicySearchView';
import { CategoriesButton, PublishNoticeButton, SynonymsButton } from './PolicyAdminTools';

export default function PoliciesPage() {
  const { t } = useTranslation();
  const { access, user } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<number[]>([]);
  const [bookletOpen, setBookletOpen] = useState(false);
  const lastQuery = useRef<ListQuery>({});
  const [form] = Form.useForm<{ title: string; compiler?: string }>();

  // choosing a file opens its preview; the import itself waits for 确认导入 there
  const [importing, setImporting] = useState<File | null>(null);
  const importFile = (file: File) => {
    setImporting(file);
    return false;
  };

  const compile = async () => {
    const v = await form.validateFields();
    const { page: _p, pageSize: _s, ...search } = lastQuery.current;
    await policyApi.booklet(selected.length ? { ids: selected, ...v } : { search, ...v });
    setBookletOpen(false);
  };

  return (
    <AppPage extra={access.canEditPolicies ? (
      <Space wrap>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/policies/new')}>{t('policies.new')}</Button>
        <Upload accept=".xlsx" showUploadList={false} beforeUpload={importFile}><Button icon={<ImportOutlined />}>{t('policies.import')}</Button></Upload>
        <ImportPreviewModal file={importing} send={policyApi.import} title={t('policies.import')} onClose={() => setImporting(null)}
          onDone={() => void queryClient.invalidateQueries({ queryKey: ['policies'] })} />
        <Button type="link" onClick={() => policyApi.template()}>{t('policies.template')}</Button>
        <Button icon={<BookOutlined />} onClick={() => { form.setFieldsValue({ title: t('policies.bookletDefaultTitle') }); setBookletOpen(true); }} data-testid="booklet-button">
          {selected.length ? t('policies.bookletSelected', { count: selected.length }) : t('policies.bookletSearch')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => policyApi.export(lastQuery.current)}>{t('common.export')}</Button>
        <PublishNoticeButton />
        {user?.role === 'admin' && <CategoriesButton />}
        <SynonymsButton />
      </Space>
    ) : undefined}>
      <PolicySearchView queryKey="policies" search={policyApi.search} detailPath={(id) => `/policies/${id}`} selectable={access.canEditPolicies}
        selected={selected} onSelect={setSelected} onQuery={(q) => { lastQuery.current = q; }} />
      <Modal open={bookletOpen} title={t('policies.booklet')} onOk={compile} onCancel={() => setBookletOpen(false)} okText={t('policies.bookletDownload')}>
        <Form form={form} layout="vertical">
          <Form.Item name="title" label={t('policies.bookletTitle')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="compiler" label={t('policies.bookletCompiler')}><Input maxLength={100} placeholder={t('policies.bookletCompilerHint')} /></Form.Item>
        </Form>
        {t(selected.length ? 'policies.bookletFromSelection' : 'policies.bookletFromSearch', { count: selected.length })}
      </Modal>
    </AppPage>
  );
}

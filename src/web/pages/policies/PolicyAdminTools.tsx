// Tools of the policy list page: the category dictionary 分类字典 (admin; GET and PUT
// /policies/categories), the search synonym dictionary 同义词词典 (staff read; admins and provincial
// staff change; /policies/synonyms) and publishing a notice 通知公告 to the public portal (staff; POST /portal/notices).
import { useRef, useState } from 'react';
import {
  ModalForm, ProFormDatePicker, ProFormDigit, ProFormSelect, ProFormSwitch, ProFormText, ProFormTextArea, ProFormTreeSelect, ProTable,
  type ActionType, type ProColumns, type ProFormInstance,
} from '@ant-design/pro-components';
import { App, Button, Modal, Tag } from 'antd';
import { NotificationOutlined, PlusOutlined, ReadOutlined, TagsOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { applyFieldErrors } from '../../components/rules';
import { useScopedRegions } from '../../components/useRegions';
import { policyApi, portalApi, type Category, type SynonymGroup } from './api';

const CATEGORY_CODE = /^[a-z][a-z0-9_]{1,39}$/;

function CategoryForm({ category, onSaved }: { category?: Category; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formRef = useRef<ProFormInstance<Category>>(undefined);
  return (
    <ModalForm<Category>
      title={t(category ? 'policies.categoryDict.edit' : 'policies.categoryDict.add')}
      formRef={formRef}
      width={480}
      modalProps={{ destroyOnHidden: true }}
      trigger={category
        ? <a data-testid={`category-edit-${category.code}`}>{t('policies.edit')}</a>
        : <Button type="primary" icon={<PlusOutlined />}>{t('policies.categoryDict.add')}</Button>}
      initialValues={category ?? { sort: 100, active: true }}
      onFinish={async (values) => {
        try {
          await policyApi.saveCategory({ ...values, code: category?.code ?? values.code.trim(), nameEn: values.nameEn ?? '', version: category?.version });
          message.success(t('policies.categoryDict.saved'));
          onSaved();
          return true;
        } catch (error) {
          if (!isApiError(error)) throw error;
          if (error.status === 409) {
            // changed or added by someone else meanwhile: say so and show the stored dictionary
            message.error(error.message);
            onSaved();
            return true;
          }
          if (!formRef.current || !applyFieldErrors(formRef.current, error.fields, ['code', 'name', 'nameEn', 'sort', 'active'])) message.error(error.message);
          return false;
        }
      }}
    >
      <ProFormText name="code" label={t('policies.categoryDict.code')} disabled={!!category} extra={t('policies.categoryDict.codeHint')}
        rules={[{ required: true }, { pattern: CATEGORY_CODE, message: t('policies.categoryDict.codeHint') }]} />
      <ProFormText name="name" label={t('policies.categoryDict.name')} rules={[{ required: true, whitespace: true }, { max: 40 }]} />
      <ProFormText name="nameEn" label={t('policies.categoryDict.nameEn')} rules={[{ max: 80 }]} />
      <ProFormDigit name="sort" label={t('policies.categoryDict.sort')} min={0} max={10_000} fieldProps={{ precision: 0 }} extra={t('policies.categoryDict.sortHint')} />
      <ProFormSwitch name="active" label={t('policies.categoryDict.active')} />
    </ModalForm>
  );
}

/** 分类字典: the category dictionary in a table; add, rename, reorder, switch off. */
export function CategoriesButton() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const actionRef = useRef<ActionType>(undefined);
  const saved = () => {
    actionRef.current?.reload();
    client.invalidateQueries({ queryKey: ['policy-categories'] });
  };
  const columns: ProColumns<Category>[] = [
    { title: t('policies.categoryDict.code'), dataIndex: 'code', width: 150 },
    { title: t('policies.categoryDict.name'), dataIndex: 'name' },
    { title: t('policies.categoryDict.nameEn'), dataIndex: 'nameEn', ellipsis: true },
    { title: t('policies.categoryDict.sort'), dataIndex: 'sort', width: 80 },
    { title: t('policies.categoryDict.active'), dataIndex: 'active', width: 90,
      render: (_, c) => <Tag color={c.active ? 'green' : 'default'}>{t(c.active ? 'policies.categoryDict.on' : 'policies.categoryDict.off')}</Tag> },
    { title: t('common.actions'), valueType: 'option', width: 80, render: (_, c) => [<CategoryForm key="edit" category={c} onSaved={saved} />] },
  ];
  return (
    <>
      <Button icon={<TagsOutlined />} onClick={() => setOpen(true)} data-testid="categories-button">{t('policies.categoryDict.button')}</Button>
      <Modal open={open} title={t('policies.categoryDict.title')} width={860} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <ProTable<Category>
          rowKey="code"
          actionRef={actionRef}
          columns={columns}
          search={false}
          pagination={false}
          size="small"
          options={{ reload: true, density: false, setting: false }}
          request={async () => ({ data: (await policyApi.categories()).items, success: true })}
          toolBarRender={() => [<CategoryForm key="add" onSaved={saved} />]}
        />
      </Modal>
    </>
  );
}

interface SynonymInput { terms: string[]; note?: string; active: boolean }

function SynonymForm({ group, onSaved }: { group?: SynonymGroup; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formRef = useRef<ProFormInstance<SynonymInput>>(undefined);
  return (
    <ModalForm<SynonymInput>
      title={t(group ? 'policies.synonyms.edit' : 'policies.synonyms.add')}
      formRef={formRef}
      width={520}
      modalProps={{ destroyOnHidden: true }}
      trigger={group
        ? <a data-testid={`synonym-edit-${group.id}`}>{t('policies.edit')}</a>
        : <Button type="primary" icon={<PlusOutlined />} data-testid="synonym-add">{t('policies.synonyms.add')}</Button>}
      initialValues={group ? { terms: group.terms, note: group.note, active: group.active } : { terms: [], active: true }}
      onFinish={async (v) => {
        const body = { terms: v.terms.map((x) => x.trim()).filter(Boolean), note: v.note?.trim() ?? '', active: v.active };
        try {
          if (group) await policyApi.saveSynonym(group.id, { ...body, version: group.version });
          else await policyApi.addSynonym(body);
          message.success(t('policies.synonyms.saved'));
          onSaved();
          return true;
        } catch (error) {
          if (!isApiError(error)) throw error;
          if (error.status === 409) { message.error(error.message); onSaved(); return true; }
          if (!formRef.current || !applyFieldErrors(formRef.current, error.fields, ['terms', 'note', 'active'])) message.error(error.message);
          return false;
        }
      }}
    >
      <ProFormSelect name="terms" label={t('policies.synonyms.terms')} extra={t('policies.synonyms.termsHint')} mode="tags"
        fieldProps={{ tokenSeparators: [',', '，', '、', ' '], open: false }} rules={[{ required: true, type: 'array', min: 2, message: t('policies.synonyms.tooFew') }]} />
      <ProFormText name="note" label={t('policies.synonyms.note')} rules={[{ max: 200 }]} />
      <ProFormSwitch name="active" label={t('policies.synonyms.active')} />
    </ModalForm>
  );
}

/** 同义词词典: the groups search treats as one word (高企 = 高新技术企业). */
export function SynonymsButton() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [open, setOpen] = useState(false);
  const actionRef = useRef<ActionType>(undefined);
  // kept by admins and provincial staff (a province's code ends in 0000): the dictionary serves every region
  const canEdit = user?.role === 'admin' || (user?.role === 'staff' && /0000$/.test(user.regionCode ?? ''));
  const saved = () => actionRef.current?.reload();
  const columns: ProColumns<SynonymGroup>[] = [
    { title: t('policies.synonyms.terms'), dataIndex: 'terms', render: (_, g) => <span data-testid="synonym-terms">{g.terms.map((x) => <Tag key={x}>{x}</Tag>)}</span> },
    { title: t('policies.synonyms.note'), dataIndex: 'note', width: 140, ellipsis: true },
    { title: t('policies.synonyms.active'), dataIndex: 'active', width: 90,
      render: (_, g) => <Tag color={g.active ? 'green' : 'default'}>{t(g.active ? 'policies.categoryDict.on' : 'policies.categoryDict.off')}</Tag> },
    ...(canEdit ? [{ title: t('common.actions'), valueType: 'option' as const, width: 80, render: (_: unknown, g: SynonymGroup) => [<SynonymForm key="edit" group={g} onSaved={saved} />] }] : []),
  ];
  return (
    <>
      <Button icon={<ReadOutlined />} onClick={() => setOpen(true)} data-testid="synonyms-button">{t('policies.synonyms.button')}</Button>
      <Modal open={open} title={t('policies.synonyms.title')} width={860} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <ProTable<SynonymGroup>
          rowKey="id"
          actionRef={actionRef}
          columns={columns}
          search={false}
          pagination={{ pageSize: 50 }}
          size="small"
          headerTitle={canEdit ? undefined : t('policies.synonyms.readOnly')}
          options={{ reload: true, density: false, setting: false }}
          // newest first: the group just added is on the first page
          request={async () => ({ data: (await policyApi.synonyms()).items.sort((a, b) => b.id - a.id), success: true })}
          toolBarRender={() => (canEdit ? [<SynonymForm key="add" onSaved={saved} />] : [])}
        />
      </Modal>
    </>
  );
}

interface NoticeInput { title: string; body?: string; regionCode?: string; publishedOn?: string }

/** 发布公告: a notice on the public portal, for the staff member's region (or one below it). */
export function PublishNoticeButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const regions = useScopedRegions();
  const client = useQueryClient();
  const formRef = useRef<ProFormInstance<NoticeInput>>(undefined);
  return (
    <ModalForm<NoticeInput>
      title={t('policies.notice.publish')}
      formRef={formRef}
      width={640}
      modalProps={{ destroyOnHidden: true }}
      trigger={<Button icon={<NotificationOutlined />} data-testid="notice-publish">{t('policies.notice.publish')}</Button>}
      initialValues={{ regionCode: user?.regionCode ?? undefined, publishedOn: dayjs().format('YYYY-MM-DD') }}
      dateFormatter="string"
      onFinish={async (v) => {
        try {
          await portalApi.publishNotice({ title: v.title.trim(), body: v.body ?? '', regionCode: v.regionCode || null, publishedOn: v.publishedOn || undefined });
          message.success(t('policies.notice.published'));
          client.invalidateQueries({ queryKey: ['portal-notices'] });
          return true;
        } catch (error) {
          if (!isApiError(error)) throw error;
          if (!formRef.current || !applyFieldErrors(formRef.current, error.fields, ['title', 'body', 'regionCode', 'publishedOn'])) message.error(error.message);
          return false;
        }
      }}
    >
      <ProFormText name="title" label={t('policies.notice.title')} rules={[{ required: true, whitespace: true }, { max: 200 }]} />
      <ProFormTextArea name="body" label={t('policies.notice.body')} fieldProps={{ rows: 6, maxLength: 50_000 }} />
      <ProFormTreeSelect name="regionCode" label={t('policies.notice.region')} extra={t('policies.notice.regionHint')}
        fieldProps={{ treeData: regions.scopedOptions, showSearch: true, treeNodeFilterProp: 'title', allowClear: user?.role === 'admin', treeDefaultExpandAll: false }} />
      <ProFormDatePicker name="publishedOn" label={t('policies.notice.publishedOn')} extra={t('policies.notice.publishedOnHint')} />
    </ModalForm>
  );
}

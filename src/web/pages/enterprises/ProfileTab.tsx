import { useRef } from 'react';
import {
  ModalForm,
  ProDescriptions,
  ProFormDatePicker,
  ProFormDependency,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
  type ProFormInstance,
} from '@ant-design/pro-components';
import { App, Button, Space, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { industryDivision, isValidIndustryCode } from '../../../domain/industries';
import { isApiError, type Enterprise, type EnterpriseProfileInput } from '../../api';
import { applyFieldErrors } from '../../components/rules';
import { enterpriseApi } from './api';
import { TierTags, hightechFieldLabel, useDirectQualificationOptions, useHightechFieldOptions } from './shared';

export function industryRule(t: TFunction): Rule {
  return {
    validator: async (_rule, value: string | undefined) => {
      if (value && !isValidIndustryCode(value.trim())) throw new Error(t('enterprises.industryInvalid'));
    },
  };
}

const PROFILE_FIELDS: (keyof EnterpriseProfileInput)[] = [
  'address', 'legalRep', 'foundedOn', 'industryCode', 'hightechField', 'aboveScale', 'ownsCoreIp', 'prohibitedIndustry', 'directQualifications', 'tags',
];

/** Edits the profile with the version it was read at; a concurrent change answers 409 and the page reloads. */
function EditProfileModal({ enterprise, own, onSaved, onStale }: { enterprise: Enterprise; own: boolean; onSaved: (e: Enterprise) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fields = useHightechFieldOptions();
  const direct = useDirectQualificationOptions();
  const formRef = useRef<ProFormInstance<EnterpriseProfileInput>>(undefined);
  return (
    <ModalForm<EnterpriseProfileInput>
      title={t('enterprises.editTitle')}
      name="editEnterprise"
      formRef={formRef}
      width={720}
      grid
      rowProps={{ gutter: 16 }}
      modalProps={{ destroyOnHidden: true }}
      trigger={
        <Button type="primary" icon={<EditOutlined />}>
          {t('enterprises.edit')}
        </Button>
      }
      initialValues={{
        address: enterprise.address ?? undefined,
        legalRep: enterprise.legalRep ?? undefined,
        foundedOn: enterprise.foundedOn ?? undefined,
        industryCode: enterprise.industryCode ?? undefined,
        hightechField: enterprise.hightechField ?? undefined,
        aboveScale: enterprise.aboveScale,
        ownsCoreIp: enterprise.ownsCoreIp,
        prohibitedIndustry: enterprise.prohibitedIndustry,
        directQualifications: enterprise.directQualifications,
        tags: enterprise.tags,
      }}
      onFinish={async (values) => {
        const body: EnterpriseProfileInput & { version: number } = {
          version: enterprise.version,
          address: values.address || null,
          legalRep: values.legalRep || null,
          foundedOn: values.foundedOn || null,
          industryCode: values.industryCode?.trim().toUpperCase() || null,
          hightechField: values.hightechField || null,
          aboveScale: Boolean(values.aboveScale),
          ownsCoreIp: Boolean(values.ownsCoreIp),
          prohibitedIndustry: Boolean(values.prohibitedIndustry),
        };
        if (!own) {
          body.directQualifications = values.directQualifications ?? [];
          body.tags = values.tags ?? [];
        }
        try {
          onSaved(await enterpriseApi.update(enterprise.id, body));
          message.success(t('enterprises.saved'));
          return true;
        } catch (error) {
          if (!isApiError(error)) throw error;
          if (error.code === 'STALE_VERSION') {
            message.error(error.message);
            message.info(t('enterprises.staleReloaded'));
            onStale();
            return true;
          }
          if (!formRef.current || !applyFieldErrors(formRef.current, error.fields, PROFILE_FIELDS)) message.error(error.message);
          return false;
        }
      }}
    >
      <ProFormText name="legalRep" label={t('enterprises.legalRep')} colProps={{ span: 12 }} fieldProps={{ maxLength: 50 }} />
      <ProFormDatePicker name="foundedOn" label={t('enterprises.foundedOn')} colProps={{ span: 12 }} fieldProps={{ style: { width: '100%' } }} />
      <ProFormText name="address" label={t('enterprises.address')} colProps={{ span: 24 }} fieldProps={{ maxLength: 200 }} />
      <ProFormDependency name={['industryCode']}>
        {({ industryCode }) => (
          <ProFormText
            name="industryCode"
            label={t('enterprises.industryCode')}
            colProps={{ span: 12 }}
            extra={industryDivision(industryCode)?.name ?? t('enterprises.industryHelp')}
            rules={[industryRule(t)]}
            fieldProps={{ maxLength: 5 }}
          />
        )}
      </ProFormDependency>
      <ProFormSelect name="hightechField" label={t('enterprises.hightechField')} colProps={{ span: 12 }} options={fields} allowClear />
      <ProFormSwitch name="aboveScale" label={t('enterprises.aboveScale')} colProps={{ span: 8 }} />
      <ProFormSwitch name="ownsCoreIp" label={t('enterprises.ownsCoreIp')} colProps={{ span: 8 }} />
      <ProFormSwitch name="prohibitedIndustry" label={t('enterprises.prohibitedIndustry')} colProps={{ span: 8 }} />
      {!own && (
        <>
          <ProFormSelect name="directQualifications" label={t('enterprises.directQualifications')} colProps={{ span: 24 }} mode="multiple" options={direct} />
          <ProFormSelect name="tags" label={t('enterprises.tags')} colProps={{ span: 24 }} mode="tags" fieldProps={{ tokenSeparators: [',', '，'], placeholder: t('enterprises.tagsPlaceholder') }} />
        </>
      )}
    </ModalForm>
  );
}

/** 基本信息: the profile, and its edit form (an enterprise edits its own, without tags and direct qualifications). */
export default function ProfileTab({ enterprise, own, onSaved, onStale }: { enterprise: Enterprise; own: boolean; onSaved: (e: Enterprise) => void; onStale: () => void }) {
  const { t, i18n } = useTranslation();
  const none = t('common.none');
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  return (
    <ProDescriptions<Enterprise>
      dataSource={enterprise}
      column={{ xs: 1, md: 2, xl: 3 }}
      bordered
      size="small"
      labelStyle={{ width: 150 }}
      extra={<EditProfileModal enterprise={enterprise} own={own} onSaved={onSaved} onStale={onStale} />}
      columns={[
        { title: t('enterprises.name'), dataIndex: 'name', span: 2 },
        { title: t('enterprises.uscc'), dataIndex: 'uscc', render: (_, e) => <span style={{ fontFamily: 'monospace' }}>{e.uscc}</span> },
        { title: t('enterprises.region'), dataIndex: 'regionName' },
        { title: t('enterprises.legalRep'), dataIndex: 'legalRep', render: (_, e) => e.legalRep ?? none },
        { title: t('enterprises.foundedOn'), dataIndex: 'foundedOn', render: (_, e) => e.foundedOn ?? none },
        { title: t('enterprises.address'), dataIndex: 'address', span: 3, render: (_, e) => e.address ?? none },
        {
          title: t('enterprises.industry'),
          dataIndex: 'industryCode',
          span: 2,
          render: (_, e) => (e.industryCode ? `${e.industryCode} ${e.industryName ?? ''}` : none),
        },
        { title: t('enterprises.hightechField'), dataIndex: 'hightechField', render: (_, e) => hightechFieldLabel(e.hightechField, i18n.language) ?? none },
        { title: t('enterprises.aboveScale'), dataIndex: 'aboveScale', render: (_, e) => yesNo(e.aboveScale) },
        { title: t('enterprises.ownsCoreIp'), dataIndex: 'ownsCoreIp', render: (_, e) => yesNo(e.ownsCoreIp) },
        { title: t('enterprises.prohibitedIndustry'), dataIndex: 'prohibitedIndustry', render: (_, e) => yesNo(e.prohibitedIndustry) },
        { title: t('enterprises.contactName'), dataIndex: 'contactName' },
        { title: t('enterprises.contactPhone'), dataIndex: 'contactPhone', render: (_, e) => e.contactPhone ?? none },
        { title: t('enterprises.latestStatYear'), dataIndex: 'latestStatYear', render: (_, e) => e.latestStatYear ?? none },
        { title: t('enterprises.currentTiers'), dataIndex: 'currentTiers', span: 3, render: (_, e) => <TierTags tiers={e.currentTiers} /> },
        {
          title: t('enterprises.directQualifications'),
          dataIndex: 'directQualifications',
          span: 3,
          render: (_, e) =>
            e.directQualifications.length ? (
              <Space size={4} wrap>
                {e.directQualifications.map((code) => (
                  <Tag key={code}>{t(`enterprises.direct.${code}`)}</Tag>
                ))}
              </Space>
            ) : (
              none
            ),
        },
        {
          title: t('enterprises.tags'),
          dataIndex: 'tags',
          span: 3,
          render: (_, e) =>
            e.tags.length ? (
              <Space size={4} wrap>
                {e.tags.map((tag) => (
                  <Tag key={tag}>{tag}</Tag>
                ))}
              </Space>
            ) : (
              none
            ),
        },
      ]}
    />
  );
}

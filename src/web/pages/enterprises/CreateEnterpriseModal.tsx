import { useRef } from 'react';
import {
  ModalForm,
  ProFormDatePicker,
  ProFormDependency,
  ProFormGroup,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
  ProFormTreeSelect,
  type ProFormInstance,
} from '@ant-design/pro-components';
import { App, Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { industryDivision } from '../../../domain/industries';
import { isApiError, type CreateEnterpriseInput } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { applyFieldErrors, phoneRule, usccRule } from '../../components/rules';
import { enterpriseApi } from './api';
import { industryRule } from './ProfileTab';
import { useDirectQualificationOptions, useHightechFieldOptions, useScopedRegions } from './shared';

const FIELDS: (keyof CreateEnterpriseInput)[] = [
  'name', 'uscc', 'regionCode', 'contactName', 'contactPhone', 'address', 'legalRep', 'foundedOn', 'industryCode',
  'hightechField', 'aboveScale', 'ownsCoreIp', 'prohibitedIndustry', 'directQualifications', 'tags',
];

/** 新增企业: USCC and mobile checked with the shared domain rules; the server's field errors land on the form. */
export default function CreateEnterpriseModal({ onCreated }: { onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const regions = useScopedRegions();
  const fields = useHightechFieldOptions();
  const direct = useDirectQualificationOptions();
  const formRef = useRef<ProFormInstance<CreateEnterpriseInput>>(undefined);

  return (
    <ModalForm<CreateEnterpriseInput>
      title={t('enterprises.createTitle')}
      name="createEnterprise"
      formRef={formRef}
      width={720}
      grid
      rowProps={{ gutter: 16 }}
      modalProps={{ destroyOnHidden: true }}
      trigger={
        <Button type="primary" icon={<PlusOutlined />}>
          {t('enterprises.create')}
        </Button>
      }
      initialValues={{ regionCode: user?.role === 'staff' ? user.regionCode ?? undefined : undefined, aboveScale: false, ownsCoreIp: false, prohibitedIndustry: false }}
      onFinish={async (values) => {
        try {
          const created = await enterpriseApi.create({
            ...values,
            name: values.name.trim(),
            uscc: values.uscc.trim().toUpperCase(),
            industryCode: values.industryCode?.trim().toUpperCase() || undefined,
            address: values.address || undefined,
            legalRep: values.legalRep || undefined,
            foundedOn: values.foundedOn || undefined,
            hightechField: values.hightechField || undefined,
          });
          message.success(t('enterprises.created', { name: created.name }));
          onCreated(created.id);
          return true;
        } catch (error) {
          if (!isApiError(error)) throw error;
          if (!formRef.current || !applyFieldErrors(formRef.current, error.fields, FIELDS)) message.error(error.message);
          return false;
        }
      }}
    >
      <ProFormText name="name" label={t('enterprises.name')} colProps={{ span: 24 }} rules={[{ required: true, whitespace: true, message: t('enterprises.nameRequired') }]} fieldProps={{ maxLength: 100 }} />
      <ProFormText
        name="uscc"
        label={t('enterprises.uscc')}
        colProps={{ span: 12 }}
        extra={t('register.usccHelp')}
        rules={[{ required: true, message: t('register.usccRequired') }, usccRule(t)]}
        fieldProps={{ maxLength: 18, style: { fontFamily: 'monospace' } }}
      />
      <ProFormTreeSelect
        name="regionCode"
        label={t('enterprises.region')}
        colProps={{ span: 12 }}
        rules={[{ required: true, message: t('register.regionRequired') }]}
        fieldProps={{ treeData: regions.scopedOptions, showSearch: true, treeNodeFilterProp: 'title', treeDefaultExpandAll: true }}
      />
      <ProFormText name="contactName" label={t('enterprises.contactName')} colProps={{ span: 12 }} rules={[{ required: true, whitespace: true, message: t('enterprises.contactNameRequired') }]} />
      <ProFormText
        name="contactPhone"
        label={t('enterprises.contactPhone')}
        colProps={{ span: 12 }}
        rules={[{ required: true, message: t('enterprises.phoneRequired') }, phoneRule(t)]}
        fieldProps={{ maxLength: 11 }}
      />
      <ProFormText name="legalRep" label={t('enterprises.legalRep')} colProps={{ span: 12 }} />
      <ProFormDatePicker name="foundedOn" label={t('enterprises.foundedOn')} colProps={{ span: 12 }} fieldProps={{ style: { width: '100%' } }} />
      <ProFormText name="address" label={t('enterprises.address')} colProps={{ span: 24 }} />
      <ProFormDependency name={['industryCode']}>
        {({ industryCode }) => (
          <ProFormText
            name="industryCode"
            label={t('enterprises.industryCode')}
            colProps={{ span: 12 }}
            extra={industryDivision(industryCode)?.name ?? t('enterprises.industryHelp')}
            rules={[industryRule(t)]}
            fieldProps={{ maxLength: 5, placeholder: 'C3831' }}
          />
        )}
      </ProFormDependency>
      <ProFormSelect name="hightechField" label={t('enterprises.hightechField')} colProps={{ span: 12 }} options={fields} allowClear />
      <ProFormGroup>
        <ProFormSwitch name="aboveScale" label={t('enterprises.aboveScale')} colProps={{ span: 8 }} />
        <ProFormSwitch name="ownsCoreIp" label={t('enterprises.ownsCoreIp')} colProps={{ span: 8 }} />
        <ProFormSwitch name="prohibitedIndustry" label={t('enterprises.prohibitedIndustry')} colProps={{ span: 8 }} />
      </ProFormGroup>
      <ProFormSelect name="directQualifications" label={t('enterprises.directQualifications')} colProps={{ span: 24 }} mode="multiple" options={direct} />
      <ProFormSelect name="tags" label={t('enterprises.tags')} colProps={{ span: 24 }} mode="tags" fieldProps={{ tokenSeparators: [',', '，'], placeholder: t('enterprises.tagsPlaceholder') }} />
    </ModalForm>
  );
}

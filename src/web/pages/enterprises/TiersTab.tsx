import { useRef } from 'react';
import { ModalForm, ProFormDatePicker, ProFormDependency, ProFormDigit, ProFormSelect, ProFormText, type ProFormInstance } from '@ant-design/pro-components';
import { App, Button, Popconfirm, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { TIERS, isApiError, type Enterprise, type TierRecord } from '../../api';
import { applyFieldErrors } from '../../components/rules';
import { enterpriseApi, type NewTierInput } from './api';
import { TierTag } from './shared';

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function AddTierModal({ enterprise, onSaved }: { enterprise: Enterprise; onSaved: (e: Enterprise) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formRef = useRef<ProFormInstance<NewTierInput>>(undefined);
  return (
    <ModalForm<NewTierInput>
      title={t('enterprises.tiers.addTitle')}
      name="addTier"
      formRef={formRef}
      width={520}
      modalProps={{ destroyOnHidden: true }}
      trigger={
        <Button type="primary" icon={<PlusOutlined />}>
          {t('enterprises.tiers.add')}
        </Button>
      }
      initialValues={{ tier: 'tech_sme', year: new Date().getFullYear() }}
      onFinish={async (values) => {
        try {
          const year = values.tier === 'high_tech' && values.issuedOn ? Number(values.issuedOn.slice(0, 4)) : values.year;
          onSaved(
            await enterpriseApi.addTier(enterprise.id, {
              tier: values.tier,
              year,
              registrationNo: values.tier === 'tech_sme' ? values.registrationNo?.trim() || null : null,
              certificateNo: values.tier === 'high_tech' ? values.certificateNo?.trim() || null : null,
              issuedOn: values.tier === 'high_tech' ? values.issuedOn || null : null,
            }),
          );
          message.success(t('enterprises.tiers.added'));
          return true;
        } catch (error) {
          if (!isApiError(error)) throw error;
          if (!formRef.current || !applyFieldErrors(formRef.current, error.fields, ['tier', 'year', 'registrationNo', 'certificateNo', 'issuedOn'])) {
            message.error(error.message);
          }
          return false;
        }
      }}
    >
      <ProFormSelect
        name="tier"
        label={t('enterprises.tiers.tier')}
        rules={[{ required: true }]}
        allowClear={false}
        options={TIERS.map((tier) => ({ value: tier, label: t(`enterprises.tier.${tier}`) }))}
      />
      <ProFormDependency name={['tier']}>
        {({ tier }) =>
          tier === 'high_tech' ? (
            <>
              <ProFormText name="certificateNo" label={t('enterprises.tiers.certificateNo')} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 50, placeholder: 'GR2025…' }} />
              <ProFormDatePicker
                name="issuedOn"
                label={t('enterprises.tiers.issuedOn')}
                extra={t('enterprises.tiers.certificateHelp')}
                rules={[{ required: true }]}
                fieldProps={{ style: { width: '100%' } }}
              />
            </>
          ) : (
            <>
              <ProFormDigit name="year" label={t('enterprises.tiers.year')} min={2000} max={2100} fieldProps={{ precision: 0 }} rules={[{ required: true }]} />
              {tier === 'tech_sme' && (
                <ProFormText name="registrationNo" label={t('enterprises.tiers.registrationNo')} rules={[{ required: true, whitespace: true }]} fieldProps={{ maxLength: 50 }} />
              )}
            </>
          )
        }
      </ProFormDependency>
    </ModalForm>
  );
}

/** 梯次认定: the tier records; staff add and remove them. */
export default function TiersTab({ enterprise, canManage, onSaved }: { enterprise: Enterprise; canManage: boolean; onSaved: (e: Enterprise) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const none = t('common.none');
  const now = today();

  const remove = async (record: TierRecord) => {
    try {
      onSaved(await enterpriseApi.removeTier(enterprise.id, record.id));
      message.success(t('enterprises.tiers.removed'));
    } catch (error) {
      message.error(isApiError(error) ? error.message : String(error));
    }
  };

  const columns: ColumnsType<TierRecord> = [
    { title: t('enterprises.tiers.tier'), dataIndex: 'tier', width: 200, render: (_, r) => <TierTag tier={r.tier} /> },
    { title: t('enterprises.tiers.year'), dataIndex: 'year', width: 90 },
    { title: t('enterprises.tiers.registrationNo'), dataIndex: 'registrationNo', render: (_, r) => r.registrationNo ?? none },
    { title: t('enterprises.tiers.certificateNo'), dataIndex: 'certificateNo', render: (_, r) => r.certificateNo ?? none },
    { title: t('enterprises.tiers.issuedOn'), dataIndex: 'issuedOn', width: 120, render: (_, r) => r.issuedOn ?? none },
    {
      title: t('enterprises.tiers.validUntil'),
      dataIndex: 'validUntil',
      width: 190,
      render: (_, r) =>
        r.validUntil ? (
          <>
            {r.validUntil}{' '}
            {r.validUntil >= now && (r.issuedOn ?? '') <= now ? (
              <Tag color="success">{t('enterprises.tiers.valid')}</Tag>
            ) : r.validUntil < now ? (
              <Tag>{t('enterprises.tiers.expired')}</Tag>
            ) : null}
          </>
        ) : (
          none
        ),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, r) => (
        <Popconfirm title={t('enterprises.tiers.removeConfirm', { tier: t(`enterprises.tier.${r.tier}`), year: r.year })} okButtonProps={{ danger: true }} onConfirm={() => remove(r)}>
          <a>{t('enterprises.tiers.remove')}</a>
        </Popconfirm>
      ),
    });
  }

  return (
    <>
      {canManage && (
        <div style={{ marginBottom: 12, textAlign: 'right' }}>
          <AddTierModal enterprise={enterprise} onSaved={onSaved} />
        </div>
      )}
      <Table<TierRecord> rowKey="id" size="middle" columns={columns} dataSource={enterprise.tiers} pagination={false} />
    </>
  );
}

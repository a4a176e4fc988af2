import { useRef } from 'react';
import {
  ModalForm,
  ProFormSelect,
  ProFormText,
  ProFormTreeSelect,
  ProTable,
  type ActionType,
  type ProColumns,
  type ProFormInstance,
} from '@ant-design/pro-components';
import { App, Button, Space, Tag, Typography } from 'antd';
import { LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ROLES, USER_STATUSES, isApiError, userApi, type CreateUserInput, type ListQuery, type UserRow } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import { creatableRoles } from '../../access';
import AppPage from '../../components/AppPage';
import ExportButton from '../../components/ExportButton';
import { formatDateTime, toListQuery } from '../../components/listQuery';
import { applyFieldErrors, passwordRule, phoneRule, USERNAME_PATTERN } from '../../components/rules';
import { useRegions } from '../../components/useRegions';

const STATUS_COLORS: Record<string, string> = { active: 'success', pending: 'processing', rejected: 'error', disabled: 'default' };

function CreateUserModal({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const regions = useRegions();
  const formRef = useRef<ProFormInstance<CreateUserInput>>(undefined);
  const roles = creatableRoles(user);

  return (
    <ModalForm<CreateUserInput>
      title={t('users.createTitle')}
      name="createUser"
      formRef={formRef}
      width={560}
      modalProps={{ destroyOnHidden: true }}
      trigger={
        <Button type="primary" icon={<PlusOutlined />}>
          {t('users.create')}
        </Button>
      }
      initialValues={{ role: roles.includes('staff') ? 'staff' : roles[0], regionCode: user?.role === 'staff' ? user.regionCode ?? undefined : undefined }}
      onFinish={async (values) => {
        try {
          await userApi.create({ ...values, username: values.username.trim(), phone: values.phone || undefined, regionCode: values.regionCode || undefined });
          message.success(t('users.created'));
          onCreated();
          return true;
        } catch (error) {
          if (!isApiError(error)) throw error;
          if (!formRef.current || !applyFieldErrors(formRef.current, error.fields, ['username', 'displayName', 'role', 'regionCode', 'phone', 'password'])) {
            message.error(error.message);
          }
          return false;
        }
      }}
    >
      <ProFormText
        name="username"
        label={t('users.username')}
        rules={[
          { required: true, message: t('register.usernameRequired') },
          { pattern: USERNAME_PATTERN, message: t('register.usernameInvalid') },
        ]}
      />
      <ProFormText name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true }]} />
      <ProFormSelect
        name="role"
        label={t('users.role')}
        rules={[{ required: true }]}
        options={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
        allowClear={false}
      />
      <ProFormTreeSelect
        name="regionCode"
        label={t('users.region')}
        dependencies={['role']}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_r, value: string | undefined) => {
              if (!value && getFieldValue('role') === 'staff') throw new Error(t('users.regionRequiredForStaff'));
            },
          }),
        ]}
        fieldProps={{ treeData: regions.options, showSearch: true, treeNodeFilterProp: 'title', allowClear: true, treeDefaultExpandAll: false }}
      />
      <ProFormText name="phone" label={t('users.phone')} rules={[phoneRule(t)]} fieldProps={{ maxLength: 11 }} />
      <ProFormText.Password
        name="password"
        label={t('users.password')}
        extra={t('users.passwordHelp')}
        dependencies={['username']}
        rules={[{ required: true, message: t('register.passwordRequired') }, passwordRule(t, () => formRef.current?.getFieldValue('username'))]}
        fieldProps={{ autoComplete: 'new-password' }}
      />
    </ModalForm>
  );
}

/** 用户管理: server-side filtered, sorted and paged list of accounts. */
export default function UsersPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const { message, modal } = App.useApp();
  const { user: me } = useAuth();
  const regions = useRegions();
  const actionRef = useRef<ActionType>(undefined);
  const lastQuery = useRef<ListQuery>({});

  const toggle = (row: UserRow) => {
    const disabling = row.status !== 'disabled';
    const name = row.displayName || row.username;
    modal.confirm({
      title: disabling ? t('users.disable') : t('users.enable'),
      content: disabling ? t('users.disableConfirm', { name }) : t('users.enableConfirm', { name }),
      okButtonProps: { danger: disabling },
      onOk: async () => {
        try {
          await (disabling ? userApi.disable(row.id) : userApi.enable(row.id));
          message.success(disabling ? t('users.disabled', { name }) : t('users.enabled', { name }));
          actionRef.current?.reload();
        } catch (error) {
          message.error(isApiError(error) ? error.message : String(error));
        }
      },
    });
  };

  const resetPassword = (row: UserRow) => {
    const name = row.displayName || row.username;
    modal.confirm({
      title: t('users.resetPassword'),
      content: t('users.resetConfirm', { name }),
      onOk: async () => {
        try {
          const { temporaryPassword } = await userApi.resetPassword(row.id);
          actionRef.current?.reload();
          modal.success({
            title: t('users.tempPasswordTitle'),
            width: 480,
            content: (
              <>
                <Typography.Paragraph>{t('users.tempPasswordText', { name })}</Typography.Paragraph>
                <Typography.Paragraph copyable={{ text: temporaryPassword }} style={{ fontSize: 20 }}>
                  <Typography.Text code data-testid="temporary-password">
                    {temporaryPassword}
                  </Typography.Text>
                </Typography.Paragraph>
              </>
            ),
          });
        } catch (error) {
          message.error(isApiError(error) ? error.message : String(error));
        }
      },
    });
  };

  const columns: ProColumns<UserRow>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: t('users.keywordPlaceholder') } },
    {
      title: t('users.username'),
      dataIndex: 'username',
      sorter: true,
      hideInSearch: true,
      width: 170,
      render: (_, row) => (
        <div style={{ lineHeight: 1.3 }}>
          <div>{row.username}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.displayName}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('users.role'),
      dataIndex: 'role',
      width: 120,
      valueType: 'select',
      valueEnum: Object.fromEntries(ROLES.map((role) => [role, { text: t(`role.${role}`) }])),
    },
    {
      title: t('users.status'),
      dataIndex: 'status',
      width: 130,
      valueType: 'select',
      valueEnum: Object.fromEntries(USER_STATUSES.map((status) => [status, { text: t(`userStatus.${status}`) }])),
      render: (_, row) => (
        <Space size={4}>
          <Tag color={STATUS_COLORS[row.status]}>{t(`userStatus.${row.status}`)}</Tag>
          {row.locked && (
            <Tag icon={<LockOutlined />} color="warning">
              {t('users.locked')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('users.region'),
      dataIndex: 'regionCode',
      valueType: 'treeSelect',
      width: 100,
      ellipsis: true,
      fieldProps: { treeData: regions.options, showSearch: true, treeNodeFilterProp: 'title' },
      render: (_, row) => row.regionName ?? t('common.none'),
    },
    { title: t('users.org'), dataIndex: 'orgName', hideInSearch: true, ellipsis: true, render: (_, row) => row.orgName ?? t('common.none') },
    { title: t('users.phone'), dataIndex: 'phone', hideInSearch: true, width: 120, render: (_, row) => row.phone ?? t('common.none') },
    { title: t('users.createdAt'), dataIndex: 'createdAt', sorter: true, hideInSearch: true, width: 150, render: (_, row) => formatDateTime(row.createdAt, true) },
    { title: t('users.lastLoginAt'), dataIndex: 'lastLoginAt', sorter: true, hideInSearch: true, width: 150, render: (_, row) => formatDateTime(row.lastLoginAt, true) },
    {
      title: t('common.actions'),
      valueType: 'option',
      fixed: 'right',
      width: 175,
      render: (_, row) =>
        row.id === me?.id
          ? []
          : [
              <a key="toggle" onClick={() => toggle(row)}>
                {row.status === 'disabled' ? t('users.enable') : t('users.disable')}
              </a>,
              <a key="reset" onClick={() => resetPassword(row)}>
                {t('users.resetPassword')}
              </a>,
            ],
    },
  ];

  return (
    <AppPage>
      <ProTable<UserRow>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        scroll={{ x: 1100 }}
        columnsState={{ persistenceKey: 'kechuang.users.columns', persistenceType: 'localStorage', defaultValue: { createdAt: { show: false } } }}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        // ?q= from a link (the audit log's "用户 qingyang") fills the keyword
        form={{ initialValues: { q: searchParams.get('q') ?? undefined } }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ density: true, reload: true, setting: true }}
        dateFormatter="string"
        request={async (params, sort) => {
          const query = toListQuery(params, sort);
          lastQuery.current = query;
          const page = await userApi.list(query);
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => [
          creatableRolesFor(me) ? <CreateUserModal key="create" onCreated={() => actionRef.current?.reload()} /> : null,
          <ExportButton key="export" run={userApi.export} query={() => lastQuery.current} />,
        ]}
      />
    </AppPage>
  );
}

function creatableRolesFor(user: ReturnType<typeof useAuth>['user']): boolean {
  return creatableRoles(user).length > 0;
}

import { useEffect, useRef, useState } from 'react';
import { ModalForm, ProFormTextArea, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError, orgApi, type ListQuery, type Organization } from '../../api';
import AppPage from '../../components/AppPage';
import ExportButton from '../../components/ExportButton';
import { formatDateTime, toListQuery } from '../../components/listQuery';
import { useRegions } from '../../components/useRegions';
import ReviewDrawer from './ReviewDrawer';

const STATUS_COLORS: Record<string, string> = { pending: 'processing', approved: 'success', rejected: 'error' };

/**
 * 注册审核: enterprise and institution registrations, pending first. 审核 opens the registration beside
 * its 营业执照 / 授权书; 通过 and 驳回 (with a reason) are taken there, with the documents in view.
 * `?review=<id>` (the link of a 待办) opens that registration's review at once.
 */
export default function RegistrationsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const regions = useRegions();
  const actionRef = useRef<ActionType>(undefined);
  const lastQuery = useRef<ListQuery>({});
  const [rejecting, setRejecting] = useState<Organization | null>(null);
  const [reviewing, setReviewingState] = useState<Organization | null>(null);
  const [search, setSearch] = useSearchParams();
  const reviewParam = search.get('review');

  // the registration a link asks to review (a 待办 of the inbox)
  const linked = useQuery({
    queryKey: ['registration-review', reviewParam],
    queryFn: () => orgApi.get(reviewParam!),
    gcTime: 0,
    enabled: !!reviewParam && /^\d+$/.test(reviewParam),
  });
  useEffect(() => {
    if (linked.data && String(linked.data.id) === reviewParam) setReviewingState(linked.data);
  }, [linked.data, reviewParam]);
  useEffect(() => {
    if (linked.isError) message.error(isApiError(linked.error) ? linked.error.message : String(linked.error));
  }, [linked.isError, linked.error, message]);

  // closing the drawer also drops ?review= so that a reload does not open it again
  const setReviewing = (org: Organization | null) => {
    setReviewingState(org);
    if (!org && search.has('review')) {
      const next = new URLSearchParams(search);
      next.delete('review');
      setSearch(next, { replace: true });
    }
  };

  const reviewed = () => {
    actionRef.current?.reload();
    void queryClient.invalidateQueries({ queryKey: ['organizations'] });
    void queryClient.invalidateQueries({ queryKey: ['inbox'] });
  };

  const fail = (error: unknown) => {
    message.error(isApiError(error) ? error.message : String(error));
    if (isApiError(error, 'ALREADY_REVIEWED')) reviewed();
  };

  const approve = (org: Organization) =>
    modal.confirm({
      title: t('registrations.approve'),
      content: t('registrations.approveConfirm', { name: org.name }),
      onOk: async () => {
        try {
          await orgApi.approve(org.id);
          message.success(t('registrations.approved', { name: org.name }));
          setReviewing(null);
          reviewed();
        } catch (error) {
          fail(error);
        }
      },
    });

  const columns: ProColumns<Organization>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: t('registrations.keywordPlaceholder') } },
    { title: t('registrations.name'), dataIndex: 'name', sorter: true, hideInSearch: true, ellipsis: true },
    {
      title: t('registrations.kind'),
      dataIndex: 'kind',
      width: 100,
      valueType: 'select',
      valueEnum: { enterprise: { text: t('orgKind.enterprise') }, institution: { text: t('orgKind.institution') } },
    },
    { title: t('registrations.uscc'), dataIndex: 'uscc', hideInSearch: true, width: 190, copyable: true },
    {
      title: t('registrations.region'),
      dataIndex: 'regionCode',
      valueType: 'treeSelect',
      width: 90,
      fieldProps: { treeData: regions.options, showSearch: true, treeNodeFilterProp: 'title' },
      render: (_, org) => org.regionName ?? org.regionCode,
    },
    {
      title: t('registrations.contactName'),
      dataIndex: 'contactName',
      hideInSearch: true,
      width: 120,
      render: (_, org) => (
        <div style={{ lineHeight: 1.3 }}>
          <div>{org.contactName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {org.contactPhone ?? t('common.none')}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('registrations.status'),
      dataIndex: 'status',
      width: 120,
      valueType: 'select',
      initialValue: 'pending',
      valueEnum: {
        pending: { text: t('orgStatus.pending') },
        approved: { text: t('orgStatus.approved') },
        rejected: { text: t('orgStatus.rejected') },
      },
      render: (_, org) => (
        <>
          <Tag color={STATUS_COLORS[org.status]}>{t(`orgStatus.${org.status}`)}</Tag>
          {org.status === 'rejected' && org.rejectReason && (
            <Typography.Text type="secondary" ellipsis={{ tooltip: org.rejectReason }} style={{ display: 'block', maxWidth: 160 }}>
              {org.rejectReason}
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: t('registrations.createdAt'), dataIndex: 'createdAt', sorter: true, hideInSearch: true, width: 150, render: (_, org) => formatDateTime(org.createdAt, true) },
    { title: t('registrations.reviewedAt'), dataIndex: 'reviewedAt', hideInSearch: true, width: 150, render: (_, org) => formatDateTime(org.reviewedAt, true) },
    {
      title: t('common.actions'),
      valueType: 'option',
      fixed: 'right',
      width: 110,
      render: (_, org) => [
        <a key="review" onClick={() => setReviewing(org)} data-testid={`review-${org.id}`}>
          {org.status === 'pending' ? t('registrations.review') : t('registrations.viewDocuments')}
        </a>,
      ],
    },
  ];

  return (
    <AppPage>
      <ProTable<Organization>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        scroll={{ x: 1100 }}
        columnsState={{ defaultValue: { reviewedAt: { show: false } } }}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        request={async (params, sort) => {
          const query = toListQuery(params, sort);
          lastQuery.current = query;
          const page = await orgApi.list(query);
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => [<ExportButton key="export" run={orgApi.export} query={() => lastQuery.current} />]}
      />
      <ReviewDrawer org={reviewing} onClose={() => setReviewing(null)} onApprove={approve} onReject={setRejecting} />
      <ModalForm<{ reason: string }>
        title={rejecting ? t('registrations.rejectTitle', { name: rejecting.name }) : ''}
        name="rejectRegistration"
        open={rejecting !== null}
        width={520}
        modalProps={{ destroyOnHidden: true, onCancel: () => setRejecting(null), okButtonProps: { danger: true } }}
        submitter={{ searchConfig: { submitText: t('registrations.reject') } }}
        onFinish={async ({ reason }) => {
          if (!rejecting) return true;
          try {
            await orgApi.reject(rejecting.id, reason.trim());
            message.success(t('registrations.rejected', { name: rejecting.name }));
            setRejecting(null);
            setReviewing(null);
            reviewed();
            return true;
          } catch (error) {
            fail(error);
            if (isApiError(error, 'ALREADY_REVIEWED')) setRejecting(null);
            return false;
          }
        }}
      >
        <ProFormTextArea
          name="reason"
          label={t('registrations.reason')}
          placeholder={t('registrations.reasonPlaceholder')}
          rules={[{ required: true, whitespace: true, message: t('registrations.reasonRequired') }]}
          fieldProps={{ rows: 4, maxLength: 500, showCount: true }}
        />
      </ModalForm>
    </AppPage>
  );
}

// 技术合同认定登记: the contracts a user may read (the seller its own, staff their region's) with
// filters, the near-deadline view (dueWithin), sort, paging and Excel; a contract in a drawer
// (?contract=<id>, where the notifications link) with its files and what its state allows:
// the registry accepts (a registration number), returns for completion or refuses; the seller
// completes a returned one; an accepted one has its certificate (.docx).
import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Descriptions, Drawer, Input, List, Modal, Segmented, Space, Typography, Upload } from 'antd';
import { DownloadOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ListQuery } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import ExportButton from '../../components/ExportButton';
import { toListQuery } from '../../components/listQuery';
import { useLinkedId } from '../../components/useLinkedId';
import { CONTRACT_STATUSES, contractApi, type Contract } from './api';
import ContractForm from './ContractForm';
import { ContractStatusTag, daysUntil, todayInChina, useApiError, useContractTypes, useFieldEnum, useFieldName, useListTableChrome, useMoney, useRegionFilterColumn, useWide, wanText } from './shared';

function DueText({ c }: { c: Contract }) {
  const { t } = useTranslation();
  if (!c.dueOn || (c.status !== 'submitted')) return <>{c.dueOn ?? '—'}</>;
  const days = daysUntil(c.dueOn, todayInChina());
  const type = days < 0 ? 'danger' : days <= 5 ? 'warning' : 'secondary';
  return (
    <div>
      <div>{c.dueOn}</div>
      <Typography.Text type={type} style={{ fontSize: 12 }}>{days < 0 ? t('market.contract.overdue', { days: -days }) : t('market.contract.daysLeft', { days })}</Typography.Text>
    </div>
  );
}

function ContractDrawer({ id, onClose, onChanged, onEdit }: { id: number | null; onClose: () => void; onChanged: () => void; onEdit: (c: Contract) => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { user } = useAuth();
  const money = useMoney();
  const fieldName = useFieldName();
  const onError = useApiError();
  const wide = useWide();
  const client = useQueryClient();
  const { typeName, subTypeName } = useContractTypes();
  const [asking, setAsking] = useState<'return' | 'refuse' | null>(null);
  const [reason, setReason] = useState('');
  const detail = useQuery({ queryKey: ['market', 'contract', id], queryFn: () => contractApi.get(id!), enabled: id !== null });
  const files = useQuery({ queryKey: ['market', 'contract', id, 'files'], queryFn: () => contractApi.attachments(id!), enabled: id !== null });
  const c = detail.data;
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const refresh = async () => { await client.invalidateQueries({ queryKey: ['market', 'contract', id] }); onChanged(); };

  const accept = async () => {
    try {
      const answer = await contractApi.decide(c!.id, { accepted: true });
      message.success(t('market.contract.acceptedMessage', { no: answer.registrationNo ?? '' }));
      await refresh();
    } catch (error) { onError(error); }
  };
  const sendReason = async () => {
    if (!reason.trim()) { message.error(t('market.contract.reasonRequired')); return; }
    try {
      if (asking === 'return') await contractApi.return(c!.id, reason.trim());
      else await contractApi.decide(c!.id, { accepted: false, reason: reason.trim() });
      message.success(asking === 'return' ? t('market.contract.returnedMessage') : t('market.contract.refusedMessage'));
      setAsking(null); setReason('');
      await refresh();
    } catch (error) { onError(error); }
  };

  const actions = c && (
    <Space wrap>
      {staff && c.status === 'submitted' && (
        <>
          <Button type="primary" onClick={() => modal.confirm({ title: t('market.contract.acceptConfirm', { name: c.name }), onOk: accept })} data-testid="contract-accept">
            {t('market.contract.accept')}
          </Button>
          <Button onClick={() => setAsking('return')}>{t('market.contract.return')}</Button>
          <Button danger onClick={() => setAsking('refuse')}>{t('market.contract.refuse')}</Button>
        </>
      )}
      {c.status === 'returned' && !staff && <Button type="primary" onClick={() => onEdit(c)}>{t('market.contract.refile')}</Button>}
      {c.status === 'returned' && staff && <Button onClick={() => onEdit(c)}>{t('market.contract.refile')}</Button>}
      {c.status === 'accepted' && (
        <Button icon={<DownloadOutlined />} onClick={() => contractApi.certificate(c.id).catch(onError)} data-testid="contract-certificate">{t('market.contract.certificate')}</Button>
      )}
    </Space>
  );

  return (
    <Drawer open={id !== null} onClose={onClose} width={760} destroyOnHidden title={c?.name} extra={wide && actions}>
      {detail.isError && <Alert type="error" showIcon message={(detail.error as Error).message} />}
      {c && (
        <>
          {!wide && <div style={{ marginBottom: 12 }}>{actions}</div>}
          {c.status === 'returned' && c.reason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('market.contract.returnedBecause', { reason: c.reason })} />}
          {c.status === 'refused' && c.reason && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('market.contract.refusedBecause', { reason: c.reason })} />}
          <Descriptions size="small" bordered={wide} column={{ xs: 1, sm: 1, md: 2 }} data-testid="contract-detail">
            <Descriptions.Item label={t('market.contract.status.label')}><ContractStatusTag status={c.status} /></Descriptions.Item>
            <Descriptions.Item label={t('market.contract.registrationNo')}>{c.registrationNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('market.contract.number')}>{c.number}</Descriptions.Item>
            <Descriptions.Item label={t('market.contract.type')}>{typeName(c.type)}{c.subType ? ` · ${subTypeName(c.subType)}` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('market.contract.seller')}>{c.sellerName}（{c.regionName}）</Descriptions.Item>
            <Descriptions.Item label={t('market.contract.buyer')}>{c.buyerName}{c.buyerUscc ? ` · ${c.buyerUscc}` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('market.common.field')}>{fieldName(c.field)}</Descriptions.Item>
            <Descriptions.Item label={t('market.contract.signedOn')}>{c.signedOn}{c.termFrom ? ` （${c.termFrom} ~ ${c.termTo ?? ''}）` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('market.contract.amount')}>{money(c.amount)}</Descriptions.Item>
            <Descriptions.Item label={t('market.contract.nonTechnical')}>{money(c.nonTechnicalAmount)}</Descriptions.Item>
            <Descriptions.Item label={t('market.contract.technicalAmount')}><Typography.Text strong>{money(c.technicalAmount)}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={t('market.contract.disputed')}>{c.disputed ? t('market.common.yes') : t('market.common.no')}</Descriptions.Item>
            <Descriptions.Item label={t('market.contract.filedOn')}>{c.filedOn}</Descriptions.Item>
            <Descriptions.Item label={t('market.contract.dueOn')}><DueText c={c} /></Descriptions.Item>
            <Descriptions.Item label={t('market.contract.decidedOn')}>{c.decidedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('market.contract.ruleSet')}>{c.ruleSet}</Descriptions.Item>
            {c.paymentPlan && <Descriptions.Item label={t('market.contract.paymentPlan')} span={wide ? 2 : 1}><span style={{ whiteSpace: 'pre-wrap' }}>{c.paymentPlan}</span></Descriptions.Item>}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('market.contract.files')}</Typography.Title>
          <List size="small" loading={files.isLoading} dataSource={files.data?.items ?? []} locale={{ emptyText: t('market.contract.noFiles') }}
            renderItem={(f) => (
              <List.Item><a onClick={() => contractApi.attachment(c.id, f.id, f.fileName).catch(onError)}><PaperClipOutlined /> {f.fileName}</a>
                <Typography.Text type="secondary">{Math.ceil(f.size / 1024)} KB</Typography.Text></List.Item>
            )} />
          {(c.status === 'submitted' || c.status === 'returned') && (
            <Upload accept=".pdf,.jpg,.jpeg,.png,.docx" showUploadList={false} beforeUpload={(file) => {
              contractApi.attach(c.id, file).then(() => { message.success(t('market.contract.fileAdded')); return files.refetch(); }).catch(onError);
              return false;
            }}>
              <Button icon={<UploadOutlined />} style={{ marginTop: 8 }}>{t('market.contract.addFile')}</Button>
            </Upload>
          )}
          <Modal open={asking !== null} title={asking === 'return' ? t('market.contract.return') : t('market.contract.refuse')} onCancel={() => setAsking(null)} onOk={sendReason}
            okButtonProps={{ danger: asking === 'refuse' }} destroyOnHidden>
            <Typography.Paragraph type="secondary">{asking === 'return' ? t('market.contract.returnHelp') : t('market.contract.refuseHelp')}</Typography.Paragraph>
            <Input.TextArea rows={4} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} placeholder={t('market.contract.reason')} />
          </Modal>
        </>
      )}
    </Drawer>
  );
}

export default function ContractsPage() {
  const { t } = useTranslation();
  const chrome = useListTableChrome();
  const wide = useWide();
  const { message } = App.useApp();
  const { user } = useAuth();
  const fieldEnum = useFieldEnum();
  const fieldName = useFieldName();
  const { typeName, typeOptions } = useContractTypes();
  const actionRef = useRef<ActionType>(undefined);
  const lastQuery = useRef<ListQuery>({});
  const [openId, setOpenId] = useLinkedId('contract');
  const [view, setView] = useState<'all' | 'due'>('all');
  const [editing, setEditing] = useState<{ contract?: Contract } | null>(null);
  const client = useQueryClient();
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const regionFilter = useRegionFilterColumn<Contract>(staff);
  const thisYear = new Date().getFullYear();
  const reload = () => actionRef.current?.reload();

  const columns: ProColumns<Contract>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: t('market.contract.keyword') } },
    { title: t('market.contract.name'), dataIndex: 'name', hideInSearch: true, render: (_, c) => (
      <div style={{ minWidth: 180 }}>
        <a onClick={() => setOpenId(c.id)} data-testid={`contract-${c.id}`}>{c.name}</a>
        <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.number} · {c.sellerName}</Typography.Text></div>
        {!wide && <Space size={6} style={{ marginTop: 4 }}><ContractStatusTag status={c.status} /><Typography.Text style={{ fontSize: 12 }}>{wanText(c.amount)} {t('market.common.wan')}</Typography.Text>
          {c.status === 'submitted' && c.dueOn && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('market.contract.dueOn')} {c.dueOn}</Typography.Text>}</Space>}
      </div>
    ) },
    { title: t('market.contract.type'), dataIndex: 'type', valueType: 'select', width: 100, responsive: ['md'], fieldProps: { options: typeOptions }, render: (_, c) => typeName(c.type) },
    { title: t('market.common.field'), dataIndex: 'field', valueType: 'select', width: 130, valueEnum: fieldEnum, render: (_, c) => fieldName(c.field), responsive: ['lg'] },
    { title: t('market.contract.amountWan'), dataIndex: 'amount', sorter: true, hideInSearch: true, width: 110, align: 'right', responsive: ['md'], render: (_, c) => wanText(c.amount) },
    { title: t('market.contract.technicalWan'), dataIndex: 'technicalAmount', hideInSearch: true, width: 120, align: 'right', render: (_, c) => wanText(c.technicalAmount), responsive: ['md'] },
    { title: t('market.contract.status.label'), dataIndex: 'status', valueType: 'select', width: 100,
      valueEnum: Object.fromEntries(CONTRACT_STATUSES.map((s) => [s, { text: t(`market.contract.status.${s}`) }])), responsive: ['md'], render: (_, c) => <ContractStatusTag status={c.status} /> },
    { title: t('market.contract.filedOn'), dataIndex: 'filedOn', sorter: true, hideInSearch: true, width: 110, responsive: ['md'] },
    { title: t('market.contract.dueOn'), dataIndex: 'dueOn', sorter: true, hideInSearch: true, width: 120, responsive: ['md'], render: (_, c) => <DueText c={c} /> },
    { title: t('market.contract.registrationNo'), dataIndex: 'registrationNo', hideInSearch: true, width: 150, responsive: ['lg'], render: (_, c) => c.registrationNo ?? '—' },
    { title: t('market.contract.year'), dataIndex: 'year', valueType: 'select', hideInTable: true,
      fieldProps: { options: [thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: String(y) })) } },
    ...regionFilter,
  ];

  return (
    <AppPage>
      <ProTable<Contract>
        rowKey="id" actionRef={actionRef} columns={columns} params={{ view }}
        headerTitle={
          <Segmented value={view} onChange={(v) => setView(v as 'all' | 'due')} data-testid="contract-view"
            options={[{ value: 'all', label: t('market.contract.all') }, { value: 'due', label: t('market.contract.nearDeadline') }]} />
        }
        {...chrome}
        request={async ({ view: v, ...params }, sort) => {
          const query = toListQuery(params, sort);
          if (v === 'due') { query.dueWithin = 5; if (!query.sort) query.sort = 'dueOn'; }
          lastQuery.current = query;
          const page = await contractApi.list(query);
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => [
          <Button key="create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="contract-create">{t('market.contract.create')}</Button>,
          <ExportButton key="export" run={contractApi.export} query={() => lastQuery.current} />,
        ]}
      />
      <ContractDrawer id={openId} onClose={() => setOpenId(null)} onChanged={reload} onEdit={(c) => setEditing({ contract: c })} />
      <ContractForm open={!!editing} contract={editing?.contract} onClose={() => setEditing(null)}
        onSaved={(id) => {
          message.success(editing?.contract ? t('market.contract.refiled') : t('market.contract.filed'));
          setEditing(null); reload();
          void client.invalidateQueries({ queryKey: ['market', 'contract', id] });
          setOpenId(id);
        }} />
    </AppPage>
  );
}

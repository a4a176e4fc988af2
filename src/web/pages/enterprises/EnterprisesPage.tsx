import { useRef } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Space, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { TIERS, type Enterprise, type ListQuery } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import ExportButton from '../../components/ExportButton';
import { toListQuery } from '../../components/listQuery';
import { enterpriseApi } from './api';
import CreateEnterpriseModal from './CreateEnterpriseModal';
import { INDUSTRY_OPTIONS, TierTags, hightechFieldLabel, useHightechFieldOptions, useScopedRegions } from './shared';

/** Column → the API's sort name. */
const SORT_NAMES: Record<string, string> = { regionCode: 'region' };

/** 企业库: the enterprises of the staff's region, filtered, sorted and paged on the server. */
export default function EnterprisesPage() {
  const { t, i18n } = useTranslation();
  const { access } = useAuth();
  const navigate = useNavigate();
  const regions = useScopedRegions();
  const fieldOptions = useHightechFieldOptions();
  const actionRef = useRef<ActionType>(undefined);
  const lastQuery = useRef<ListQuery>({});

  const columns: ProColumns<Enterprise>[] = [
    { title: t('common.keyword'), dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: t('enterprises.keywordPlaceholder') } },
    {
      title: t('enterprises.name'),
      dataIndex: 'name',
      sorter: true,
      hideInSearch: true,
      render: (_, row) => (
        <div style={{ lineHeight: 1.4, minWidth: 0 }}>
          <Link to={`/enterprises/${row.id}`} title={row.name}>
            {row.name}
          </Link>
          {(row.aboveScale || row.tags.length > 0) && (
            <div>
              <Space size={4} wrap>
                {row.aboveScale && (
                  <Tag color="gold" bordered={false} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>
                    {t('enterprises.aboveScale')}
                  </Tag>
                )}
                {row.tags.map((tag) => (
                  <Tag key={tag} bordered={false} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}>
                    {tag}
                  </Tag>
                ))}
              </Space>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t('enterprises.uscc'),
      dataIndex: 'uscc',
      hideInSearch: true,
      width: 172,
      render: (_, row) => <span style={{ fontFamily: 'monospace', fontSize: 12.5 }}>{row.uscc}</span>,
    },
    {
      title: t('enterprises.region'),
      dataIndex: 'regionCode',
      valueType: 'treeSelect',
      sorter: true,
      width: 96,
      fieldProps: { treeData: regions.scopedOptions, showSearch: true, treeNodeFilterProp: 'title', treeDefaultExpandAll: true },
      render: (_, row) => row.regionName ?? row.regionCode,
    },
    {
      title: t('enterprises.industry'),
      dataIndex: 'industry',
      valueType: 'select',
      width: 150,
      ellipsis: true,
      fieldProps: { options: INDUSTRY_OPTIONS, showSearch: true, optionFilterProp: 'label', popupMatchSelectWidth: 320 },
      render: (_, row) => (row.industryCode ? <span title={`${row.industryCode} ${row.industryName ?? ''}`}>{row.industryName ?? row.industryCode}</span> : t('common.none')),
    },
    {
      title: t('enterprises.hightechField'),
      dataIndex: 'hightechField',
      valueType: 'select',
      width: 112,
      ellipsis: true,
      fieldProps: { options: fieldOptions },
      render: (_, row) => hightechFieldLabel(row.hightechField, i18n.language) ?? t('common.none'),
    },
    {
      title: t('enterprises.currentTiers'),
      dataIndex: 'tier',
      valueType: 'select',
      width: 150,
      valueEnum: Object.fromEntries(TIERS.map((tier) => [tier, { text: t(`enterprises.tier.${tier}`) }])),
      render: (_, row) => <TierTags tiers={row.currentTiers} vertical />,
    },
    {
      title: t('enterprises.aboveScale'),
      dataIndex: 'aboveScale',
      hideInTable: true,
      valueType: 'select',
      valueEnum: { true: { text: t('common.yes') }, false: { text: t('common.no') } },
    },
    { title: t('enterprises.tags'), dataIndex: 'tag', hideInTable: true },
    {
      title: t('enterprises.contact'),
      dataIndex: 'contactName',
      hideInSearch: true,
      width: 112,
      render: (_, row) => (
        <div style={{ lineHeight: 1.3 }}>
          <div>{row.contactName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.contactPhone ?? t('common.none')}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('enterprises.foundedOn'),
      dataIndex: 'foundedOn',
      sorter: true,
      hideInSearch: true,
      width: 110,
      render: (_, row) => row.foundedOn ?? t('common.none'),
    },
    {
      title: t('enterprises.latestStatYear'),
      dataIndex: 'latestStatYear',
      hideInSearch: true,
      width: 96,
      align: 'center',
      render: (_, row) => row.latestStatYear ?? t('common.none'),
    },
  ];

  return (
    <AppPage>
      <ProTable<Enterprise>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        scroll={{ x: 1060 }}
        columnsState={{ persistenceKey: 'kechuang.enterprises.columns', persistenceType: 'localStorage', defaultValue: { foundedOn: { show: false } } }}
        search={{ labelWidth: 'auto', defaultCollapsed: true, span: { xs: 24, sm: 12, md: 8, lg: 8, xl: 6, xxl: 6 } }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
        options={{ density: true, reload: true, setting: true }}
        request={async (params, sort) => {
          const query = toListQuery(params, sort);
          if (typeof query.sort === 'string') {
            const desc = query.sort.startsWith('-');
            const key = query.sort.replace(/^-/, '');
            query.sort = `${desc ? '-' : ''}${SORT_NAMES[key] ?? key}`;
          }
          lastQuery.current = query;
          const page = await enterpriseApi.list(query);
          return { data: page.items, total: page.total, success: true };
        }}
        toolBarRender={() => [
          access.canViewEnterprises ? <CreateEnterpriseModal key="create" onCreated={(id) => navigate(`/enterprises/${id}`)} /> : null,
          <ExportButton key="export" run={enterpriseApi.export} query={() => lastQuery.current} />,
        ]}
      />
    </AppPage>
  );
}

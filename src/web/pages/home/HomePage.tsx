import type { ReactNode } from 'react';
import { Badge, Card, Col, Descriptions, Empty, List, Row, Space, Spin, Tag, Typography } from 'antd';
import {
  AuditOutlined,
  ClusterOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileSearchOutlined,
  RightOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { orgApi } from '../../api';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import { formatDateTime } from '../../components/listQuery';
import { DueOn, INBOX_SUMMARY_LIMIT, relativeTime, useInboxSummary } from '../../components/notices';

function Shortcut({ to, icon, title, description, badge }: { to: string; icon: ReactNode; title: string; description: string; badge?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Link to={to} aria-label={title}>
      <Card hoverable style={{ height: '100%' }}>
        <Space align="start" size={16}>
          <div style={{ fontSize: 28, color: '#1677ff', lineHeight: 1 }}>{icon}</div>
          <div>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {title} {badge}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ margin: '6px 0 8px' }}>
              {description}
            </Typography.Paragraph>
            <Typography.Link>
              {t('home.open')} <RightOutlined />
            </Typography.Link>
          </div>
        </Space>
      </Card>
    </Link>
  );
}

function PendingBadge() {
  const { t } = useTranslation();
  const pending = useQuery({
    queryKey: ['organizations', 'pending-count'],
    queryFn: async () => (await orgApi.list({ status: 'pending', pageSize: 1, page: 1 })).total,
  });
  if (pending.isPending) return <Spin size="small" />;
  if (pending.isError) return null;
  return <Badge count={t('home.pendingCount', { count: pending.data })} color={pending.data > 0 ? '#fa541c' : '#52c41a'} />;
}

function OrganizationCard() {
  const { t } = useTranslation();
  const org = useQuery({ queryKey: ['organizations', 'own'], queryFn: async () => (await orgApi.list({ page: 1, pageSize: 1 })).items[0] ?? null });
  return (
    <Card title={t('home.orgInfo')} loading={org.isPending}>
      {org.data ? (
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label={t('registrations.name')}>{org.data.name}</Descriptions.Item>
          <Descriptions.Item label={t('registrations.kind')}>{t(`orgKind.${org.data.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('registrations.uscc')}>{org.data.uscc}</Descriptions.Item>
          <Descriptions.Item label={t('registrations.region')}>{org.data.regionName ?? org.data.regionCode}</Descriptions.Item>
          <Descriptions.Item label={t('registrations.contactName')}>{org.data.contactName}</Descriptions.Item>
          <Descriptions.Item label={t('registrations.contactPhone')}>{org.data.contactPhone ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('registrations.status')}>
            <Tag color={org.data.status === 'approved' ? 'success' : org.data.status === 'pending' ? 'processing' : 'error'}>
              {t(`orgStatus.${org.data.status}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('registrations.reviewedAt')}>{formatDateTime(org.data.reviewedAt)}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Empty description={org.isError ? (org.error as Error).message : t('home.orgMissing')} />
      )}
    </Card>
  );
}

/** 我的待办: each kind with its count and its most urgent items (overdue in red); 查看全部 → /inbox. */
function InboxCard() {
  const { t } = useTranslation();
  const inbox = useInboxSummary();
  const kinds = (inbox.data?.kinds ?? []).filter((k) => k.count > 0);
  const total = kinds.reduce((sum, k) => sum + k.count, 0);
  // up to 5 of a kind alone, fewer of each when several kinds wait, so that 首页 stays short
  const perKind = kinds.length <= 1 ? INBOX_SUMMARY_LIMIT : kinds.length === 2 ? 3 : 2;
  return (
    <Card
      title={<Space size={8}>{t('home.inboxTitle')}<Badge count={total} overflowCount={999} /></Space>}
      extra={<Link to="/inbox">{t('inbox.viewAll')} <RightOutlined /></Link>}
      loading={inbox.isPending}
      style={{ marginBottom: 16 }}
      styles={{ body: { paddingTop: 8, paddingBottom: 8 } }}
      data-testid="home-inbox"
    >
      {kinds.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={inbox.isError ? (inbox.error as Error).message : t('inbox.empty')} style={{ margin: '8px 0' }} />
      ) : (
        <Row gutter={[24, 0]}>
          {kinds.map((kind) => {
            const items = (inbox.data?.items ?? []).filter((item) => item.kind === kind.kind).slice(0, perKind);
            return (
              <Col key={kind.kind} xs={24} lg={kinds.length > 1 ? 12 : 24} xxl={kinds.length > 2 ? 8 : kinds.length > 1 ? 12 : 24}>
                <List
                  size="small"
                  header={
                    <Link to={`/inbox?kind=${encodeURIComponent(kind.kind)}`} style={{ color: 'inherit' }}>
                      <Typography.Text strong>{kind.name} {kind.count}</Typography.Text>
                    </Link>
                  }
                  dataSource={items}
                  footer={kind.count > items.length ? (
                    <Link to={`/inbox?kind=${encodeURIComponent(kind.kind)}`}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('home.inboxMore', { count: kind.count - items.length })}</Typography.Text>
                    </Link>
                  ) : undefined}
                  renderItem={(item) => (
                    <List.Item style={{ paddingInline: 0, alignItems: 'flex-start', gap: 12 }} extra={<DueOn dueOn={item.dueOn} overdue={item.overdue} compact />}>
                      <div style={{ minWidth: 0, flex: 1 }}>
                        <Typography.Text ellipsis={{ tooltip: item.title }} style={{ maxWidth: '100%' }}>
                          <Link to={item.link}>{item.title}</Link>
                        </Typography.Text>
                        <div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {[item.whose, relativeTime(item.since, t)].filter(Boolean).join(' · ')}
                          </Typography.Text>
                        </div>
                      </div>
                    </List.Item>
                  )}
                />
              </Col>
            );
          })}
        </Row>
      )}
    </Card>
  );
}

/** 首页: a welcome card, the user's 待办 and the shortcuts of the user's role. */
export default function HomePage() {
  const { t } = useTranslation();
  const { user, access } = useAuth();
  if (!user) return null;

  const shortcuts: ReactNode[] = [];
  if (access.canViewEnterprises && user.role === 'staff') {
    shortcuts.push(<Shortcut key="enterprises" to="/enterprises" icon={<DatabaseOutlined />} title={t('menu.enterpriseList')} description={t('home.enterprisesDesc')} />);
  }
  if (access.canViewCultivation && user.role === 'staff') {
    shortcuts.push(<Shortcut key="cultivation" to="/enterprises/cultivation" icon={<DashboardOutlined />} title={t('menu.cultivation')} description={t('home.cultivationDesc')} />);
  }
  if (access.isEnterprise) {
    shortcuts.push(<Shortcut key="mine" to="/my-enterprise" icon={<ShopOutlined />} title={t('menu.myEnterprise')} description={t('home.myEnterpriseDesc')} />);
    shortcuts.push(
      <Shortcut key="assessment" to="/my-enterprise?tab=assessment" icon={<FileSearchOutlined />} title={t('menu.assessment')} description={t('home.assessmentDesc')} />,
    );
  }
  if (access.canReviewRegistrations && user.role === 'staff') {
    shortcuts.push(
      <Shortcut key="reg" to="/registrations" icon={<SolutionOutlined />} title={t('menu.registrations')} description={t('home.registrationsDesc')} badge={<PendingBadge />} />,
    );
  }
  if (access.canManageUsers) {
    shortcuts.push(<Shortcut key="users" to="/users" icon={<TeamOutlined />} title={t('menu.users')} description={t('home.usersDesc')} />);
  }
  if (access.canManageRegions) {
    shortcuts.push(<Shortcut key="regions" to="/regions" icon={<ClusterOutlined />} title={t('menu.regions')} description={t('home.regionsDesc')} />);
  }
  if (access.canViewAudit) {
    shortcuts.push(<Shortcut key="audit" to="/audit" icon={<AuditOutlined />} title={t('menu.audit')} description={t('home.auditDesc')} />);
  }
  if (user.role === 'admin') {
    shortcuts.push(
      <Shortcut key="reg" to="/registrations" icon={<SolutionOutlined />} title={t('menu.registrations')} description={t('home.registrationsDesc')} badge={<PendingBadge />} />,
    );
  }

  return (
    <AppPage title={t('menu.home')}>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: user.displayName || user.username })}
        </Typography.Title>
        <Space size="large" wrap>
          <Typography.Text type="secondary">{t('home.roleLine', { role: t(`role.${user.role}`) })}</Typography.Text>
          {user.regionName && <Typography.Text type="secondary">{t('home.regionLine', { region: user.regionName })}</Typography.Text>}
          {user.orgName && <Typography.Text type="secondary">{t('home.orgLine', { org: user.orgName })}</Typography.Text>}
        </Space>
      </Card>

      <InboxCard />

      {shortcuts.length > 0 && (
        <>
          <Typography.Title level={5}>{t('home.shortcuts')}</Typography.Title>
          <Row gutter={[16, 16]}>
            {shortcuts.map((card, index) => (
              <Col key={index} xs={24} md={12} xl={6}>
                {card}
              </Col>
            ))}
          </Row>
        </>
      )}

      {access.isOrganization && <OrganizationCard />}

      {(user.role === 'expert' || user.role === 'commissioner') && (
        <Card>
          <Typography.Paragraph style={{ margin: 0 }}>{t('home.comingSoon')}</Typography.Paragraph>
        </Card>
      )}
    </AppPage>
  );
}

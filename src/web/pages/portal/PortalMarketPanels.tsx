// The technology market on the portal's home page: the latest achievements, the open demands
// (揭榜挂帅 ones with their prize) and the latest good-achievement list, each with a link to all.
import { Card, Col, List, Row, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLang, useMoney } from '../market/shared';
import { portalMarketApi } from './market-api';
import { Meta, OpenCallTag } from './market-shared';

export default function PortalMarketPanels() {
  const { t } = useTranslation();
  const money = useMoney();
  const lang = useLang();
  const achievements = useQuery({ queryKey: ['portal-achievements', 'home'], queryFn: () => portalMarketApi.achievements({ pageSize: 5 }) });
  const demands = useQuery({ queryKey: ['portal-demands', 'home'], queryFn: () => portalMarketApi.demands({ pageSize: 5 }) });
  const good = useQuery({ queryKey: ['portal-good-lists', 'home'], queryFn: () => portalMarketApi.goodLists({ pageSize: 1 }) });
  const list = good.data?.items[0];
  const more = (to: string) => <Link to={to}>{t('market.portal.more')}</Link>;
  const title = (text: string) => <span style={{ whiteSpace: 'normal' }}>{text}</span>;
  return (
    <>
      <Typography.Title level={4}>{t('market.portal.market')}</Typography.Title>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={8}>
          <Card size="small" title={title(t('market.portal.latestAchievements'))} extra={more('/portal/achievements')} loading={achievements.isLoading} style={{ height: '100%' }}>
            <List size="small" split={false} dataSource={achievements.data?.items ?? []} renderItem={(a) => (
              <List.Item style={{ paddingInline: 0 }}>
                <List.Item.Meta title={<Link to={`/portal/achievements/${a.id}`}>{a.title}</Link>} description={<Meta parts={[a.orgName, a.regionName]} />} />
              </List.Item>
            )} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={title(t('market.portal.openDemands'))} extra={more('/portal/demands')} loading={demands.isLoading} style={{ height: '100%' }}>
            <List size="small" split={false} dataSource={demands.data?.items ?? []} renderItem={(d) => (
              <List.Item style={{ paddingInline: 0 }}>
                <List.Item.Meta title={<>{d.openCall && <OpenCallTag />}<Link to={`/portal/demands/${d.id}`}>{d.title}</Link></>}
                  description={<Meta parts={[d.orgName, d.openCall && d.prize != null ? `${t('market.portal.prize')} ${money(d.prize)}` : d.regionName]} />} />
              </List.Item>
            )} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={title(list ? list.title : t('market.portal.latestGood'))} extra={more(list ? `/portal/good-achievements/${list.id}` : '/portal/good-achievements')}
            loading={good.isLoading} style={{ height: '100%' }}>
            <List size="small" split={false} dataSource={list?.items.slice(0, 5) ?? []} renderItem={(item) => (
              <List.Item style={{ paddingInline: 0 }}>
                <List.Item.Meta avatar={<span className={`kc-portal-rank kc-portal-rank-${item.seq}`}>{item.seq}</span>}
                  title={<Link to={`/portal/achievements/${item.achievementId}`}>{item.title}</Link>} description={<Meta parts={[item.orgName, lang === 'en' ? item.levelNameEn ?? item.levelName : item.levelName]} />} />
              </List.Item>
            )} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

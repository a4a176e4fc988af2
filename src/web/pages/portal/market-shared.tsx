// Shared bits of the portal's technology market pages: the list's query in the address (so a detail
// and back keeps it), the search bar (words in simplified or traditional characters, the server
// matches both; field, type), the rows of achievements and demands, and a good-achievement list.
import { useEffect, useMemo, useState } from 'react';
import { Col, Input, Row, Select, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ListQuery } from '../../api/types';
import { ACHIEVEMENT_TYPES } from '../market/api';
import { chinaTime, useFieldName, useLang, useMarketFieldOptions, useMaturity, useMoney, useRange } from '../market/shared';
import type { PortalAchievement, PortalDemand, PortalGoodItem, PortalGoodList } from './market-api';

/** An instant as its day in China (UTC+8). */
export const chinaDay = (iso: string | null | undefined) => (iso ? chinaTime(iso).slice(0, 10) : '—');

/** Punctuation in the UI's language: "榜额：150.00 万元" / "Prize: 150.00 × 10k yuan"; "转让、许可" / "Transfer, Licence". */
export function usePunctuation() {
  const en = useLang() === 'en';
  return { colon: en ? ': ' : '：', join: (parts: string[]) => parts.join(en ? ', ' : '、') || '—' };
}

/** The list's query (q, field, type, page) kept in the address. */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const query: ListQuery = useMemo(() => Object.fromEntries([...params.entries()]), [params]);
  const set = (changes: ListQuery) => {
    const next = { ...query, ...changes, page: changes.page ?? undefined };
    setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Record<string, string>);
  };
  return { query, set };
}

export function MarketSearchBar({ query, set, placeholder, withType }: { query: ListQuery; set: (c: ListQuery) => void; placeholder: string; withType?: boolean }) {
  const { t } = useTranslation();
  const fields = useMarketFieldOptions();
  const [text, setText] = useState(query.q ? String(query.q) : '');
  useEffect(() => setText(query.q ? String(query.q) : ''), [query.q]);
  return (
    <Row gutter={[8, 8]}>
      <Col xs={24} md={withType ? 12 : 16}>
        <Input.Search size="large" allowClear enterButton={t('market.portal.search')} value={text} onChange={(e) => setText(e.target.value)}
          placeholder={placeholder} onSearch={(q) => set({ q: q.trim() || undefined })} data-testid="market-search" />
      </Col>
      <Col xs={withType ? 12 : 24} md={withType ? 6 : 8}>
        <Select size="large" allowClear style={{ width: '100%' }} placeholder={t('market.portal.allFields')} options={fields} value={query.field ? String(query.field) : undefined}
          onChange={(field) => set({ field })} aria-label={t('market.common.field')} data-testid="market-field" />
      </Col>
      {withType && (
        <Col xs={12} md={6}>
          <Select size="large" allowClear style={{ width: '100%' }} placeholder={t('market.portal.allTypes')} value={query.type ? String(query.type) : undefined}
            options={ACHIEVEMENT_TYPES.map((type) => ({ value: type, label: t(`market.achievement.types.${type}`) }))}
            onChange={(type) => set({ type })} aria-label={t('market.achievement.type')} data-testid="market-type" />
        </Col>
      )}
    </Row>
  );
}

/** Who and where, with the day: "陇东学院 · 西峰区 · 发布于 2026-04-14". */
export function Meta({ parts }: { parts: (string | null | undefined | false)[] }) {
  return <div className="kc-portal-meta">{parts.filter(Boolean).map((p, i) => <span key={i}>{p}</span>)}</div>;
}

export function AchievementRow({ a }: { a: PortalAchievement }) {
  const { t } = useTranslation();
  const fieldName = useFieldName();
  const maturity = useMaturity();
  const range = useRange();
  const { colon, join } = usePunctuation();
  return (
    <div className="kc-portal-item" data-testid="achievement-result">
      <Link to={`/portal/achievements/${a.id}`} className="kc-portal-title-link">{a.title}</Link>
      <div className="kc-portal-tags">
        <Tag color="blue">{fieldName(a.field)}</Tag>
        <Tag>{t(`market.achievement.types.${a.type}`)}</Tag>
        <Tag color="green">{maturity(a.maturity)}</Tag>
      </div>
      <Meta parts={[a.orgName, a.regionName, t('market.portal.publishedOn', { date: chinaDay(a.publishedAt) })]} />
      {a.summary && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{a.summary}</Typography.Paragraph>}
      <div className="kc-portal-figures">
        <span>{t('market.achievement.transferModes')}{colon}{join(a.transferModes.map((m) => t(`market.mode.${m}`)))}</span>
        <span>{t('market.achievement.price')}{colon}{range(a.priceMin, a.priceMax)}</span>
      </div>
    </div>
  );
}

export function OpenCallTag() {
  const { t } = useTranslation();
  return <Tag color="volcano">{t('market.demand.openCall')}</Tag>;
}

export function DemandRow({ d }: { d: PortalDemand }) {
  const { t } = useTranslation();
  const fieldName = useFieldName();
  const range = useRange();
  const money = useMoney();
  const { colon } = usePunctuation();
  return (
    <div className="kc-portal-item" data-testid="demand-result">
      <Link to={`/portal/demands/${d.id}`} className="kc-portal-title-link">{d.title}</Link>
      <div className="kc-portal-tags">
        {d.openCall && <OpenCallTag />}
        <Tag color="blue">{fieldName(d.field)}</Tag>
      </div>
      <Meta parts={[d.orgName, d.regionName, t('market.portal.publishedOn', { date: chinaDay(d.publishedAt) })]} />
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{d.description}</Typography.Paragraph>
      <div className="kc-portal-figures">
        {d.openCall && d.prize != null && <span data-testid="demand-prize">{t('market.portal.prize')}{colon}<span className="kc-portal-prize">{money(d.prize)}</span></span>}
        <span>{t('market.demand.budget')}{colon}{range(d.budgetMin, d.budgetMax)}</span>
        {d.deadline && <span>{t('market.portal.deadline')}{colon}{d.deadline}</span>}
      </div>
    </div>
  );
}

function GoodItem({ item }: { item: PortalGoodItem }) {
  const { t } = useTranslation();
  const lang = useLang();
  const fieldName = useFieldName();
  const level = lang === 'en' ? item.levelNameEn ?? item.levelName : item.levelName;
  return (
    <div className="kc-portal-good-item" data-testid="good-item">
      <span className={`kc-portal-rank kc-portal-rank-${item.seq}`} aria-label={t('market.portal.rank', { rank: item.seq })}>{item.seq}</span>
      <div className="kc-portal-item" style={{ flex: 1 }}>
        <Link to={`/portal/achievements/${item.achievementId}`} className="kc-portal-title-link">{item.title}</Link>
        <div className="kc-portal-tags">
          {level && <Tag color="gold">{level}</Tag>}
          {item.score != null && <Tag>{t('market.portal.score')} {item.score.toFixed(2)}</Tag>}
          <Tag color="blue">{fieldName(item.field)}</Tag>
          <Tag>{t(`market.evaluation.classes.${item.class}`)}</Tag>
        </div>
        <Meta parts={[item.orgName, item.regionName]} />
        {item.summary && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{item.summary}</Typography.Paragraph>}
      </div>
    </div>
  );
}

/** One published list: its title, period, intro and the achievements in their order. */
export function GoodListView({ list, titleLink }: { list: PortalGoodList; titleLink?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="kc-portal-item" style={{ gap: 12 }} data-testid="good-list">
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {titleLink ? <Link to={`/portal/good-achievements/${list.id}`}>{list.title}</Link> : list.title}
        </Typography.Title>
        <div className="kc-portal-tags" style={{ marginTop: 8 }}>
          <Tag color="orange">{t(`market.good.periods.${list.period}`)} · {list.periodOf}</Tag>
          <Meta parts={[list.regionName, t('market.portal.publishedOn', { date: chinaDay(list.publishedAt) }), t('market.portal.items', { count: list.items.length })]} />
        </div>
      </div>
      {list.intro && <Typography.Paragraph style={{ margin: 0 }} className="kc-portal-text">{list.intro}</Typography.Paragraph>}
      {list.items.map((item) => <GoodItem key={item.evaluationId} item={item} />)}
    </div>
  );
}

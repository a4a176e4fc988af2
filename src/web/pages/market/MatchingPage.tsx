// 精准匹配: a demand chosen on the left (?demand=<id>), its ranked achievements and experts on the
// right, each with a score bar and WHY — the shared words as tags (and marked in the title), the
// field, the region and the maturity. 有用 / 不相关 marks are kept to measure precision; staff push
// a match to both sides. An institution starts from its own achievements (?achievement=<id>) and
// sees the demands they could answer; staff can switch between the two.
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Empty, Input, List, Row, Segmented, Space, Spin, Tabs, Tag, Tooltip, Typography } from 'antd';
import { DislikeOutlined, LikeOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext';
import AppPage from '../../components/AppPage';
import {
  achievementApi, demandApi, matchApi, type Achievement, type AchievementMatch, type Demand, type DemandMatch, type ExpertMatch, type Mark, type MatchReasons,
} from './api';
import { ScoreBar, useApiError, useFieldName, useMaturity } from './shared';
import './market.css';

/** `text` with each of `terms` marked. */
export function Highlight({ text, terms }: { text: string; terms: string[] }) {
  const parts = useMemo(() => {
    const wanted = terms.filter(Boolean).sort((a, b) => b.length - a.length);
    if (!wanted.length) return [text];
    const pattern = new RegExp(`(${wanted.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
    return text.split(pattern);
  }, [text, terms]);
  const lower = terms.map((w) => w.toLowerCase());
  return <>{parts.map((p, i) => (lower.includes(p.toLowerCase()) ? <mark key={i} className="kc-match-term">{p}</mark> : p))}</>;
}

/** The reasons of a match as tags: shared words first, then field, region, maturity. */
function Reasons({ reasons, fieldText }: { reasons: MatchReasons; fieldText?: string }) {
  const { t } = useTranslation();
  return (
    <div className="kc-match-reasons" data-testid="match-reasons">
      {reasons.terms.length > 0 && (
        <span className="kc-match-reason-group">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('market.match.sharedTerms')}</Typography.Text>
          {reasons.terms.map((term) => <Tag key={term} color="blue" data-testid="match-term">{term}</Tag>)}
        </span>
      )}
      <Tag color={reasons.field === 'same' ? 'green' : 'default'}>{t(`market.match.field.${reasons.field}`)}{fieldText ? ` · ${fieldText}` : ''}</Tag>
      <Tag color={reasons.region === 'same_region' ? 'green' : reasons.region === 'same_province' ? 'cyan' : 'default'}>{t(`market.match.region.${reasons.region}`)}</Tag>
      {reasons.maturity && <Tag color={reasons.maturity === 'fits' ? 'green' : 'orange'}>{t(`market.match.maturity.${reasons.maturity}`)}</Tag>}
    </div>
  );
}

function MarkButtons({ mark, onMark, extra }: { mark: Mark; onMark: (m: Mark) => void; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Button size="small" type={mark === 'useful' ? 'primary' : 'default'} icon={<LikeOutlined />} onClick={() => onMark(mark === 'useful' ? null : 'useful')}>
        {t('market.match.useful')}
      </Button>
      <Button size="small" danger={mark === 'dismissed'} type={mark === 'dismissed' ? 'primary' : 'default'} icon={<DislikeOutlined />}
        onClick={() => onMark(mark === 'dismissed' ? null : 'dismissed')}>
        {t('market.match.dismiss')}
      </Button>
      {extra}
    </Space>
  );
}

function MatchItem({ rank, title, terms, sub, score, reasons, fieldText, actions, dimmed, testId }: {
  rank: number; title: string; terms: string[]; sub: ReactNode; score: number; reasons: MatchReasons; fieldText?: string; actions?: ReactNode; dimmed?: boolean; testId: string;
}) {
  return (
    <List.Item className={dimmed ? 'kc-match-item kc-match-dimmed' : 'kc-match-item'} data-testid={testId}>
      <div style={{ width: '100%' }}>
        <div className="kc-match-head">
          <span className="kc-match-rank">{rank}</span>
          <div className="kc-match-title">
            <Typography.Text strong><Highlight text={title} terms={terms} /></Typography.Text>
            <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{sub}</Typography.Text></div>
          </div>
          <div className="kc-match-score"><ScoreBar score={score} /></div>
        </div>
        <Reasons reasons={reasons} fieldText={fieldText} />
        {actions && <div style={{ marginTop: 6 }}>{actions}</div>}
      </div>
    </List.Item>
  );
}

type Mode = 'demand' | 'achievement';

/** The left column: the user's demands (or achievements) to match from. */
function Picker({ mode, selected, onSelect }: { mode: Mode; selected: number | null; onSelect: (id: number) => void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const fieldName = useFieldName();
  const [q, setQ] = useState('');
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const query = { q: q || undefined, pageSize: 50, ...(staff ? { status: 'published' } : { mine: 'true' }) };
  const list = useQuery({
    queryKey: ['market', 'match-pick', mode, query],
    queryFn: () => (mode === 'demand' ? demandApi.list(query) : achievementApi.list(query)) as Promise<{ items: (Demand | Achievement)[]; total: number }>,
  });
  const items = list.data?.items ?? [];
  return (
    <Card size="small" title={mode === 'demand' ? t('market.match.pickDemand') : t('market.match.pickAchievement')} className="kc-match-picker">
      <Input.Search allowClear placeholder={t('market.match.search')} onSearch={setQ} style={{ marginBottom: 8 }} />
      <List size="small" loading={list.isLoading} dataSource={items} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('market.match.nothingToPick')} /> }}
        renderItem={(x) => (
          <List.Item className={x.id === selected ? 'kc-match-pick kc-match-pick-on' : 'kc-match-pick'} onClick={() => onSelect(x.id)} data-testid={`pick-${x.id}`}>
            <div>
              <Typography.Text strong={x.id === selected}>{x.title}</Typography.Text>
              <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.orgName} · {fieldName(x.field)}</Typography.Text></div>
            </div>
          </List.Item>
        )} />
    </Card>
  );
}

function DemandMatchesPanel({ demandId }: { demandId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const fieldName = useFieldName();
  const maturity = useMaturity();
  const onError = useApiError();
  const client = useQueryClient();
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const [marks, setMarks] = useState<Record<string, Mark>>({});
  const [pushed, setPushed] = useState<Record<number, boolean>>({});
  const matches = useQuery({ queryKey: ['market', 'matches', 'demand', demandId], queryFn: () => demandApi.matches(demandId) });
  const demand = useQuery({ queryKey: ['market', 'demand', demandId], queryFn: () => demandApi.get(demandId) });
  const terms = useMemo(() => {
    const all = new Set<string>(matches.data?.demand?.terms ?? []);
    for (const a of matches.data?.achievements ?? []) a.reasons.terms.forEach((x) => all.add(x));
    for (const x of matches.data?.experts ?? []) x.reasons.terms.forEach((w) => all.add(w));
    return [...all];
  }, [matches.data]);

  const mark = async (key: string, body: { achievementId?: number; expertId?: number; rank: number; score: number }, value: Mark) => {
    try {
      await matchApi.mark({ demandId, ...body, score: Math.min(100, Math.max(0, body.score)), mark: value });
      setMarks((m) => ({ ...m, [key]: value }));
      message.success(value === 'useful' ? t('market.match.markedUseful') : value === 'dismissed' ? t('market.match.markedDismissed') : t('market.match.markCleared'));
    } catch (error) { onError(error); }
  };
  const push = async (a: AchievementMatch) => {
    try {
      await matchApi.push({ demandId, achievementId: a.id, score: a.score });
      setPushed((p) => ({ ...p, [a.id]: true }));
      message.success(t('market.match.pushed'));
      void client.invalidateQueries({ queryKey: ['market', 'matches', 'demand', demandId] });
    } catch (error) { onError(error); }
  };

  if (matches.isError) return <Alert type="error" showIcon message={(matches.error as Error).message} data-testid="match-error" />;
  if (matches.isLoading) return <Card size="small"><Spin /></Card>;
  const data = matches.data!;
  const d = demand.data;
  const achievementItem = (a: AchievementMatch, i: number) => {
    const key = `a${a.id}`;
    const m = key in marks ? marks[key] : a.mark;
    const isPushed = pushed[a.id] || a.pushed;
    return (
      <MatchItem key={a.id} testId="match-achievement" rank={i + 1} title={a.title} terms={terms} score={a.score} reasons={a.reasons} fieldText={fieldName(a.field)}
        dimmed={m === 'dismissed'}
        sub={<>{a.orgName} · {a.regionName} · {maturity(a.maturity)} · {t(`market.achievement.types.${a.type}`)}</>}
        actions={<MarkButtons mark={m} onMark={(v) => mark(key, { achievementId: a.id, rank: i + 1, score: a.score }, v)}
          extra={staff && (
            <Tooltip title={t('market.match.pushHelp')}>
              <Button size="small" icon={<SendOutlined />} disabled={isPushed} onClick={() => push(a)} data-testid="match-push">
                {isPushed ? t('market.match.pushedTag') : t('market.match.push')}
              </Button>
            </Tooltip>
          )} />} />
    );
  };
  const expertItem = (x: ExpertMatch, i: number) => {
    const key = `e${x.id}`;
    const m = key in marks ? marks[key] : x.mark;
    return (
      <MatchItem key={x.id} testId="match-expert" rank={i + 1} title={`${x.name}${x.title ? ` · ${x.title}` : ''}`} terms={terms} score={x.score} reasons={x.reasons}
        dimmed={m === 'dismissed'}
        sub={<>{x.orgName ?? '—'} · {x.regionName}{x.fields?.length ? ` · ${x.fields.join('、')}` : ''}{x.expertise ? ` · ${x.expertise}` : ''}</>}
        actions={<MarkButtons mark={m} onMark={(v) => mark(key, { expertId: x.id, rank: i + 1, score: x.score }, v)} />} />
    );
  };
  return (
    <Card size="small" data-testid="match-panel"
      title={<div className="kc-match-panel-title">{t('market.match.forDemand')}<Typography.Text strong>{d?.title ?? data.demand?.title}</Typography.Text></div>}>
      {d && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true, symbol: t('market.common.more') }} style={{ fontSize: 12 }}>
          {d.orgName} · {fieldName(d.field)} · <Highlight text={d.description || ''} terms={terms} />
        </Typography.Paragraph>
      )}
      <Tabs items={[
        { key: 'achievements', label: `${t('market.match.achievements')} (${data.achievements.length})`, children: (
          <List dataSource={data.achievements} renderItem={achievementItem} locale={{ emptyText: t('market.match.noAchievements') }} />
        ) },
        { key: 'experts', label: `${t('market.match.experts')} (${data.experts.length})`, children: (
          <List dataSource={data.experts} renderItem={expertItem} locale={{ emptyText: t('market.match.noExperts') }} />
        ) },
      ]} />
    </Card>
  );
}

function AchievementMatchesPanel({ achievementId }: { achievementId: number }) {
  const { t } = useTranslation();
  const fieldName = useFieldName();
  const matches = useQuery({ queryKey: ['market', 'matches', 'achievement', achievementId], queryFn: () => achievementApi.matches(achievementId) });
  if (matches.isError) return <Alert type="error" showIcon message={(matches.error as Error).message} data-testid="match-error" />;
  if (matches.isLoading) return <Card size="small"><Spin /></Card>;
  const data = matches.data!;
  const terms = [...new Set([...(data.achievement?.terms ?? []), ...data.demands.flatMap((d) => d.reasons.terms)])];
  return (
    <Card size="small" data-testid="match-panel"
      title={<div className="kc-match-panel-title">{t('market.match.forAchievement')}<Typography.Text strong>{data.achievement?.title}</Typography.Text></div>}>
      <List dataSource={data.demands} locale={{ emptyText: t('market.match.noDemands') }}
        renderItem={(d: DemandMatch, i) => (
          <MatchItem key={d.id} testId="match-demand" rank={i + 1} title={d.title} terms={terms} score={d.score} reasons={d.reasons} fieldText={fieldName(d.field)}
            sub={<>{d.orgName} · {d.regionName}{d.deadline ? ` · ${t('market.demand.deadlineIs', { date: d.deadline })}` : ''}</>} />
        )} />
    </Card>
  );
}

export default function MatchingPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [search, setSearch] = useSearchParams();
  const staff = user?.role === 'staff' || user?.role === 'admin';
  const initialMode: Mode = search.get('achievement') || user?.role === 'institution' ? 'achievement' : 'demand';
  const [mode, setMode] = useState<Mode>(initialMode);
  const selected = Number(search.get(mode)) || null;
  const select = (id: number) => setSearch({ [mode]: String(id) }, { replace: true });
  return (
    <AppPage>
      {(staff || user?.role === 'institution' || user?.role === 'enterprise') && (
        <Segmented style={{ marginBottom: 12 }} value={mode} onChange={(v) => { setMode(v as Mode); setSearch({}, { replace: true }); }}
          options={[{ value: 'demand', label: t('market.match.byDemand') }, { value: 'achievement', label: t('market.match.byAchievement') }]} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8} xxl={7}><Picker mode={mode} selected={selected} onSelect={select} /></Col>
        <Col xs={24} lg={16} xxl={17}>
          {selected === null
            ? <Card size="small"><Empty description={mode === 'demand' ? t('market.match.chooseDemand') : t('market.match.chooseAchievement')} /></Card>
            : mode === 'demand' ? <DemandMatchesPanel key={selected} demandId={selected} /> : <AchievementMatchesPanel key={selected} achievementId={selected} />}
        </Col>
      </Row>
    </AppPage>
  );
}

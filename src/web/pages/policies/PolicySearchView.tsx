// The search of the policy library: one box, facets, sort, highlighted results. Staff and portal alike.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Card, Checkbox, Col, Empty, Input, List, Pagination, Row, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ListQuery } from '../../api/types';
import type { Facet, PolicyItem, PolicySearch } from './api';
import { Highlighted, LevelTag, StatusTag, highlightCss, useCategories } from './shared';

const FACETS = ['level', 'status', 'category', 'year', 'issuer'] as const;

export default function PolicySearchView(props: {
  search: (q: ListQuery) => Promise<PolicySearch>;
  detailPath: (id: number) => string;
  selectable?: boolean;
  selected?: number[];
  onSelect?: (ids: number[]) => void;
  onQuery?: (q: ListQuery) => void;
  queryKey: string;
}) {
  const { t } = useTranslation();
  const categories = useCategories();
  const [params, setParams] = useSearchParams();
  const query: ListQuery = useMemo(() => Object.fromEntries([...params.entries()]), [params]);
  const [text, setText] = useState(query.q ? String(query.q) : '');
  useEffect(() => setText(query.q ? String(query.q) : ''), [query.q]);
  const result = useQuery({ queryKey: [props.queryKey, query], queryFn: () => props.search({ pageSize: 10, ...query }) });
  useEffect(() => props.onQuery?.(query), [query]); // eslint-disable-line react-hooks/exhaustive-deps

  const set = (changes: ListQuery) => {
    const next = { ...query, ...changes, page: changes.page ?? undefined };
    setParams(Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Record<string, string>);
  };
  const facetLabel = (name: (typeof FACETS)[number], f: Facet) => {
    if (name === 'level') return t(`policies.level.${f.value}`);
    if (name === 'status') return t(`policies.status.${f.value}`);
    if (name === 'category') return categories.name(f.value);
    return f.value;
  };
  const data = result.data;

  return (
    <Row gutter={16}>
      <style>{highlightCss}</style>
      <Col xs={24} md={6}>
        {FACETS.map((name) => (
          <Card key={name} size="small" title={t(`policies.facet.${name}`)} style={{ marginBottom: 12 }} styles={{ body: { maxHeight: 220, overflow: 'auto' } }}>
            {(data?.facets[name] ?? []).length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
            {(data?.facets[name] ?? []).map((f) => {
              const active = String(query[name] ?? '') === f.value;
              return (
                <div key={f.value} style={{ display: 'flex', justifyContent: 'space-between', padding: '2px 0', cursor: 'pointer' }}
                  onClick={() => set({ [name]: active ? undefined : f.value })} data-testid={`facet-${name}-${f.value}`}>
                  <Typography.Text strong={active} style={{ color: active ? '#1677ff' : undefined }} ellipsis>{facetLabel(name, f)}</Typography.Text>
                  <Badge count={f.count} overflowCount={99999} color={active ? '#1677ff' : '#d9d9d9'} style={{ color: active ? '#fff' : '#555' }} />
                </div>
              );
            })}
          </Card>
        ))}
      </Col>
      <Col xs={24} md={18}>
        <Card>
          <Space direction="vertical" style={{ width: '100%' }} size={12}>
            <Input.Search size="large" enterButton={t('policies.search')} allowClear value={text} onChange={(e) => setText(e.target.value)}
              placeholder={t('policies.searchPlaceholder')} onSearch={(q) => set({ q: q.trim() || undefined, sort: undefined })} data-testid="policy-search" />
            <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Text type="secondary">{data ? t('policies.found', { total: data.total }) : ' '}</Typography.Text>
              <Segmented value={String(query.sort ?? (query.q ? 'relevance' : '-issuedOn'))} onChange={(v) => set({ sort: v === 'relevance' ? undefined : String(v) })}
                options={[...(query.q ? [{ value: 'relevance', label: t('policies.sortRelevance') }] : []), { value: '-issuedOn', label: t('policies.sortNewest') }, { value: 'issuedOn', label: t('policies.sortOldest') }]} />
            </Space>
            {Object.entries(query).filter(([k]) => (FACETS as readonly string[]).includes(k)).length > 0 && (
              <Space wrap>
                {FACETS.filter((f) => query[f]).map((f) => (
                  <Tag key={f} closable onClose={() => set({ [f]: undefined })} color="blue">{t(`policies.facet.${f}`)}：{facetLabel(f, { value: String(query[f]), count: 0 })}</Tag>
                ))}
              </Space>
            )}
            {data?.fuzzy && <Alert type="info" showIcon message={t('policies.fuzzy')} />}
            {data?.relaxed && <Alert type="info" showIcon message={t('policies.relaxed')} data-testid="search-relaxed" />}
            <Spin spinning={result.isFetching}>
              {data && data.items.length === 0 ? <Empty description={t('policies.noResults')} /> : (
                <List<PolicyItem> itemLayout="vertical" dataSource={data?.items ?? []} renderItem={(p) => (
                  <List.Item key={p.id} data-testid="policy-result">
                    <Space align="start">
                      {props.selectable && (
                        <Checkbox checked={props.selected?.includes(p.id)} onChange={(e) => props.onSelect?.(e.target.checked
                          ? [...(props.selected ?? []), p.id] : (props.selected ?? []).filter((x) => x !== p.id))} />
                      )}
                      <div>
                        <Link to={props.detailPath(p.id)} style={{ fontSize: 16, fontWeight: 500 }}><Highlighted html={p.titleHighlight} /></Link>
                        <div style={{ margin: '4px 0' }}>
                          <Space size={4} wrap>
                            <LevelTag level={p.level} />
                            <StatusTag status={p.status} />
                            {p.docNumber && <Typography.Text type="secondary">{p.docNumber}</Typography.Text>}
                            <Typography.Text type="secondary">{p.issuer}</Typography.Text>
                            {p.issuedOn && <Typography.Text type="secondary">{p.issuedOn}</Typography.Text>}
                            {p.categories.map((c) => <Tag key={c} bordered={false}>{categories.name(c)}</Tag>)}
                          </Space>
                        </div>
                        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}><Highlighted html={p.highlight} /></Typography.Paragraph>
                      </div>
                    </Space>
                  </List.Item>
                )} />
              )}
            </Spin>
            {data && data.total > data.pageSize && (
              <Pagination current={data.page} pageSize={data.pageSize} total={data.total} showSizeChanger={false} onChange={(page) => set({ page })} style={{ textAlign: 'right' }} />
            )}
          </Space>
        </Card>
      </Col>
    </Row>
  );
}

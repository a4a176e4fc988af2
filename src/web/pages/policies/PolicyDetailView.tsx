// One policy: metadata, benefits, interpretation, version links, attachments and full text.
import { Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { API_BASE } from '../../api/client';
import type { PolicyDetail } from './api';
import { LevelTag, StatusTag, useCategories } from './shared';

export default function PolicyDetailView({ policy, linkTo, attachmentBase = '/policies' }: { policy: PolicyDetail; linkTo: (id: number) => string; attachmentBase?: string }) {
  const { t } = useTranslation();
  const categories = useCategories();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>{policy.title}</Typography.Title>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
          <Descriptions.Item label={t('policies.docNumber')}>{policy.docNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('policies.issuer')}>{policy.issuer || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('policies.levelLabel')}><LevelTag level={policy.level} /> {policy.regionName ?? ''}</Descriptions.Item>
          <Descriptions.Item label={t('policies.issuedOn')}>{policy.issuedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('policies.effectiveOn')}>{policy.effectiveOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('policies.expiresOn')}>{policy.expiresOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('policies.statusLabel')}><StatusTag status={policy.effectiveStatus} /></Descriptions.Item>
          <Descriptions.Item label={t('policies.categories')} span={2}>{policy.categories.map((c) => <Tag key={c}>{categories.name(c)}</Tag>)}</Descriptions.Item>
        </Descriptions>
        {policy.summary && <Typography.Paragraph style={{ marginTop: 16 }}><Typography.Text strong>{t('policies.summary')}：</Typography.Text>{policy.summary}</Typography.Paragraph>}
      </Card>
      {policy.benefits.length > 0 && (
        <Card title={t('policies.benefits')} size="small">
          <List size="small" dataSource={policy.benefits} renderItem={(b) => (
            <List.Item><Space wrap><Tag color="gold">{t(`policies.benefitKind.${b.kind}`)}</Tag>{b.description}{b.amount && <Typography.Text strong>{b.amount}</Typography.Text>}
              {b.requires && b.requires.length > 0 && <Typography.Text type="secondary">{t('policies.benefitNeeds', { tiers: b.requires.map((x) => t(`enterprises.tier.${x}`)).join(t('policies.listSeparator')) })}</Typography.Text>}
            </Space></List.Item>
          )} />
        </Card>
      )}
      {policy.relations.length > 0 && (
        <Card title={t('policies.versions')} size="small">
          <List size="small" dataSource={policy.relations} renderItem={(r) => (
            <List.Item>
              <Space>
                <Tag>{t(`policies.relation.${r.direction}.${r.kind}`)}</Tag>
                <Link to={linkTo(r.id)}>{r.title}</Link>
                {r.docNumber && <Typography.Text type="secondary">{r.docNumber}</Typography.Text>}
                <StatusTag status={r.status} />
              </Space>
            </List.Item>
          )} />
        </Card>
      )}
      {policy.interpretation && (
        <Card title={t('policies.interpretation')} size="small">
          {policy.interpretation.split('\n').map((p, i) => <Typography.Paragraph key={i}>{p}</Typography.Paragraph>)}
        </Card>
      )}
      <Card title={t('policies.text')} size="small">
        {policy.text ? policy.text.split('\n').filter(Boolean).map((p, i) => (
          <Typography.Paragraph key={i} style={{ textIndent: '2em', fontSize: 15, lineHeight: 1.9 }}>{p}</Typography.Paragraph>
        )) : <Empty />}
      </Card>
      {policy.attachments.length > 0 && (
        <Card title={t('policies.attachments')} size="small">
          {policy.attachments.map((a) => <div key={a.id}><a href={`${API_BASE}${attachmentBase}/${policy.id}/attachments/${a.id}`}>{a.fileName}</a> ({Math.ceil(a.size / 1024)} KB)</div>)}
        </Card>
      )}
    </Space>
  );
}

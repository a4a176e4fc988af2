// 审核: the registration (name, USCC with its check, region, contact) beside the documents the
// registrant uploaded (营业执照, 授权书), so 通过 / 驳回 is decided with the licence in view.
import { Alert, Button, Col, Descriptions, Drawer, Empty, Image, Row, Space, Spin, Tag, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { usccProblem } from '../../../domain/uscc';
import type { Organization } from '../../api';
import { api, API_BASE } from '../../api/client';
import { formatDateTime } from '../../components/listQuery';

interface RegistrationDocument { id: number; kind: 'license' | 'authorization'; fileName: string; contentType: string; size: number; createdAt: string }

const documentUrl = (orgId: string | number, docId: number) => `${API_BASE}/organizations/${orgId}/documents/${docId}`;

function DocumentView({ orgId, doc }: { orgId: string; doc: RegistrationDocument }) {
  const { t } = useTranslation();
  const url = documentUrl(orgId, doc.id);
  return (
    <div style={{ marginBottom: 16 }} data-testid={`document-${doc.kind}`}>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text strong>{t(`registrations.doc.${doc.kind}`)}</Typography.Text>
        <Typography.Link href={url} target="_blank" rel="noopener">{doc.fileName}</Typography.Link>
        <Typography.Text type="secondary">{(doc.size / 1024).toFixed(0)} KB</Typography.Text>
      </Space>
      {doc.contentType === 'application/pdf'
        ? <object data={url} type="application/pdf" style={{ width: '100%', height: 420, border: '1px solid #f0f0f0' }} aria-label={doc.fileName}>
            <Typography.Link href={url} target="_blank" rel="noopener"><FilePdfOutlined /> {t('registrations.openPdf')}</Typography.Link>
          </object>
        : <Image src={url} alt={doc.fileName} style={{ maxHeight: 420, objectFit: 'contain', border: '1px solid #f0f0f0' }} width="100%" />}
    </div>
  );
}

export default function ReviewDrawer({ org, onClose, onApprove, onReject }: {
  org: Organization | null; onClose: () => void; onApprove: (org: Organization) => void; onReject: (org: Organization) => void;
}) {
  const { t } = useTranslation();
  const docs = useQuery({
    queryKey: ['organizations', org?.id, 'documents'],
    queryFn: () => api.get<{ items: RegistrationDocument[] }>(`/organizations/${org!.id}/documents`),
    enabled: !!org,
  });
  if (!org) return null;
  const problem = usccProblem(org.uscc);
  const items = docs.data?.items ?? [];
  const hasLicence = items.some((d) => d.kind === 'license');
  return (
    <Drawer open title={t('registrations.reviewTitle', { name: org.name })} width="min(1100px, 100vw)" onClose={onClose} destroyOnClose
      extra={org.status === 'pending' && (
        <Space>
          <Button danger onClick={() => onReject(org)} data-testid="review-reject">{t('registrations.reject')}</Button>
          <Button type="primary" onClick={() => onApprove(org)} data-testid="review-approve">{t('registrations.approve')}</Button>
        </Space>
      )}>
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={9}>
          <Descriptions column={1} bordered size="small" title={t('registrations.details')}>
            <Descriptions.Item label={t('registrations.name')}><Typography.Text strong>{org.name}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={t('registrations.uscc')}>
              <Space wrap>
                <Typography.Text copyable style={{ fontFamily: 'monospace' }}>{org.uscc}</Typography.Text>
                {problem ? <Tag color="error">{t('registrations.usccBad')}</Tag> : <Tag color="success">{t('registrations.usccOk')}</Tag>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('registrations.region')}>{org.regionName ?? org.regionCode}（{org.regionCode}）</Descriptions.Item>
            <Descriptions.Item label={t('registrations.kind')}>{t(`orgKind.${org.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('registrations.contactName')}>{org.contactName} {org.contactPhone ?? ''}</Descriptions.Item>
            <Descriptions.Item label={t('registrations.createdAt')}>{formatDateTime(org.createdAt, true)}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{t('registrations.compareHint')}</Typography.Paragraph>
        </Col>
        <Col xs={24} lg={15}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>{t('registrations.documents')}</Typography.Title>
          {docs.isPending ? <Spin /> : docs.isError ? <Alert type="error" showIcon message={(docs.error as Error).message} /> : (
            <>
              {!hasLicence && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('registrations.noLicence')} />}
              {items.length ? items.map((d) => <DocumentView key={d.id} orgId={String(org.id)} doc={d} />) : <Empty description={t('registrations.noDocuments')} />}
            </>
          )}
        </Col>
      </Row>
    </Drawer>
  );
}

// A firm's contact mobile as the viewer may see it: masked for staff (138****1234) with a
// 查看完整号码 action that asks the server for it (the server checks the region and audits who
// saw whose number), then shown as a tel: link so staff can call.
import { useState } from 'react';
import { App, Button, Space, Typography } from 'antd';
import { EyeOutlined, PhoneOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { enterpriseApi } from './api';

export default function ContactPhone({ enterpriseId, phone, canReveal }: { enterpriseId: number; phone: string | null; canReveal: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!phone) return null;
  const shown = full ?? phone;
  const masked = shown.includes('*');
  const reveal = async () => {
    setBusy(true);
    try {
      setFull((await enterpriseApi.revealPhone(enterpriseId)).contactPhone);
    } catch (error) {
      message.error(isApiError(error) ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space size={4} wrap>
      {masked ? <Typography.Text type="secondary">{shown}</Typography.Text>
        : <Typography.Link href={`tel:${shown}`} data-testid="contact-phone-full"><PhoneOutlined /> {shown}</Typography.Link>}
      {masked && canReveal && (
        <Button type="link" size="small" icon={<EyeOutlined />} loading={busy} onClick={reveal} data-testid="reveal-phone">
          {t('enterprises.revealPhone')}
        </Button>
      )}
    </Space>
  );
}

import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import LanguageSwitch from './LanguageSwitch';
import { Logo } from './Logo';

/** The frame of the pages before sign-in: product name, language switch, a centred card. */
export default function AuthShell({ children, width = 420 }: { children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(160deg, #e6f0ff 0%, #f5f7fa 45%, #eef6f0 100%)',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: '12px 24px' }}>
        <LanguageSwitch />
      </div>
      <div style={{ flex: 1, display: 'flex', flexDirection: 'column', alignItems: 'center', padding: '8px 16px 48px' }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 12, marginTop: 24 }}>
          <Logo />
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('app.name')} · {t('app.fullName')}
          </Typography.Title>
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 28 }}>
          {t('app.slogan')}
        </Typography.Paragraph>
        <Card style={{ width: '100%', maxWidth: width, boxShadow: '0 6px 24px rgba(0, 40, 100, 0.08)' }}>{children}</Card>
      </div>
      <div style={{ textAlign: 'center', color: 'rgba(0,0,0,0.45)', padding: '16px 0' }}>
        © {new Date().getFullYear()} {t('app.copyright')}
      </div>
    </div>
  );
}

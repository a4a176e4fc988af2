import { Dropdown, Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n';

/** Switches the UI language (zh-CN / en); the choice is persisted by i18n.ts. `compact`: the icon only (phones). */
export default function LanguageSwitch({ light = false, compact = false }: { light?: boolean; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Dropdown
      menu={{
        selectable: true,
        selectedKeys: [i18n.language],
        items: LANGUAGES.map((lng) => ({ key: lng, label: t(`lang.${lng}`) })),
        onClick: ({ key }) => void setLanguage(key as Language),
      }}
      placement="bottomRight"
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('lang.label')} style={light ? { color: '#fff' } : undefined}>
        {compact ? null : t(`lang.${i18n.language === 'en' ? 'en' : 'zh-CN'}`)}
      </Button>
    </Dropdown>
  );
}

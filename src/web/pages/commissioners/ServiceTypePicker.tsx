// The service type as big buttons (a thumb on a phone in the field, not a dropdown).
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { SERVICE_TYPES, type ServiceType } from './api';

export default function ServiceTypePicker({ value, onChange }: { value?: ServiceType; onChange?: (v: ServiceType) => void }) {
  const { t } = useTranslation();
  return (
    <div className="kc-service-types" role="radiogroup">
      {SERVICE_TYPES.map((type) => (
        <Button key={type} role="radio" aria-checked={value === type} type={value === type ? 'primary' : 'default'} onClick={() => onChange?.(type)}>
          {t(`commissioners.serviceType.${type}`)}
        </Button>
      ))}
    </div>
  );
}

import { Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import ChangePasswordForm from './ChangePasswordForm';

export default function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal title={t('password.title')} open={open} onCancel={onClose} footer={null} destroyOnHidden width={440}>
      <ChangePasswordForm onDone={onClose} />
    </Modal>
  );
}

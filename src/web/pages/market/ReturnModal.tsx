// 退回修改: staff return a submitted achievement or demand to its organisation with a reason.
import { useState } from 'react';
import { Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

export default function ReturnModal({ open, onClose, onOk }: { open: boolean; onClose: () => void; onOk: (reason: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Modal open={open} title={t('market.common.returnAction')} onCancel={onClose} destroyOnHidden
      onOk={() => { if (reason.trim()) { onOk(reason.trim()); setReason(''); } }} okButtonProps={{ disabled: !reason.trim() }}>
      <Input.TextArea rows={4} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('market.common.returnReason')} maxLength={2000} />
    </Modal>
  );
}

import { App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { authApi, isApiError } from '../api';
import { useAuth } from '../auth/AuthContext';
import { applyFieldErrors, passwordRule } from './rules';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** Old password, new password (with the platform's rules) and confirmation. */
export default function ChangePasswordForm({ onDone, submitText }: { onDone?: () => void; submitText?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user, refresh } = useAuth();
  const [form] = Form.useForm<Values>();

  const submit = async (values: Values) => {
    try {
      await authApi.changePassword({ oldPassword: values.oldPassword, newPassword: values.newPassword });
      message.success(t('password.success'));
      form.resetFields();
      await refresh();
      onDone?.();
    } catch (error) {
      if (isApiError(error)) {
        if (!applyFieldErrors(form, error.fields, ['oldPassword', 'newPassword'])) message.error(error.message);
      } else throw error;
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      <Form.Item name="oldPassword" label={t('password.old')} rules={[{ required: true, message: t('password.oldRequired') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={t('register.passwordHelp')}
        dependencies={['oldPassword']}
        rules={[
          { required: true, message: t('password.newRequired') },
          passwordRule(t, () => user?.username),
          ({ getFieldValue }) => ({
            validator: async (_r, value: string | undefined) => {
              if (value && value === getFieldValue('oldPassword')) throw new Error(t('password.sameAsOld'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('register.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: async (_r, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('register.confirmMismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block>
        {submitText ?? t('common.save')}
      </Button>
    </Form>
  );
}

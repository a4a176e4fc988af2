import { useState } from 'react';
import { Alert, App, Button, Cascader, Col, Divider, Form, Input, Radio, Result, Row, Typography, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError, type OrgKind } from '../../api';
import { api } from '../../api/client';
import AuthShell from '../../components/AuthShell';
import { applyFieldErrors, passwordRule, phoneRule, usccRule, USERNAME_PATTERN } from '../../components/rules';
import { useRegions } from '../../components/useRegions';

interface Values {
  kind: OrgKind;
  name: string;
  uscc: string;
  region: string[];
  contactName: string;
  phone: string;
  username: string;
  password: string;
  confirm: string;
  license: UploadFile[];
  authorization?: UploadFile[];
}

const FIELDS: (keyof Values)[] = ['kind', 'name', 'uscc', 'region', 'contactName', 'phone', 'username', 'password', 'license', 'authorization'];

// the server decides the type by the file's content; this is the first, friendlier check
const DOCUMENT_ACCEPT = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf';
const MAX_DOCUMENT_MB = 5;

/** A chosen document must be JPG, PNG or PDF and at most MAX_DOCUMENT_MB (the server checks the content again). */
function documentRule(t: (key: string, options?: Record<string, unknown>) => string) {
  return {
    validator: async (_rule: unknown, files: UploadFile[] | undefined) => {
      const file = files?.[0];
      if (!file) return;
      if (!/\.(jpe?g|png|pdf)$/i.test(file.name)) throw new Error(t('register.documentType'));
      if ((file.size ?? 0) > MAX_DOCUMENT_MB * 1024 * 1024) throw new Error(t('register.documentTooLarge', { mb: MAX_DOCUMENT_MB }));
    },
  };
}

/** Self-registration of an enterprise or institution with its 营业执照, reviewed by the local bureau. */
export default function RegisterPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const regions = useRegions();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (values: Values) => {
    setBusy(true);
    try {
      // one multipart request: the registration and its 营业执照 (and 授权书) are stored together
      const form = new FormData();
      const fields: Record<string, string> = {
        kind: values.kind,
        name: values.name.trim(),
        uscc: values.uscc.trim().toUpperCase(),
        regionCode: values.region[values.region.length - 1],
        contactName: values.contactName.trim(),
        phone: values.phone.trim(),
        username: values.username.trim(),
        password: values.password,
      };
      for (const [key, value] of Object.entries(fields)) form.append(key, value);
      const licence = values.license?.[0]?.originFileObj;
      if (licence) form.append('license', licence, licence.name);
      const letter = values.authorization?.[0]?.originFileObj;
      if (letter) form.append('authorization', letter, letter.name);
      await api.upload('/auth/register-with-license', form);
      setDone(values.username.trim());
    } catch (error) {
      if (!isApiError(error)) throw error;
      const fields = error.fields ? { ...error.fields } : undefined;
      if (fields?.regionCode) fields.region = fields.regionCode;
      if (!applyFieldErrors(form, fields, FIELDS)) message.error(error.message);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <AuthShell width={560}>
        <Result
          status="success"
          title={t('register.successTitle')}
          subTitle={t('register.successText', { username: done })}
          extra={
            <Link to="/login">
              <Button type="primary">{t('register.toLogin')}</Button>
            </Link>
          }
        />
      </AuthShell>
    );
  }

  return (
    <AuthShell width={640}>
      <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }}>
        {t('register.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('register.subtitle')}</Typography.Paragraph>
      {regions.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('register.regionsFailed', { message: (regions.error as Error).message })} />
      )}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'enterprise' }} scrollToFirstError>
        <Form.Item name="kind" label={t('register.kind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid">
            <Radio value="enterprise">{t('orgKind.enterprise')}</Radio>
            <Radio value="institution">{t('orgKind.institution')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="name" label={t('register.name')} rules={[{ required: true, whitespace: true, message: t('register.nameRequired') }]}>
          <Input placeholder={t('register.namePlaceholder')} maxLength={100} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="uscc"
              label={t('register.uscc')}
              extra={t('register.usccHelp')}
              normalize={(value: string) => value?.toUpperCase().replace(/\s/g, '')}
              rules={[{ required: true, message: t('register.usccRequired') }, usccRule(t)]}
            >
              <Input placeholder={t('register.usccPlaceholder')} maxLength={18} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="region" label={t('register.region')} rules={[{ required: true, message: t('register.regionRequired') }]}>
              <Cascader
                options={regions.options}
                changeOnSelect
                showSearch
                placeholder={t('register.regionPlaceholder')}
                loading={regions.isLoading}
                expandTrigger="hover"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="contactName" label={t('register.contactName')} rules={[{ required: true, whitespace: true, message: t('register.contactNameRequired') }]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('register.phone')} rules={[{ required: true, message: t('register.phoneRequired') }, phoneRule(t)]}>
              <Input maxLength={11} />
            </Form.Item>
          </Col>
        </Row>
        <Divider orientation="left" plain>
          {t('register.documents')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="license" label={t('register.license')} extra={t('register.documentHelp', { mb: MAX_DOCUMENT_MB })}
              valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
              rules={[{ required: true, message: t('register.licenseRequired') }, documentRule(t)]}>
              <Upload accept={DOCUMENT_ACCEPT} maxCount={1} beforeUpload={() => false} listType="text">
                <Button icon={<UploadOutlined />}>{t('register.chooseFile')}</Button>
              </Upload>
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="authorization" label={t('register.authorization')} extra={t('register.authorizationHelp')}
              valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)} rules={[documentRule(t)]}>
              <Upload accept={DOCUMENT_ACCEPT} maxCount={1} beforeUpload={() => false} listType="text">
                <Button icon={<UploadOutlined />}>{t('register.chooseFile')}</Button>
              </Upload>
            </Form.Item>
          </Col>
        </Row>
        <Divider orientation="left" plain>
          {t('register.account')}
        </Divider>
        <Form.Item
          name="username"
          label={t('register.username')}
          rules={[
            { required: true, message: t('register.usernameRequired') },
            { pattern: USERNAME_PATTERN, message: t('register.usernameInvalid') },
          ]}
        >
          <Input autoComplete="username" maxLength={64} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="password"
              label={t('register.password')}
              dependencies={['username']}
              rules={[{ required: true, message: t('register.passwordRequired') }, passwordRule(t, () => form.getFieldValue('username'))]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="confirm"
              label={t('register.confirm')}
              dependencies={['password']}
              rules={[
                { required: true, message: t('register.confirmRequired') },
                ({ getFieldValue }) => ({
                  validator: async (_r, value: string | undefined) => {
                    if (value && value !== getFieldValue('password')) throw new Error(t('register.confirmMismatch'));
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('register.passwordHelp')}
        </Typography.Paragraph>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          {t('register.submit')}
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Typography.Text type="secondary">{t('register.haveAccount')}</Typography.Text> <Link to="/login">{t('register.toLogin')}</Link>
      </div>
    </AuthShell>
  );
}

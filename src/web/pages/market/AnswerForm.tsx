// 答题: a proposal to a published demand (an institution, enterprise or expert), or an own answer
// changed while it is submitted. Price in 万元.
import { useState } from 'react';
import { Col, Form, Input, InputNumber, Modal, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { answerApi, demandApi, type Answer, type AnswerInput } from './api';
import { useApiError, wanToYuan, yuanToWan } from './shared';

type Values = Omit<AnswerInput, 'price'> & { priceWan?: number | null };

export default function AnswerForm({ demand, answer, open, onClose, onSaved }: {
  demand?: { id: number; title: string }; answer?: Answer; open: boolean; onClose: () => void; onSaved: (id: number) => void;
}) {
  const { t } = useTranslation();
  const onError = useApiError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    const body: AnswerInput = { proposal: v.proposal.trim(), plan: v.plan ?? '', price: v.priceWan == null ? null : wanToYuan(v.priceWan), durationMonths: v.durationMonths ?? null };
    setBusy(true);
    try {
      if (answer) { await answerApi.update(answer.id, { ...body, version: answer.version }); onSaved(answer.id); }
      else onSaved((await demandApi.answer(demand!.id, body)).id);
    } catch (error) { onError(error, form, ['proposal', 'plan', 'durationMonths']); } finally { setBusy(false); }
  };
  return (
    <Modal open={open} title={answer ? t('market.answer.update') : t('market.demand.answer')} onCancel={onClose} onOk={save} confirmLoading={busy}
      okText={answer ? t('market.common.save') : t('market.answer.submit')} width={720} destroyOnHidden>
      <Typography.Paragraph strong>{answer?.demandTitle ?? demand?.title}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="answer" preserve={false}
        initialValues={answer ? { ...answer, priceWan: answer.price == null ? null : yuanToWan(answer.price) } : {}}>
        <Form.Item name="proposal" label={t('market.answer.proposal')} rules={[{ required: true, whitespace: true, max: 20000 }]}><Input.TextArea rows={6} /></Form.Item>
        <Form.Item name="plan" label={t('market.answer.plan')}><Input.TextArea rows={4} /></Form.Item>
        <Row gutter={16}>
          <Col span={12}><Form.Item name="priceWan" label={t('market.answer.priceWan')}><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={12}><Form.Item name="durationMonths" label={t('market.answer.durationMonths')}><InputNumber min={1} max={240} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}

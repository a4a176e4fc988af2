// Shared bits of the 项目管理 pages: status tags, money in 万元, call times in Beijing time, the
// fields to pick from, an organisation picker, server errors on forms and the application timeline.
import { useMemo, useState } from 'react';
import { App, Grid, Select, Space, Tag, Timeline, Typography } from 'antd';
import type { Breakpoint } from 'antd/es/_util/responsiveObserver';
import type { FormInstance } from 'antd/es/form';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError, orgApi } from '../../api';
import { applyFieldErrors } from '../../components/rules';
import { formatMoney, wanText, wanToYuan, yuanToWan } from '../../../domain/money';
import { HIGHTECH_FIELDS, HIGHTECH_FIELD_EN } from '../../../domain/eligibility/types';
import type { ApplicationStatus, AssignmentStatus, CallState, ReserveStatus, TimelineEvent } from './api';

export { wanText, wanToYuan, yuanToWan };

/** Columns a phone does without (antd's `responsive`): shown from md up. */
export const FROM_MD: Breakpoint[] = ['md'];

/** Whether the screen is wide enough (md and up) for the full tables. */
export function useWide(): boolean {
  return Grid.useBreakpoint().md ?? true;
}

/** Money as people read it: 45.86 万元 / 45.86 × 10k yuan. */
export function useMoney() {
  const { i18n } = useTranslation();
  return (yuan: number | null | undefined) => formatMoney(yuan, i18n.language === 'en' ? 'en' : 'zh-CN');
}

const STATUS_COLORS: Record<ApplicationStatus, string> = {
  draft: 'default', submitted: 'processing', recommended: 'processing', returned: 'warning', withdrawn: 'default',
  formal_passed: 'cyan', formal_failed: 'error', under_review: 'blue', reviewed: 'geekblue', approved: 'success', not_approved: 'error',
  publicized: 'gold', contracted: 'purple', midterm_passed: 'purple', accepted: 'success', acceptance_failed: 'error', closed: 'default', terminated: 'error',
};

export function StatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>{t(`projects.status.${status}`)}</Tag>;
}

const CALL_STATE_COLORS: Record<CallState, string> = { draft: 'default', upcoming: 'blue', open: 'success', closed: 'default' };
export function CallStateTag({ state }: { state: CallState }) {
  const { t } = useTranslation();
  return <Tag color={CALL_STATE_COLORS[state]} style={{ marginInlineEnd: 0 }}>{t(`projects.callState.${state}`)}</Tag>;
}

const REVIEW_COLORS: Record<AssignmentStatus, string> = { assigned: 'warning', declared: 'processing', submitted: 'success', declined: 'default' };
export function ReviewStatusTag({ status }: { status: AssignmentStatus }) {
  const { t } = useTranslation();
  return <Tag color={REVIEW_COLORS[status]} style={{ marginInlineEnd: 0 }}>{t(`projects.reviewStatus.${status}`)}</Tag>;
}

const RESERVE_COLORS: Record<ReserveStatus, string> = { reserve: 'default', arguing: 'processing', applied: 'blue', approved: 'success', dropped: 'default' };
export function ReserveStatusTag({ status }: { status: ReserveStatus }) {
  const { t } = useTranslation();
  return <Tag color={RESERVE_COLORS[status]} style={{ marginInlineEnd: 0 }}>{t(`projects.reserveStatus.${status}`)}</Tag>;
}

// ---- times: a call opens and closes at instants on the server clock, shown and entered in Beijing time

const CHINA_OFFSET_MS = 8 * 3600_000;

/** An instant as Beijing wall time: 2026-05-31 17:00. */
export function chinaTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const s = new Date(ms + CHINA_OFFSET_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

/** A picked wall time, read as Beijing time, as the instant the API takes: 2026-05-31T17:00:00+08:00. */
export function toChinaInstant(d: Dayjs): string {
  return `${d.format('YYYY-MM-DDTHH:mm')}:00+08:00`;
}

/** An instant as the picker's value (its Beijing wall time). */
export function fromChinaInstant(iso: string): Dayjs {
  return dayjs(chinaTime(iso).replace(' ', 'T'));
}

/** A date picker's value as YYYY-MM-DD. */
export function dateOnly(value: Dayjs | string | null | undefined): string {
  if (!value) return '';
  return typeof value === 'string' ? value.slice(0, 10) : value.format('YYYY-MM-DD');
}

/** Today in China (UTC+8) as YYYY-MM-DD. */
export const todayInChina = () => new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 10);

// ---- fields: the eight 高新技术领域 and the bureau's rural and social programmes

export const PROJECT_FIELDS: { zh: string; en: string }[] = [
  ...HIGHTECH_FIELDS.map((zh) => ({ zh, en: HIGHTECH_FIELD_EN[zh].replace(/^./, (c) => c.toUpperCase()) })),
  { zh: '现代农业', en: 'Modern agriculture' },
  { zh: '社会发展', en: 'Social development' },
];

export function fieldLabel(field: string, lang: string): string {
  if (lang !== 'en') return field;
  return PROJECT_FIELDS.find((f) => f.zh === field)?.en ?? field;
}

export function useFieldOptions() {
  const { i18n } = useTranslation();
  return useMemo(() => PROJECT_FIELDS.map((f) => ({ value: f.zh, label: i18n.language === 'en' ? f.en : f.zh })), [i18n.language]);
}

// ---- organisations (partners, an expert's employer, a declared relation, a reserve item's lead)

/** A search-as-you-type select of approved organisations (ids), as far as the user may list them. */
export function OrgPicker({ value, onChange, multiple, placeholder, initial = [] }: {
  value?: number | number[] | null; onChange?: (v: any) => void; multiple?: boolean; placeholder?: string; initial?: { id: number; name: string }[];
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['projects', 'org-pick', q],
    queryFn: () => orgApi.list({ q: q || undefined, status: 'approved', pageSize: 20 }),
    staleTime: 60_000,
  });
  const options = useMemo(() => {
    const seen = new Map<number, string>(initial.map((o) => [o.id, o.name]));
    for (const o of found.data?.items ?? []) seen.set(Number(o.id), o.name);
    return [...seen].map(([id, name]) => ({ value: id, label: name }));
  }, [found.data, initial]);
  return (
    <Select mode={multiple ? 'multiple' : undefined} allowClear showSearch filterOption={false} onSearch={setQ} value={value ?? undefined}
      onChange={onChange} options={options} loading={found.isFetching} placeholder={placeholder ?? t('projects.orgSearch')} style={{ width: '100%' }}
      notFoundContent={found.isFetching ? t('common.loading') : t('projects.orgNone')} />
  );
}

// ---- errors

/** A failed request: `fields` onto the form where it has them, else the message. Returns false (the form stays open). */
export function useApiError() {
  const { message } = App.useApp();
  return (error: unknown, form?: FormInstance, known: string[] = []): false => {
    if (!isApiError(error)) {
      message.error(String(error));
      return false;
    }
    if (!form || !applyFieldErrors(form as FormInstance<Record<string, unknown>>, error.fields, known)) {
      const detail = error.fields ? Object.values(error.fields).join('；') : '';
      message.error(detail && error.code === 'VALIDATION_FAILED' ? `${error.message}：${detail}` : error.message);
    }
    return false;
  };
}

// ---- the timeline of an application

const BAD_ACTIONS = new Set(['formal_return', 'formal_fail', 'recommend_return', 'reject', 'midterm_fail', 'accept_fail', 'terminate', 'withdraw', 'objection']);
const GOOD_ACTIONS = new Set(['formal_pass', 'recommend', 'approve', 'publicize', 'contract', 'midterm_pass', 'accept_pass', 'close', 'finish_review', 'tranche']);

/** Every transition of an application, oldest first: what happened, from → to, the comment, who and when. */
export function ApplicationTimeline({ events, tranches = [] }: { events: TimelineEvent[]; tranches?: { amount: number; paidOn: string; note: string }[] }) {
  const { t } = useTranslation();
  const money = useMoney();
  // a tranche's row carries the server's sentence in Chinese ("35.00 万元（2026-06-24）：…"): said in
  // the UI's language from the tranche itself when it is found (same day and amount)
  const trancheText = (comment: string | null) => {
    const day = comment?.match(/\d{4}-\d{2}-\d{2}/)?.[0];
    const wan = comment?.match(/^([\d,]+\.\d{2})/)?.[1];
    const found = tranches.find((x) => x.paidOn === day && (!wan || wanText(x.amount) === wan));
    return found ? `${money(found.amount)} · ${found.paidOn}${found.note ? ` · ${found.note}` : ''}` : comment;
  };
  return (
    <div data-testid="application-timeline">
    <Timeline
      items={events.map((e) => ({
        color: BAD_ACTIONS.has(e.action) ? 'red' : GOOD_ACTIONS.has(e.action) ? 'green' : 'blue',
        children: (
          <div>
            <Space size={[8, 2]} wrap>
              <Typography.Text strong>{t(`projects.action.${e.action}`)}</Typography.Text>
              {e.from !== e.to && <StatusTag status={e.to} />}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{chinaTime(e.at)}{e.actor ? ` · ${e.actor}` : ''}</Typography.Text>
            </Space>
            {e.comment && <div style={{ whiteSpace: 'pre-wrap', marginTop: 2 }}>{e.action === 'tranche' ? trancheText(e.comment) : e.comment}</div>}
          </div>
        ),
      }))}
    />
    </div>
  );
}

/** The application's stage along its main road, for a Steps bar (index and whether it went wrong). */
export function stageOf(status: ApplicationStatus): { current: number; failed: boolean } {
  const STAGES: ApplicationStatus[][] = [
    ['draft', 'withdrawn'], ['submitted', 'recommended', 'returned'], ['formal_passed', 'formal_failed'], ['under_review', 'reviewed'],
    ['approved', 'not_approved', 'publicized'], ['contracted', 'midterm_passed', 'terminated'], ['accepted', 'acceptance_failed', 'closed'],
  ];
  const current = STAGES.findIndex((s) => s.includes(status));
  return { current, failed: ['withdrawn', 'returned', 'formal_failed', 'not_approved', 'terminated', 'acceptance_failed'].includes(status) };
}
export const STAGE_KEYS = ['draft', 'submitted', 'formal', 'review', 'decision', 'execution', 'acceptance'] as const;

/**
 * Delivery adapters: how a message of the outbox leaves the platform. There is no gateway in
 * development, so the default writes one line to stderr; a real SMS or mail gateway is a webhook
 * (KECHUANG_SMS_WEBHOOK, KECHUANG_EMAIL_WEBHOOK, KECHUANG_WECHAT_WEBHOOK) that receives the
 * message as JSON. Tests use the recording adapter.
 */
import type { Config } from '../config';

export type Channel = 'sms' | 'email' | 'wechat';
export const CHANNELS: Channel[] = ['sms', 'email', 'wechat'];

export interface OutboxMessage {
  channel: Channel;
  recipient: string;
  payload: Record<string, unknown>;
}

export interface DeliveryAdapter {
  /** Resolves when the gateway accepted the message; throws otherwise (the worker retries). */
  send(message: OutboxMessage): Promise<void>;
}

/** One adapter per channel. */
export type Delivery = Record<Channel, DeliveryAdapter>;

/** Keeps the middle of a phone number or mailbox out of logs. */
function mask(recipient: string): string {
  if (recipient.length <= 4) return '****';
  const at = recipient.indexOf('@');
  if (at > 0) return `${recipient.slice(0, 1)}***${recipient.slice(at)}`;
  return `${recipient.slice(0, 3)}****${recipient.slice(-4)}`;
}

export function logAdapter(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): DeliveryAdapter {
  return {
    async send({ channel, recipient, payload }) {
      const text = typeof payload.text === 'string' ? payload.text : JSON.stringify(payload);
      write(`[outbox] ${channel} → ${mask(recipient)}: ${text}`);
    },
  };
}

/** POSTs `{ channel, recipient, payload }`; anything but 2xx (or no answer in `timeoutMs`) is a failure. */
export function webhookAdapter(url: string, timeoutMs = 10_000): DeliveryAdapter {
  return {
    async send(message) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        // bounded well below the outbox lease, so that no other server picks the row meanwhile
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) {
        const text = await res.text().catch(() => '');
        throw new Error(`webhook answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
      }
      await res.body?.cancel().catch(() => {});
    },
  };
}

export interface RecordingAdapter extends DeliveryAdapter {
  readonly sent: OutboxMessage[];
  readonly count: number;
}

/** For tests: keeps every message it was given. */
export function recordingAdapter(): RecordingAdapter {
  const sent: OutboxMessage[] = [];
  return {
    sent,
    get count() { return sent.length; },
    async send(message) { sent.push(structuredClone(message)); },
  };
}

/** The same adapter for every channel. */
export function deliveryFor(adapter: DeliveryAdapter): Delivery {
  return { sms: adapter, email: adapter, wechat: adapter };
}

/** Per channel: its webhook when configured, else the stderr log. */
export function deliveryFromConfig(config: Pick<Config, 'smsWebhook' | 'emailWebhook' | 'wechatWebhook'>): Delivery {
  const log = logAdapter();
  const pick = (url: string | null) => (url ? webhookAdapter(url) : log);
  return { sms: pick(config.smsWebhook), email: pick(config.emailWebhook), wechat: pick(config.wechatWebhook) };
}

/**
 * A few demo notifications (消息), so that the header's bell of a demo enterprise is not empty on
 * first start: 陇东能源装备 (qy_ent1, 庆阳) hears that its statistics of last year were confirmed and
 * that a policy of 庆阳 suits it (both unread), and, read long ago, that its registration was approved.
 */
import type { Queryable } from '../db/database';

interface DemoNotification {
  username: string;
  kind: string;
  title: [string, string];
  body: [string, string];
  link: string | null;
  /** how long ago it was written */
  hoursAgo: number;
  read: boolean;
}

function demoNotifications(year: number): DemoNotification[] {
  return [
    { username: 'qy_ent1', kind: 'registration.approved', link: '/', hoursAgo: 24 * 40, read: true,
      title: ['注册已通过审核', 'Your registration was approved'],
      body: ['庆阳市陇东能源装备科技有限公司 的注册已通过审核，可以登录使用平台。', 'The registration of 庆阳市陇东能源装备科技有限公司 was approved: you can now sign in.'] },
    { username: 'qy_ent1', kind: 'stat.confirmed', link: '/my-enterprise?tab=stats', hoursAgo: 26, read: false,
      title: [`${year} 年度统计数据已确认`, `Your ${year} statistics were confirmed`],
      body: [`西峰区科技局已确认贵单位 ${year} 年度统计数据，可在“我的企业 · 年度统计”中查看。`,
        `The Xifeng district bureau confirmed your figures for ${year}; see My enterprise · Statistics.`] },
    { username: 'qy_ent1', kind: 'policy.matched', link: '/my-policies', hoursAgo: 5, read: false,
      title: ['有新的可享政策：庆阳市科技创新券管理办法（试行）', 'A new policy for you: Qingyang innovation voucher measures (trial)'],
      body: ['根据贵单位的资质与年度数据，可申领科技创新券，用于购买检验检测、研发设计等科技服务。',
        'From your status and annual figures you may apply for innovation vouchers, to buy testing, R&D design and other technology services.'] },
  ];
}

/** Inserts the demo notifications (of the demo users that exist); returns how many. */
export async function seedDemoNotifications(tx: Queryable, year = new Date().getUTCFullYear() - 1): Promise<number> {
  let count = 0;
  for (const n of demoNotifications(year)) {
    const { rowCount } = await tx.query(
      `INSERT INTO notification (user_id, kind, title, title_en, body, body_en, link, read_at, created_at)
       SELECT id, $2, $3, $4, $5, $6, $7,
              CASE WHEN $9::boolean THEN now() - make_interval(hours => $8::int) + interval '1 hour' END,
              now() - make_interval(hours => $8::int)
         FROM app_user WHERE username = $1`,
      [n.username, n.kind, n.title[0], n.title[1], n.body[0], n.body[1], n.link, n.hoursAgo, n.read],
    );
    count += rowCount ?? 0;
  }
  return count;
}

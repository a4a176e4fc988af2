/**
 * Every message the API sends to people, in zh-CN (default) and English. Codes are for
 * programs; these texts are for the person at the screen. `{name}` is filled from params.
 */
export type Lang = 'zh-CN' | 'en';

const zh = {
  // errors
  VALIDATION_FAILED: '提交的内容有误，请检查标出的字段',
  UNAUTHENTICATED: '请先登录',
  SESSION_EXPIRED: '登录已过期，请重新登录',
  FORBIDDEN: '您没有执行此操作的权限',
  NOT_FOUND: '记录不存在或您无权查看',
  ROUTE_NOT_FOUND: '接口不存在：{method} {url}',
  CSRF_TOKEN_INVALID: '请求校验失败（CSRF），请刷新页面后重试',
  INVALID_CREDENTIALS: '用户名、手机号或密码错误',
  ACCOUNT_LOCKED: '连续 {attempts} 次密码错误，账号已锁定，请 {minutes} 分钟后再试',
  ACCOUNT_PENDING: '账号正在等待所在地区科技局审核，审核通过后即可登录',
  ACCOUNT_REJECTED: '注册申请未通过审核：{reason}',
  ACCOUNT_DISABLED: '账号已停用，请联系管理员',
  TOO_MANY_ATTEMPTS: '登录失败次数过多，请 {minutes} 分钟后再试',
  PASSWORD_CHANGE_REQUIRED: '请先修改密码',
  WRONG_PASSWORD: '原密码不正确',
  USCC_TAKEN: '该统一社会信用代码已注册',
  USERNAME_TAKEN: '该用户名已被使用',
  PHONE_TAKEN: '该手机号已被使用',
  REGION_EXISTS: '区划代码已存在',
  ALREADY_REVIEWED: '该申请已审核，无需重复操作',
  STALE_VERSION: '记录已被他人修改，请刷新后重试',
  IMPORT_INVALID: '导入文件有 {count} 处错误，未导入任何数据',
  FILE_REQUIRED: '请上传文件',
  CANNOT_ACT_ON_SELF: '不能对自己的账号执行此操作',
  DB_TIMEOUT: '数据库繁忙，请稍后重试',
  PAYLOAD_TOO_LARGE: '上传内容过大',
  BAD_REQUEST: '请求格式不正确',
  INTERNAL: '服务器内部错误，请稍后重试',
  // field problems
  'field.required': '必填',
  'field.invalid': '格式不正确',
  'field.too_short': '至少 {minimum} 个字符',
  'field.too_long': '最多 {maximum} 个字符',
  'field.invalid_option': '不是可选的值',
  'field.uscc.length': '统一社会信用代码应为 18 位',
  'field.uscc.charset': '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）',
  'field.uscc.division': '统一社会信用代码第 3–8 位应为行政区划代码',
  'field.uscc.check': '统一社会信用代码校验位不正确，请核对',
  'field.uscc.taken': '该统一社会信用代码已注册',
  'field.phone': '请输入正确的 11 位手机号',
  'field.phone.taken': '该手机号已被使用',
  'field.username': '用户名为 3–64 位字母、数字或 _ . @ -',
  'field.username.taken': '该用户名已被使用',
  'field.password.too_short': '密码至少 8 位',
  'field.password.too_long': '密码最多 128 位',
  'field.password.too_few_classes': '密码须包含大写字母、小写字母、数字、符号中的至少三类',
  'field.password.contains_username': '密码不能包含用户名',
  'field.password.same_as_old': '新密码不能与原密码相同',
  'field.region': '行政区划不存在',
  'field.region.out_of_scope': '只能选择您所辖区域内的行政区划',
  'field.region_code': '行政区划代码应为 6 位数字（GB/T 2260）',
  'field.region_parent': '上级区划与代码不匹配（GB/T 2260 层级）',
  'field.role.not_allowed': '您不能创建该角色的账号',
  'field.reason': '请填写驳回理由',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  VALIDATION_FAILED: 'Some fields are not valid; please check them',
  UNAUTHENTICATED: 'Please sign in',
  SESSION_EXPIRED: 'Your session has expired; please sign in again',
  FORBIDDEN: 'You are not allowed to do this',
  NOT_FOUND: 'Not found, or you may not see it',
  ROUTE_NOT_FOUND: 'No such endpoint: {method} {url}',
  CSRF_TOKEN_INVALID: 'Request check failed (CSRF); reload the page and try again',
  INVALID_CREDENTIALS: 'Wrong username, mobile number or password',
  ACCOUNT_LOCKED: 'Account locked after {attempts} wrong passwords in a row; try again in {minutes} minutes',
  ACCOUNT_PENDING: 'Your registration awaits approval by the S&T bureau of your region',
  ACCOUNT_REJECTED: 'Your registration was rejected: {reason}',
  ACCOUNT_DISABLED: 'This account is disabled; contact the administrator',
  TOO_MANY_ATTEMPTS: 'Too many failed sign-ins; try again in {minutes} minutes',
  PASSWORD_CHANGE_REQUIRED: 'Please change your password first',
  WRONG_PASSWORD: 'The current password is wrong',
  USCC_TAKEN: 'This unified social credit code is already registered',
  USERNAME_TAKEN: 'This username is taken',
  PHONE_TAKEN: 'This mobile number is already in use',
  REGION_EXISTS: 'This region code already exists',
  ALREADY_REVIEWED: 'This application has already been reviewed',
  STALE_VERSION: 'Someone else changed this record; reload and try again',
  IMPORT_INVALID: 'The file has {count} errors; nothing was imported',
  FILE_REQUIRED: 'Please upload a file',
  CANNOT_ACT_ON_SELF: 'You cannot do this to your own account',
  DB_TIMEOUT: 'The database is busy; please try again',
  PAYLOAD_TOO_LARGE: 'The upload is too large',
  BAD_REQUEST: 'Malformed request',
  INTERNAL: 'Internal server error; please try again later',
  'field.required': 'Required',
  'field.invalid': 'Invalid format',
  'field.too_short': 'At least {minimum} characters',
  'field.too_long': 'At most {maximum} characters',
  'field.invalid_option': 'Not an allowed value',
  'field.uscc.length': 'A unified social credit code has 18 characters',
  'field.uscc.charset': 'The code contains characters that are not allowed (I, O, Z, S, V are never used)',
  'field.uscc.division': 'Characters 3–8 must be an administrative division code',
  'field.uscc.check': 'The check character is wrong; please verify the code',
  'field.uscc.taken': 'This unified social credit code is already registered',
  'field.phone': 'Enter a valid 11-digit mobile number',
  'field.phone.taken': 'This mobile number is already in use',
  'field.username': '3–64 letters, digits or _ . @ -',
  'field.username.taken': 'This username is taken',
  'field.password.too_short': 'At least 8 characters',
  'field.password.too_long': 'At most 128 characters',
  'field.password.too_few_classes': 'Use at least three of: upper case, lower case, digits, symbols',
  'field.password.contains_username': 'The password must not contain the username',
  'field.password.same_as_old': 'The new password must differ from the current one',
  'field.region': 'No such region',
  'field.region.out_of_scope': 'Choose a region inside your own jurisdiction',
  'field.region_code': 'A region code has 6 digits (GB/T 2260)',
  'field.region_parent': 'The parent does not match the code (GB/T 2260 levels)',
  'field.role.not_allowed': 'You may not create accounts of this role',
  'field.reason': 'Please give a reason',
};

const catalogues: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zh, en };

export function isMessageKey(key: string): key is MessageKey {
  return key in zh;
}

export function translate(lang: Lang, key: MessageKey, params: Record<string, unknown> = {}): string {
  const template = catalogues[lang][key] ?? zh[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (params[name] === undefined ? `{${name}}` : String(params[name])));
}

/** zh-CN unless the client asks for English first. */
export function langFromHeader(acceptLanguage: string | undefined): Lang {
  return acceptLanguage && /^\s*en\b/i.test(acceptLanguage) ? 'en' : 'zh-CN';
}

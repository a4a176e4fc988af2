/** Mainland China mobile numbers (11 digits, 1[3-9]…) and their masked display form. */
const MOBILE = /^1[3-9]\d{9}$/;

export function isValidMobile(raw: string): boolean {
  return MOBILE.test(raw.trim());
}

/** 13812341234 → 138****1234; anything shorter keeps only its last 2 characters visible. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  if (phone.length >= 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  return phone.length <= 2 ? '**' : `${'*'.repeat(phone.length - 2)}${phone.slice(-2)}`;
}

/** The 科创 mark. Its own module so the sign-in and portal pages do not load the signed-in layout (pro-components). */
export function Logo() {
  return (
    <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden>
      <rect width="32" height="32" rx="7" fill="#1677ff" />
      <path d="M9 22 L16 8 L23 22 Z" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinejoin="round" />
      <circle cx="16" cy="18" r="2.6" fill="#fff" />
    </svg>
  );
}

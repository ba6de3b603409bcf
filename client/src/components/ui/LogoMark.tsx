/**
 * Tavlen's mark: a board (tavle) with three columns of cards, one card lifted in the accent
 * colour — what the app is, drawn in the tokens' colours. The same drawing is the favicon
 * (client/public/favicon.svg); keep the two alike.
 */
export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg className="logo-mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="30" height="30" rx="7" fill="var(--color-accent, #0b5394)" />
      <rect x="6" y="7" width="5.5" height="7" rx="1.5" fill="#ffffff" />
      <rect x="6" y="16" width="5.5" height="5" rx="1.5" fill="#ffffff" opacity="0.7" />
      <rect x="13.25" y="7" width="5.5" height="11" rx="1.5" fill="#ffffff" />
      <rect x="20.5" y="7" width="5.5" height="5" rx="1.5" fill="#ffffff" opacity="0.7" />
      <rect x="20.5" y="14" width="5.5" height="7" rx="1.5" fill="#f2c230" />
      <rect x="6" y="24" width="20" height="2" rx="1" fill="#ffffff" opacity="0.5" />
    </svg>
  );
}

/** Mark + "Tavlen" wordmark, as in the header and on the login page. */
export function Logo({ size = 28, name = 'Tavlen' }: { size?: number; name?: string }) {
  return (
    <span className="logo">
      <LogoMark size={size} />
      <span className="logo-word">{name}</span>
    </span>
  );
}

import type { MouseEvent } from 'react';

/**
 * The first thing a keyboard user reaches: jumps past the header's many buttons to the
 * board (or a page's main content). Hidden until focused (styles/a11y.css). Focus is moved
 * by hand so it works without a hash in the address and on elements that are not focusable.
 */
export function SkipLink({ targetId, label }: { targetId: string; label: string }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(targetId);
    if (!target) return;
    e.preventDefault();
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
    target.scrollIntoView({ block: 'start' });
  };
  return (
    <a className="skip-link" href={`#${targetId}`} onClick={onClick} data-testid="skip-link">
      {label}
    </a>
  );
}

import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The page's h1; it sets the document title and takes focus after navigation, so that screen
 * reader users hear where they arrived (a single-page app does not reload).
 */
export function PageTitle({ children, title }: { children: ReactNode; title?: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const text = title ?? (typeof children === 'string' ? children : '');
  useEffect(() => {
    document.title = text ? `${text} · ${t('appName')}` : t('appName');
    heading.current?.focus({ preventScroll: true });
  }, [text, t]);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}

import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { sessionStore } from '../../auth/session-store';
import { PageTitle } from '../../components/PageTitle';
import { isFresh, QUEUE_DASHBOARD_URL, queueDashboardCookie } from './queue-dashboard';

const PAGES = [
  'moderation',
  'organisations',
  'membership',
  'users',
  'notifications',
  'audit',
  'chambre',
  'training',
] as const;

/** Where a page's card text lives: under `home`, or in the page's own block of admin.json. */
const cardKey = (page: (typeof PAGES)[number]) =>
  page === 'audit' ? 'audit.home' : `home.${page}`;

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function setDashboardCookie(token: string): void {
  document.cookie = queueDashboardCookie(
    token,
    window.location.protocol === 'https:',
    nowSeconds(),
  );
}

/**
 * The dashboard is a full page load that carries no Authorization header: hand it the access
 * token in its cookie first. A fresh token lets the link work as a link (new tab included); a
 * stale one is renewed through any api call before the page is left.
 */
function openQueueDashboard(event: MouseEvent<HTMLAnchorElement>): void {
  const token = sessionStore.accessToken();
  if (isFresh(token, nowSeconds())) {
    setDashboardCookie(token);
    return;
  }
  event.preventDefault();
  void api.GET('/api/me').then(() => {
    const renewed = sessionStore.accessToken();
    if (renewed) setDashboardCookie(renewed);
    window.location.assign(QUEUE_DASHBOARD_URL);
  });
}

/** The Chambre admin's starting point: one link per admin page, and the queue dashboard. */
export function AdminHomePage() {
  const { t } = useTranslation('admin');
  return (
    <section>
      <PageTitle>{t('home.title')}</PageTitle>
      <ul className="grid" aria-label={t('home.pages')} style={{ listStyle: 'none', padding: 0 }}>
        {PAGES.map((page) => (
          <li key={page} className="card">
            <h2>
              <Link to={`/admin/${page}`}>{t(`${cardKey(page)}.title`)}</Link>
            </h2>
            <p>{t(`${cardKey(page)}.description`)}</p>
          </li>
        ))}
        <li className="card">
          <h2>
            {/* Served by the api (bull-board), not a client route: a plain link for a full load. */}
            <a href={QUEUE_DASHBOARD_URL} onClick={openQueueDashboard}>
              {t('home.queues.title')}
            </a>
          </h2>
          <p>{t('home.queues.description')}</p>
        </li>
      </ul>
    </section>
  );
}

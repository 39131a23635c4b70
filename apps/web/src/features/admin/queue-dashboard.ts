/**
 * The queue dashboard (bull-board) is served by the api at /admin/queues as a full page, not a
 * client route. A page load sends no Authorization header, so the api reads the access token from
 * a cookie scoped to that path (apps/api/src/admin/queue-dashboard.ts).
 */
export const QUEUE_DASHBOARD_URL = '/admin/queues';
const TOKEN_COOKIE = 'mutualis_access_token';
/** A token this close to its expiry would lapse before the dashboard's own requests. */
const FRESHNESS_MARGIN_SECONDS = 30;

/** The `exp` claim of a JWT (seconds since the epoch), or null when it has none we can read. */
export function tokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='))) as {
      exp?: unknown;
    };
    return typeof claims.exp === 'number' ? claims.exp : null;
  } catch {
    return null;
  }
}

export function isFresh(token: string | null, nowSeconds: number): token is string {
  if (!token) return false;
  const expiry = tokenExpiry(token);
  return expiry !== null && expiry - nowSeconds > FRESHNESS_MARGIN_SECONDS;
}

/** The Set-Cookie text for document.cookie: only the dashboard's path, and it ends with the token. */
export function queueDashboardCookie(token: string, https: boolean, nowSeconds: number): string {
  const expiry = tokenExpiry(token);
  const parts = [
    `${TOKEN_COOKIE}=${encodeURIComponent(token)}`,
    `Path=${QUEUE_DASHBOARD_URL}`,
    'SameSite=Strict',
  ];
  if (expiry !== null) parts.push(`Max-Age=${Math.max(0, expiry - nowSeconds)}`);
  if (https) parts.push('Secure');
  return parts.join('; ');
}

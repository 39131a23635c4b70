import { useState } from 'react';

/**
 * The secret of an e-mailed link, read once from `?token=` and then taken out of the address
 * bar, so it does not linger in the history or leak through a later copy of the URL.
 */
export function useLinkToken(): string | null {
  const [token] = useState(() => {
    const url = new URL(window.location.href);
    const value = url.searchParams.get('token');
    if (value) {
      url.searchParams.delete('token');
      window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    }
    return value;
  });
  return token;
}

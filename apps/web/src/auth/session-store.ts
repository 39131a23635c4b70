/**
 * The signed-in session: the short-lived access token lives in memory, the single-use refresh
 * token in localStorage so that a reload or a new tab stays signed in. Components subscribe
 * through useSession (useSyncExternalStore).
 */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

const REFRESH_KEY = 'mutualis.refreshToken';

let tokens: Tokens | null = null;
const listeners = new Set<() => void>();

function storedRefreshToken(): string | null {
  try {
    return window.localStorage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

export const sessionStore = {
  accessToken(): string | null {
    return tokens?.accessToken ?? null;
  },
  refreshToken(): string | null {
    return tokens?.refreshToken ?? storedRefreshToken();
  },
  /** True when a session exists or can be resumed with the stored refresh token. */
  isSignedIn(): boolean {
    return tokens !== null || storedRefreshToken() !== null;
  },
  signIn(next: Tokens): void {
    tokens = next;
    window.localStorage.setItem(REFRESH_KEY, next.refreshToken);
    listeners.forEach((listener) => listener());
  },
  signOut(): void {
    tokens = null;
    window.localStorage.removeItem(REFRESH_KEY);
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

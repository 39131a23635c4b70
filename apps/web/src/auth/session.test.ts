import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { reloadMe } from './session';

describe('reloadMe', () => {
  it('reads the account again even while a first read from before the change is in flight', async () => {
    const client = new QueryClient();
    const answers = [{ emailVerified: false }, { emailVerified: true }];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let calls = 0;
    const observer = new QueryObserver(client, {
      queryKey: ['me'],
      queryFn: async () => {
        const answer = answers[calls++];
        // The first read left before the address was confirmed and answers after it.
        if (calls === 1) await firstHeld;
        return answer;
      },
    });
    const unsubscribe = observer.subscribe(() => undefined);

    const reloaded = reloadMe(client);
    releaseFirst();
    await reloaded;

    expect(client.getQueryData(['me'])).toEqual({ emailVerified: true });
    unsubscribe();
  });
});

import { transmissionDelays } from './transmission-scheduler';

describe('transmission delays', () => {
  const delays = transmissionDelays({
    pollInitialMs: 1_000,
    pollMaxMs: 10_000,
    retryInitialMs: 500,
  });

  it('doubles the wait between questions to the platform, up to the maximum', () => {
    expect([0, 1, 2, 3, 4, 50].map(delays.poll)).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });

  it('doubles the wait after each failure in a row, from the retry delay', () => {
    expect([1, 2, 3, 6, 100].map(delays.retry)).toEqual([500, 1_000, 2_000, 10_000, 10_000]);
  });
});

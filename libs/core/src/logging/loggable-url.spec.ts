import { loggableUrl } from './logging.module';

describe('loggableUrl', () => {
  it('keeps the secret of an e-mailed link out of the request log', () => {
    expect(loggableUrl('/reset-password?token=abc_DEF-123')).toBe(
      '/reset-password?token=[redacted]',
    );
    expect(loggableUrl('/verify-email?lang=fr&token=abc&x=1')).toBe(
      '/verify-email?lang=fr&token=[redacted]&x=1',
    );
  });

  it('leaves other URLs as they are', () => {
    expect(loggableUrl('/api/offerings?q=tokens&department=13')).toBe(
      '/api/offerings?q=tokens&department=13',
    );
  });
});

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

  it('keeps an invitation link’s token out of the request log, on the page and the api', () => {
    expect(loggableUrl('/invitations/Zt9_secret-Token')).toBe('/invitations/[redacted]');
    expect(loggableUrl('/api/invitations/Zt9_secret-Token/accept')).toBe(
      '/api/invitations/[redacted]/accept',
    );
    expect(loggableUrl('/api/invitations/Zt9_secret-Token?lang=en')).toBe(
      '/api/invitations/[redacted]?lang=en',
    );
  });

  it('leaves other URLs as they are', () => {
    expect(loggableUrl('/api/offerings?q=tokens&department=13')).toBe(
      '/api/offerings?q=tokens&department=13',
    );
  });
});

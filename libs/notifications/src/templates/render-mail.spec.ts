import {
  escapeHtml,
  formatCalendarDate,
  formatEuros,
  formatParisDateTime,
  formatParisPeriod,
  html,
  httpUrl,
  raw,
  renderMail,
  TEMPLATE_NAMES,
} from './render-mail';
import type {
  MailContext,
  MailLocale,
  RenderedMail,
  ServiceMoment,
  TemplateData,
  TemplateName,
} from './template-data';

const LOCALES: MailLocale[] = ['fr', 'en'];
const HOSTILE = '<script>alert("x")</script> & Co';
const HOSTILE_ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co';

const moment: ServiceMoment = {
  offeringTitle: 'Gouvernance associative',
  startsAt: '2026-12-01T08:00:00Z',
  endsAt: '2026-12-01T11:30:00Z',
  location: '12 rue de la République\n13001 Marseille',
  remoteUrl: null,
};

const conventionMail = {
  ...moment,
  organisationName: 'Les Lucioles',
  kind: 'convention' as const,
  reference: 'CF-2026-1A2B3C4D',
  totalInclVatCents: 108_000,
  traineeNames: ['Camille Martin', 'Léo Bernard'],
  sha256: 'a'.repeat(64),
  bookingUrl: 'https://mutualis.example/bookings/b-1',
  required: false,
};

const bank = {
  paymentReference: 'F2026000042',
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPPXXX',
};

/** One realistic data set per template; a template without one fails compilation. */
const FIXTURES: { [K in TemplateName]: TemplateData[K] } = {
  'attendance-signing-link': {
    halfDayId: '0b5e8f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    attendeeId: '1c6f9a4b-2d3e-4f50-9bac-1d2e3f4a5b6c',
    offeringTitle: 'Gouvernance associative',
    period: 'morning',
    startsAt: '2027-01-11T08:00:00Z',
    endsAt: '2027-01-11T11:30:00Z',
    closesAt: '2027-01-11T12:00:00Z',
    location: '12 rue de la République\n13001 Marseille',
    remoteUrl: null,
    signUrl: 'https://mutualis.example/emargement/abc',
  },
  'account-email-verification': {
    actionUrl: 'https://mutualis.example/verify-email?token=abc',
    expiresAt: '2026-12-08T08:00:00Z',
    change: false,
  },
  'account-password-reset': {
    actionUrl: 'https://mutualis.example/reset-password?token=abc',
    expiresAt: '2026-12-08T08:00:00Z',
  },
  'account-registration-attempt': {
    signInUrl: 'https://mutualis.example/login',
    resetUrl: 'https://mutualis.example/forgot-password',
  },
  'account-email-change-notice': {
    newEmail: 'camille@nouvelle-asso.example',
    securityUrl: 'https://mutualis.example/account/security',
  },
  'account-invitation': {
    invitationId: '6f1c2a9e-3b57-4d8e-9a41-2c0d5e7f8a13',
    organisationName: 'Association Les Lucioles',
    inviterName: 'Claire Martin',
    role: 'org_admin',
    acceptUrl: 'https://mutualis.example/invitations/abc',
    expiresAt: '2026-12-08T08:00:00Z',
  },
  'offering-approved': {
    offeringTitle: 'Gouvernance associative',
    offeringUrl: 'https://mutualis.example/offerings/1',
  },
  'offering-rejected': {
    offeringTitle: 'Gouvernance associative',
    reason: 'Le programme ne précise pas les objectifs pédagogiques.\nMerci de les détailler.',
    offeringUrl: 'https://mutualis.example/offerings/1/edit',
  },
  'booking-pending-payment': {
    ...moment,
    seats: 2,
    totalInclVatCents: 123_450,
    holdExpiresAt: '2026-11-20T09:30:00Z',
    bookingUrl: 'https://mutualis.example/bookings/7',
  },
  'booking-confirmed': {
    ...moment,
    seats: 2,
    attendeeNames: ['Marie Dupont', 'Jean Martin'],
    bookingUrl: 'https://mutualis.example/bookings/7',
  },
  'waitlist-offer': {
    ...moment,
    seats: 1,
    totalInclVatCents: 18_000,
    offerExpiresAt: '2026-11-21T17:00:00Z',
    bookingUrl: 'https://mutualis.example/bookings/8',
  },
  'booking-cancelled': {
    ...moment,
    wasConfirmed: true,
    refundPercent: 50,
    refundCents: 61_725,
    bookingUrl: 'https://mutualis.example/bookings/7',
  },
  'session-cancelled': {
    ...moment,
    reason: 'Le formateur est souffrant.',
    wasConfirmed: true,
    refundCents: 123_450,
    bookingUrl: 'https://mutualis.example/bookings/7',
  },
  'session-reminder': {
    ...moment,
    location: null,
    remoteUrl: 'https://visio.example/room/42',
    seats: 2,
    attendeeNames: ['Marie Dupont', 'Jean Martin'],
    bookingUrl: 'https://mutualis.example/bookings/7',
  },
  'invoice-issued': {
    kind: 'invoice',
    invoiceNumber: 'F-2026-000042',
    correctsNumber: null,
    totalInclVatCents: 123_450,
    dueDate: '2026-12-31',
    settled: false,
    ...bank,
    invoiceUrl: 'https://mutualis.example/invoices/42',
  },
  'invoice-chorus-notice': {
    kind: 'invoice',
    invoiceNumber: 'F-2026-000042',
    totalInclVatCents: 123_450,
    dueDate: '2026-12-31',
    structureSiret: '21130055300016',
    serviceCode: 'SERV-FORMATION',
    engagementNumber: 'EJ-2026-0042',
    invoiceUrl: 'https://mutualis.example/invoices/42',
  },
  'payment-received': {
    invoiceNumber: 'F-2026-000042',
    amountCents: 100_000,
    remainingCents: 23_450,
    invoiceUrl: 'https://mutualis.example/invoices/42',
  },
  'refund-issued': {
    offeringTitle: 'Gouvernance associative',
    amountCents: 61_725,
    method: 'card',
    bookingUrl: 'https://mutualis.example/bookings/7',
  },
  'membership-renewal-reminder': {
    year: 2027,
    final: false,
    invoiceNumber: 'F-2026-004242',
    issueDate: '2026-11-02',
    amountDueCents: 45_000,
    graceEndDate: '2027-03-31',
    ...bank,
    invoiceUrl: 'https://mutualis.example/invoices/4242',
  },
  'membership-lapsed': {
    year: 2027,
    membershipUrl: 'https://mutualis.example/membership',
  },
  'invoice-overdue': {
    stage: 30,
    invoiceNumber: 'F-2026-000042',
    dueDate: '2026-11-15',
    amountDueCents: 123_450,
    ...bank,
    latePaymentRate: '3 fois le taux d’intérêt légal',
    invoiceUrl: 'https://mutualis.example/invoices/42',
  },
  'consultant-new-booking': {
    ...moment,
    organisationName: 'SCOP Les Artisans',
    seats: 3,
    seatsLeft: 5,
    capacity: 12,
    sessionUrl: 'https://mutualis.example/sessions/9',
  },
  'consultant-attendee-list': {
    ...moment,
    attendees: [
      { name: 'Marie Dupont', email: 'marie@lucioles.example', organisationName: 'Les Lucioles' },
      { name: 'Paul Roux', email: null, organisationName: 'SCOP Les Artisans' },
    ],
    sessionUrl: 'https://mutualis.example/sessions/9',
  },
  'membership-application-submitted': {
    organisationName: 'Les Lucioles',
    year: 2027,
    kind: 'join',
    familyLabel: 'association',
    contactName: 'Marie Dupont',
    contactEmail: 'marie@lucioles.example',
    charterVersion: 3,
    applicationsUrl: 'https://mutualis.example/admin/membership',
  },
  'membership-application-approved': {
    organisationName: 'Les Lucioles',
    year: 2027,
    feeCents: 18_000,
    active: false,
    membershipUrl: 'https://mutualis.example/membership',
  },
  'membership-application-refused': {
    organisationName: 'Les Lucioles',
    year: 2027,
    reason: 'Votre siège est hors de la région.',
    membershipUrl: 'https://mutualis.example/membership',
  },
  'training-completion-trainee': {
    offeringTitle: 'Gestion financière d’une association',
    startsAt: '2026-11-16T08:00:00Z',
    endsAt: '2026-11-17T16:00:00Z',
    attendedMinutes: 630,
    scheduledMinutes: 840,
  },
  'training-completion-organisation': {
    offeringTitle: 'Gestion financière d’une association',
    startsAt: '2026-11-16T08:00:00Z',
    endsAt: '2026-11-17T16:00:00Z',
    attendedMinutes: 630,
    scheduledMinutes: 840,
    traineeName: 'Karim Benali',
    organisationName: 'Les Lucioles',
    bookingUrl: 'https://mutualis.example/bookings/b-1',
  },
  'training-survey-invitation': {
    surveyInvitationId: '8c0e3b1e-6f0a-4c8e-9a53-6f1c2c9b7a10',
    stage: 'hot',
    respondent: 'trainee',
    offeringTitle: 'Gouvernance associative',
    startsAt: '2026-12-01T08:00:00Z',
    endsAt: '2026-12-01T16:00:00Z',
    closesAt: '2027-01-30T16:00:00Z',
    surveyUrl: 'https://mutualis.example/surveys/abc',
  },
  'training-convention-issued': conventionMail,
  'training-convention-reminder': { ...conventionMail, required: true },
  'training-convocation': {
    ...moment,
    traineeName: 'Inès Durand',
    organisationName: 'Les Lucioles',
    revised: false,
    offeringUrl: 'https://mutualis.example/offerings/42',
  },
};

function context(locale: MailLocale, overrides: Partial<MailContext> = {}): MailContext {
  return {
    locale,
    chambreName: 'CRESS Provence-Alpes-Côte d’Azur',
    chambreEmail: 'contact@cress-paca.example',
    webUrl: 'https://mutualis.example',
    recipientName: 'Marie',
    preferencesUrl: null,
    ...overrides,
  };
}

function render<K extends TemplateName>(
  template: K,
  locale: MailLocale,
  data: Partial<TemplateData[K]> = {},
  overrides: Partial<MailContext> = {},
): RenderedMail {
  return renderMail(template, { ...FIXTURES[template], ...data }, context(locale, overrides));
}

/** Intl separates thousands and currency with (narrow) no-break spaces. */
function spaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/** Every href in the document. */
function hrefs(markup: string): string[] {
  return [...markup.matchAll(/href\s*=\s*"([^"]*)"/gi)].map((match) => match[1]);
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Replaces every free-text value (not dates, URLs, enums or amounts) with `value`. */
function withEveryText(data: Json, value: string, key = ''): Json {
  if (Array.isArray(data)) return data.map((item) => withEveryText(item, value, key));
  if (data !== null && typeof data === 'object') {
    return Object.fromEntries(
      Object.entries(data).map(([name, item]) => [name, withEveryText(item, value, name)]),
    );
  }
  const structured = /(At|Url|Date)$|^(role|kind|method)$/.test(key);
  return typeof data === 'string' && !structured ? value : data;
}

/** Replaces every link (`…Url`) with `value`. */
function withEveryUrl(data: Json, value: string): Json {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  return Object.fromEntries(
    Object.entries(data).map(([name, item]) => [
      name,
      name.endsWith('Url') && typeof item === 'string' ? value : item,
    ]),
  );
}

function renderRaw(template: TemplateName, data: Json, ctx: MailContext): RenderedMail {
  // The data is a fixture with strings swapped, so it keeps the template's shape.
  return renderMail(template, data as unknown as TemplateData[TemplateName], ctx);
}

describe('renderMail', () => {
  describe.each(TEMPLATE_NAMES)('%s', (template) => {
    it.each(LOCALES)('renders a subject, an HTML body and a text body in %s', (locale) => {
      const mail = renderMail(template, FIXTURES[template], context(locale));

      expect(mail.subject.trim().length).toBeGreaterThan(0);
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.html).toContain(`<html lang="${locale}"`);
      expect(mail.html).toContain('<h1');
      expect(mail.html).toContain('CRESS Provence-Alpes-Côte d’Azur');
      expect(mail.html).toContain(locale === 'fr' ? 'Bonjour Marie,' : 'Hello Marie,');
      expect(mail.text).toContain(locale === 'fr' ? 'Bonjour Marie,' : 'Hello Marie,');
      expect(mail.text).toContain('CRESS Provence-Alpes-Côte d’Azur');
      expect(mail.text).not.toMatch(/<\/?[a-z][^>]*>/i);
      expect(mail.text).not.toMatch(/&(amp|lt|gt|quot|#39);/);
    });

    it('escapes every user-provided value in HTML and keeps it verbatim in text', () => {
      const data = withEveryText(FIXTURES[template] as unknown as Json, HOSTILE);
      for (const locale of LOCALES) {
        const ctx = context(locale, { recipientName: HOSTILE, chambreName: HOSTILE });
        const mail = renderRaw(template, data, ctx);

        expect(mail.html).not.toContain('<script');
        expect(mail.html).not.toContain(HOSTILE);
        expect(mail.html).toContain(HOSTILE_ESCAPED);
        expect(mail.text).toContain(HOSTILE);
      }
    });

    it('never links to anything but http(s)', () => {
      for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)']) {
        const data = withEveryUrl(FIXTURES[template] as unknown as Json, url);
        const mail = renderRaw(template, data, context('fr', { preferencesUrl: url }));

        expect(hrefs(mail.html).length).toBe(0);
        expect(mail.html.toLowerCase()).not.toMatch(/href\s*=\s*["']?\s*java/);
      }
    });

    it('starts the subject with the fact, on one line even when a title holds a line break', () => {
      const data = withEveryText(
        FIXTURES[template] as unknown as Json,
        'Atelier\r\nBcc: victim@example.com',
      );
      const mail = renderRaw(template, data, context('fr'));
      expect(mail.subject).not.toMatch(/[\r\n]/);
    });
  });

  it('refuses a template it does not know', () => {
    expect(() =>
      renderMail('no-such-template' as TemplateName, FIXTURES['offering-approved'], context('fr')),
    ).toThrow(/Unknown mail template/);
  });

  it('greets by name, or neutrally when the address belongs to no user', () => {
    expect(render('invoice-issued', 'fr', {}, { recipientName: null }).text).toContain('Bonjour,');
    expect(render('invoice-issued', 'en', {}, { recipientName: '  ' }).html).toContain('Hello,');
  });

  it('links to the notification preferences only when the recipient has some', () => {
    const preferencesUrl = 'https://mutualis.example/settings/notifications';
    const withLink = render('session-reminder', 'fr', {}, { preferencesUrl });
    expect(hrefs(withLink.html)).toContain(preferencesUrl);
    expect(withLink.text).toContain(preferencesUrl);
    expect(withLink.html).toContain('Gérer vos préférences de notification');

    const without = render('session-reminder', 'fr');
    expect(without.html).not.toContain('préférences');
    expect(without.text).not.toContain('préférences');
    expect(render('session-reminder', 'en').html).not.toContain('preferences');
  });

  it('shows call-to-action links as buttons in HTML and as URLs in text', () => {
    const mail = render('booking-confirmed', 'fr');
    expect(hrefs(mail.html)).toEqual(['https://mutualis.example/bookings/7']);
    expect(mail.text).toContain('Voir la réservation : https://mutualis.example/bookings/7');
  });
});

describe('membership invoices and their reminders', () => {
  it('says which year a cotisation invoice is for, and that it renews the membership, in French first', () => {
    const renewal = render('invoice-issued', 'fr', { membership: { year: 2027, renewal: true } });
    expect(renewal.subject).toBe('Renouvellement de votre adhésion 2027 : facture F-2026-000042');
    expect(renewal.text).toContain('celle de votre cotisation 2027 à la Chambre');
    expect(renewal.text).toContain('tarifs adhérents');
    const joining = render('invoice-issued', 'fr', { membership: { year: 2027, renewal: false } });
    expect(joining.subject).toBe('Votre cotisation 2027 : facture F-2026-000042');
    const english = render('invoice-issued', 'en', { membership: { year: 2027, renewal: true } });
    expect(english.subject).toBe('Renewing your 2027 membership: invoice F-2026-000042');
    expect(render('invoice-issued', 'fr').subject).toMatch(/^Facture F-2026-000042/);
  });

  it('reminds of an unpaid renewal with the lapse date, and marks the final notice', () => {
    const reminder = render('membership-renewal-reminder', 'fr');
    expect(reminder.subject).toBe('Rappel : votre cotisation 2027 (facture F-2026-004242)');
    expect(spaces(reminder.text)).toContain('450,00 €');
    expect(reminder.text).toContain('31 mars 2027');
    expect(reminder.text).toContain('tarifs non-adhérents');
    const final = render('membership-renewal-reminder', 'fr', { final: true });
    expect(final.subject).toBe('Dernier rappel : cotisation 2027, facture F-2026-004242');
    const english = render('membership-renewal-reminder', 'en', { graceEndDate: null });
    expect(english.subject).toBe('Reminder: your 2027 membership fee (invoice F-2026-004242)');
    expect(english.text).not.toContain('non-member');
  });

  it('tells a lapsed member that non-member prices now apply', () => {
    const lapsed = render('membership-lapsed', 'fr');
    expect(lapsed.subject).toBe('Votre adhésion 2027 a pris fin');
    expect(lapsed.text).toContain('tarifs non-adhérents');
    expect(render('membership-lapsed', 'en').text).toContain('Non-member prices now apply');
  });
});

describe('Paris time', () => {
  it('shows 09:00 in Paris for a morning session in summer (UTC+2) and in winter (UTC+1)', () => {
    expect(formatParisDateTime('2026-07-01T07:00:00Z', 'fr')).toBe(
      'mercredi 1er juillet 2026 à 09:00',
    );
    expect(formatParisDateTime('2026-12-01T08:00:00Z', 'fr')).toBe(
      'mardi 1er décembre 2026 à 09:00',
    );
    expect(formatParisDateTime('2026-12-01T08:00:00Z', 'en')).toBe(
      'Tuesday 1 December 2026 at 09:00 (Paris time)',
    );
  });

  it('follows the change to summer time in the night of 29 March 2026', () => {
    expect(formatParisDateTime('2026-03-29T00:30:00Z', 'fr')).toContain('à 01:30');
    expect(formatParisDateTime('2026-03-29T01:30:00Z', 'fr')).toContain('à 03:30');
  });

  it('reads an instant without an offset as UTC, whatever the server zone', () => {
    expect(formatParisDateTime('2026-07-01T07:00:00', 'fr')).toContain('à 09:00');
  });

  it('gives both dates when a session ends on another day in Paris', () => {
    expect(formatParisPeriod('2026-12-01T08:00:00Z', '2026-12-01T11:30:00Z', 'fr')).toBe(
      'mardi 1er décembre 2026, de 09:00 à 12:30',
    );
    expect(formatParisPeriod('2026-12-01T08:00:00Z', '2026-12-02T16:00:00Z', 'en')).toBe(
      'from Tuesday 1 December 2026 at 09:00 to Wednesday 2 December 2026 at 17:00 (Paris time)',
    );
  });

  it('shows session times in Paris in both bodies and the subject', () => {
    const summer = render('booking-confirmed', 'fr', {
      startsAt: '2026-07-01T07:00:00Z',
      endsAt: '2026-07-01T10:30:00Z',
    });
    expect(summer.subject).toBe('Réservation confirmée : Gouvernance associative — 1 juil. 2026');
    expect(summer.html).toContain('mercredi 1er juillet 2026, de 09:00 à 12:30');
    expect(summer.text).toContain('mercredi 1er juillet 2026, de 09:00 à 12:30');
  });

  it('formats a due date as a calendar day, never shifted by a zone', () => {
    expect(formatCalendarDate('2026-12-31', 'fr')).toBe('31 décembre 2026');
    expect(formatCalendarDate('2026-01-01', 'en')).toBe('1 January 2026');
  });

  it('refuses a value that is not a date rather than mailing "Invalid DateTime"', () => {
    expect(() => formatParisDateTime('tomorrow', 'fr')).toThrow(RangeError);
    expect(() => formatCalendarDate('31/12/2026', 'fr')).toThrow(RangeError);
  });
});

describe('euros', () => {
  it('formats integer cents the French and the British way', () => {
    expect(spaces(formatEuros(123_450, 'fr'))).toBe('1 234,50 €');
    expect(formatEuros(123_450, 'en')).toBe('€1,234.50');
    expect(spaces(formatEuros(5, 'fr'))).toBe('0,05 €');
  });

  it('refuses fractional cents instead of rounding them away', () => {
    expect(() => formatEuros(10.5, 'fr')).toThrow(RangeError);
  });

  it('shows the total including VAT of a booking awaiting payment', () => {
    const mail = render('booking-pending-payment', 'fr');
    expect(spaces(mail.html)).toContain('1 234,50 €');
    expect(spaces(mail.text)).toContain('Montant TTC : 1 234,50 €');
    expect(mail.text).toContain(
      'Vos places sont retenues jusqu’au vendredi 20 novembre 2026 à 10:30',
    );
  });
});

describe('content', () => {
  it('gives the single-use link of a verification or reset with its expiry, in both bodies', () => {
    for (const template of ['account-email-verification', 'account-password-reset'] as const) {
      const mail = render(template, 'fr');
      const url = FIXTURES[template].actionUrl;
      expect(mail.text).toContain(url);
      expect(hrefs(mail.html)).toContain(url.replace(/&/g, '&amp;'));
      expect(mail.text).toContain('ne fonctionne qu’une fois');
      expect(mail.text).toContain('mardi 8 décembre 2026 à 09:00');
    }
  });

  it('tells a taken address how to sign in or reset, and the current address of a change, with no secret', () => {
    const attempt = render('account-registration-attempt', 'en');
    expect(attempt.subject).toBe('Sign-up attempt with your address');
    expect(hrefs(attempt.html)).toEqual(
      expect.arrayContaining([
        'https://mutualis.example/login',
        'https://mutualis.example/forgot-password',
      ]),
    );
    const notice = render('account-email-change-notice', 'fr');
    expect(notice.text).toContain('camille@nouvelle-asso.example');
    expect(notice.text).not.toContain('token=');
  });

  it('names the inviter, the organisation, the role and the expiry of an invitation', () => {
    const mail = render('account-invitation', 'fr');
    expect(mail.text).toContain('Claire Martin vous invite à rejoindre l’organisation');
    expect(mail.text).toContain('avec le rôle d’administrateur');
    expect(mail.text).toContain('mardi 8 décembre 2026 à 09:00');
    expect(
      render('account-invitation', 'en', { role: 'org_member', inviterName: null }).text,
    ).toContain('You have been invited to join Association Les Lucioles');
  });

  it('quotes the moderator’s reason and invites to edit and resubmit', () => {
    const mail = render('offering-rejected', 'fr');
    expect(mail.html).toContain('<blockquote');
    expect(mail.html).toContain('objectifs pédagogiques.<br>Merci de les détailler.');
    expect(mail.text).toContain('soumettre à nouveau');
  });

  it('tells the consultant that refused changes leave the published version live, and that approved ones apply to new bookings', () => {
    for (const locale of ['fr', 'en'] as const) {
      const refused = render('offering-rejected', locale, { changes: true });
      expect(refused.html).toContain('objectifs pédagogiques.<br>Merci de les détailler.');
      expect(refused.text).toContain(
        locale === 'fr' ? 'La version publiée reste en ligne' : 'The published version stays live',
      );
      expect(refused.text).not.toContain(locale === 'fr' ? 'soumettre à nouveau' : 'submit it');
      const approved = render('offering-approved', locale, { changes: true });
      expect(approved.subject).toBe(
        locale === 'fr'
          ? 'Modifications publiées : Gouvernance associative'
          : 'Changes published: Gouvernance associative',
      );
      expect(approved.text).toContain(
        locale === 'fr' ? 'gardent leur prix' : 'existing bookings keep their price',
      );
    }
  });

  it('mentions the .ics invitation and the attendees of a confirmed booking', () => {
    const mail = render('booking-confirmed', 'en');
    expect(mail.text).toContain('.ics');
    expect(mail.text).toContain('- Jean Martin');
    expect(mail.html).toContain('<li>Marie Dupont</li>');
  });

  it('shows the video-call link of a remote session as a link', () => {
    const mail = render('session-reminder', 'fr');
    expect(hrefs(mail.html)).toContain('https://visio.example/room/42');
    expect(mail.text).toContain('Lien de connexion : https://visio.example/room/42');
  });

  it('tells what a cancellation refunds, if anything', () => {
    const refund = render('booking-cancelled', 'fr');
    expect(spaces(refund.text)).toContain('un remboursement de 617,25 € (50 % du montant');

    const none = render('booking-cancelled', 'fr', { refundCents: 0, refundPercent: 0 });
    expect(none.text).toContain('ne prévoient pas de remboursement');

    const unpaid = render('booking-cancelled', 'en', { wasConfirmed: false });
    expect(unpaid.text).toContain('Nothing has been charged');
    expect(unpaid.text).not.toContain('refund');
  });

  it('apologises for a cancelled session, quotes the reason and promises a full refund', () => {
    const mail = render('session-cancelled', 'fr');
    expect(mail.text).toContain('« Le formateur est souffrant. »');
    expect(mail.text).toContain('excuser');
    expect(spaces(mail.text)).toContain('intégralement remboursée, soit 1 234,50 €');

    const free = render('session-cancelled', 'fr', { reason: null, wasConfirmed: false });
    expect(free.text).toContain('Aucun montant ne vous sera facturé');
    expect(free.html).not.toContain('<blockquote');
  });

  it('gives the bank details of an unpaid invoice, and none once it is settled', () => {
    const unpaid = render('invoice-issued', 'fr');
    expect(unpaid.text).toContain('au plus tard le 31 décembre 2026');
    expect(unpaid.text).toContain('IBAN : FR76 3000 6000 0112 3456 7890 189');
    expect(unpaid.text).toContain('BIC : AGRIFRPPXXX');
    expect(unpaid.text).toContain('Référence à indiquer : F2026000042');
    expect(spaces(unpaid.subject)).toBe('Facture F-2026-000042 : 1 234,50 € TTC');

    const settled = render('invoice-issued', 'fr', { settled: true });
    expect(settled.text).toContain('déjà réglée');
    expect(settled.text).not.toContain('IBAN');
  });

  it('tells a public buyer its invoice goes through Chorus Pro, with the references, no bank details', () => {
    const mail = render('invoice-chorus-notice', 'fr');
    expect(mail.subject).toBe('Facture F-2026-000042 déposée sur Chorus Pro');
    expect(mail.text).toContain('Chorus Pro');
    expect(mail.text).toContain('n’y est pas joint');
    expect(mail.text).toContain('21130055300016');
    expect(mail.text).toContain('SERV-FORMATION');
    expect(mail.text).toContain('EJ-2026-0042');
    expect(mail.text).not.toContain('IBAN');
    const credit = render('invoice-chorus-notice', 'en', {
      kind: 'credit_note',
      invoiceNumber: 'AV-2026-000007',
      serviceCode: null,
    });
    expect(credit.subject).toBe('Credit note AV-2026-000007 deposited on Chorus Pro');
    expect(credit.text).not.toContain('Service code');
  });

  it('presents a credit note with the invoice it corrects and asks for no payment', () => {
    const mail = render('invoice-issued', 'fr', {
      kind: 'credit_note',
      invoiceNumber: 'AV-2026-000007',
      correctsNumber: 'F-2026-000042',
      totalInclVatCents: -12_000,
      settled: true,
    });
    expect(mail.subject).toBe('Avoir AV-2026-000007 sur la facture F-2026-000042');
    expect(spaces(mail.text)).toContain('l’avoir AV-2026-000007 d’un montant de 120,00 € TTC');
    expect(mail.text).not.toContain('IBAN');
  });

  it('tells what remains due after a payment, or that the invoice is paid', () => {
    expect(spaces(render('payment-received', 'fr').text)).toContain('Il reste 234,50 €');
    expect(render('payment-received', 'en', { remainingCents: 0 }).text).toContain('paid in full');
  });

  it('says where a refund goes, by card or by transfer', () => {
    expect(render('refund-issued', 'fr').text).toContain('sur le moyen de paiement utilisé');
    expect(render('refund-issued', 'fr', { method: 'bank_transfer' }).text).toContain(
      'par virement bancaire sur le compte de votre organisation',
    );
  });

  it('firms up dunning from the 7th to the 30th day, with the 40 € indemnity at the end', () => {
    const friendly = render('invoice-overdue', 'fr', { stage: 7 });
    const firm = render('invoice-overdue', 'fr', { stage: 15 });
    const last = render('invoice-overdue', 'fr', { stage: 30 });

    expect(friendly.subject).toBe('Rappel : facture F-2026-000042 en attente de règlement');
    expect(firm.subject).toBe('Deuxième relance : facture F-2026-000042 impayée');
    expect(last.subject).toBe('Dernière relance avant mise en demeure : facture F-2026-000042');
    expect(spaces(friendly.text)).not.toContain('40 €');

    for (const body of [spaces(last.text), spaces(last.html)]) {
      expect(body).toContain('40 €');
      expect(body).toContain('L441-10');
      expect(body).toContain('D441-5');
      expect(body).toContain('3 fois le taux d’intérêt légal');
    }
    expect(render('invoice-overdue', 'en', { stage: 30 }).text).toContain('€40');
    for (const mail of [friendly, firm, last]) {
      expect(mail.text).toContain('merci de ne pas tenir compte de ce message');
      expect(spaces(mail.text)).toContain('Montant restant dû : 1 234,50 €');
      expect(mail.text).toContain('Référence à indiquer : F2026000042');
    }
  });

  it('tells the consultant who booked and how many seats are left', () => {
    const mail = render('consultant-new-booking', 'fr');
    expect(mail.text).toContain('SCOP Les Artisans a réservé 3 places');
    expect(mail.text).toContain('Places restantes : 5 sur 12');
    expect(render('consultant-new-booking', 'en', { seats: 1 }).text).toContain(
      'has booked 1 seat ',
    );
  });

  it('lists tomorrow’s attendees in a table with header cells, and as lines in text', () => {
    const mail = render('consultant-attendee-list', 'fr');
    expect(mail.html).toContain('<th scope="col"');
    expect(mail.html).toContain('<caption');
    expect(mail.html).toContain('marie@lucioles.example');
    expect(mail.html).toContain('non renseigné');
    expect(mail.text).toContain('- Marie Dupont — Les Lucioles — marie@lucioles.example');
    expect(mail.text).toContain('- Paul Roux — SCOP Les Artisans\n');
  });
});

describe('membership', () => {
  it('tells the Chambre’s admins who applies, for which year, with the charter version accepted', () => {
    const mail = render('membership-application-submitted', 'fr');
    expect(mail.subject).toBe('Demande d’adhésion 2027 : Les Lucioles');
    expect(mail.text).toContain('Les Lucioles demande à adhérer pour l’année 2027.');
    expect(mail.text).toContain('version 3');
    expect(mail.text).toContain('marie@lucioles.example');
    expect(render('membership-application-submitted', 'fr', { kind: 'renewal' }).text).toContain(
      'demande à renouveler son adhésion',
    );
  });

  it('gives the fee on approval, and says the membership starts once the invoice is paid', () => {
    const pending = render('membership-application-approved', 'fr');
    expect(spaces(pending.text)).toContain('180,00 €');
    expect(pending.text).toContain('dès son paiement');
    const active = render('membership-application-approved', 'fr', { active: true });
    expect(active.text).toContain('active dès à présent');
    expect(render('membership-application-approved', 'en').text).toContain('once it is paid');
  });

  it('quotes the reason of a refusal', () => {
    const mail = render('membership-application-refused', 'fr');
    expect(mail.text).toContain('Votre siège est hors de la région.');
    expect(mail.subject).toBe('Votre demande d’adhésion 2027');
  });

  it('gives a trainee and their organisation the hours attended with the completion documents', () => {
    const trainee = render('training-completion-trainee', 'fr');
    expect(trainee.subject).toBe(
      'Votre attestation de formation : Gestion financière d’une association',
    );
    expect(spaces(trainee.text)).toContain('10,5 h sur 14 h');
    expect(trainee.text).toContain('certificat de réalisation');
    const organisation = render('training-completion-organisation', 'fr');
    expect(organisation.text).toContain('Karim Benali');
    expect(organisation.text).toContain('OPCO');
    expect(spaces(organisation.text)).toContain('10,5 h sur 14 h');
    expect(organisation.text).toContain('https://mutualis.example/bookings/b-1');
    expect(spaces(render('training-completion-trainee', 'en').text)).toContain('10.5 h of 14 h');
  });
});

describe('html', () => {
  it('escapes the five special characters of every interpolated value', () => {
    expect(html`<p title="${`"'`}">${'<b>&'}</p>`.markup).toBe(
      '<p title="&quot;&#39;">&lt;b&gt;&amp;</p>',
    );
    expect(escapeHtml(HOSTILE)).toBe(HOSTILE_ESCAPED);
  });

  it('keeps safe fragments as they are, joins arrays and drops empty values', () => {
    const items = ['a<', 'b>'].map((item) => html`<li>${item}</li>`);
    const fragment = html`<ul>
        ${items}
      </ul>
      ${null}${undefined}${false}${raw('<br>')}${42}`;
    // Prettier may lay out the literal's markup; only the whitespace between tags may change.
    expect(fragment.markup.replace(/>\s+/g, '>').replace(/\s+</g, '<')).toBe(
      '<ul><li>a&lt;</li><li>b&gt;</li></ul><br>42',
    );
  });

  it('accepts only absolute http(s) URLs for links', () => {
    expect(httpUrl('https://mutualis.example/a?b=1&c=2')).toBe(
      'https://mutualis.example/a?b=1&c=2',
    );
    expect(httpUrl('http://localhost:3000/')).toBe('http://localhost:3000/');
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,x',
      '/relative',
      'mailto:a@b.c',
      '',
    ]) {
      expect(httpUrl(url)).toBeNull();
    }
  });

  it('escapes the query string of a link in its href', () => {
    const mail = render('booking-confirmed', 'fr', {
      bookingUrl: 'https://mutualis.example/b?x=1&y="2"',
    });
    expect(mail.html).toContain('href="https://mutualis.example/b?x=1&amp;y=%222%22"');
  });
});

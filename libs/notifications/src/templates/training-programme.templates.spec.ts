import { renderMail } from './render-mail';
import type { MailContext, TemplateData } from './template-data';

const data: TemplateData['training-convocation'] = {
  offeringTitle: 'Être employeur associatif',
  startsAt: '2027-01-14T08:00:00Z',
  endsAt: '2027-01-15T16:00:00Z',
  location: 'Cité des associations, Marseille',
  remoteUrl: null,
  traineeName: 'Inès Durand',
  organisationName: 'Les Lucioles',
  revised: false,
  offeringUrl: 'https://mutualis.example/offerings/42',
};

const context: MailContext = {
  locale: 'fr',
  chambreName: 'CRESS Provence-Alpes-Côte d’Azur',
  chambreEmail: 'contact@cress.example',
  webUrl: 'https://mutualis.example',
  recipientName: null,
  preferencesUrl: null,
};

describe('the convocation e-mail', () => {
  it('greets the trainee, says where and when, and points at the attached PDF', () => {
    const mail = renderMail('training-convocation', data, context);
    expect(mail.subject).toBe('Convocation : Être employeur associatif');
    expect(mail.text).toContain('Inès Durand,');
    expect(mail.text).toContain('vous convoque à la formation');
    expect(mail.text).toContain('Cité des associations, Marseille');
    expect(mail.text).toContain('Les Lucioles');
    expect(mail.text).toContain('jointe en PDF');
  });

  it('says a revised one replaces the earlier', () => {
    const mail = renderMail('training-convocation', { ...data, revised: true }, context);
    expect(mail.subject).toBe('Convocation modifiée : Être employeur associatif');
    expect(mail.text).toContain('annule et remplace la précédente');
  });

  it('asks the booker to pass it on when the trainee has no address', () => {
    const mail = renderMail('training-convocation', { ...data, toBooker: true }, context);
    expect(mail.text).toContain('merci de la lui transmettre');
    const english = renderMail('training-convocation', data, { ...context, locale: 'en' });
    expect(english.subject).toBe('Joining instructions: Être employeur associatif');
  });
});

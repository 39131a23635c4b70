import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enAccount from './locales/en/account.json';
import enAdmin from './locales/en/admin.json';
import enAttendance from './locales/en/attendance.json';
import enCommon from './locales/en/common.json';
import enConsultant from './locales/en/consultant.json';
import enFinance from './locales/en/finance.json';
import enMember from './locales/en/member.json';
import enMembership from './locales/en/membership.json';
import enPublic from './locales/en/public.json';
import enPrivacy from './locales/en/privacy.json';
import frAccount from './locales/fr/account.json';
import enSecurity from './locales/en/security.json';
import enSurvey from './locales/en/survey.json';
import enTrainingProgramme from './locales/en/training-programme.json';
import frTrainingProgramme from './locales/fr/training-programme.json';
import frAdmin from './locales/fr/admin.json';
import frAttendance from './locales/fr/attendance.json';
import frCommon from './locales/fr/common.json';
import frConsultant from './locales/fr/consultant.json';
import frFinance from './locales/fr/finance.json';
import frMember from './locales/fr/member.json';
import frMembership from './locales/fr/membership.json';
import frPublic from './locales/fr/public.json';
import frPrivacy from './locales/fr/privacy.json';
import frSecurity from './locales/fr/security.json';
import frSurvey from './locales/fr/survey.json';

/** French first; English for those who choose it (kept in localStorage). One file per area. */
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const LANGUAGE_KEY = 'mutualis.language';

function savedLanguage(): Language {
  try {
    return window.localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

void i18n.use(initReactI18next).init({
  resources: {
    fr: {
      common: frCommon,
      public: frPublic,
      member: frMember,
      membership: frMembership,
      consultant: frConsultant,
      finance: frFinance,
      admin: frAdmin,
      privacy: frPrivacy,
      account: frAccount,
      security: frSecurity,
      attendance: frAttendance,
      survey: frSurvey,
      trainingProgramme: frTrainingProgramme,
    },
    en: {
      common: enCommon,
      public: enPublic,
      member: enMember,
      membership: enMembership,
      consultant: enConsultant,
      finance: enFinance,
      admin: enAdmin,
      privacy: enPrivacy,
      account: enAccount,
      security: enSecurity,
      attendance: enAttendance,
      survey: enSurvey,
      trainingProgramme: enTrainingProgramme,
    },
  },
  lng: savedLanguage(),
  fallbackLng: 'fr',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
  // i18next otherwise advertises its hosted service in every browser console.
  showSupportNotice: false,
});

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this page only
  }
});
document.documentElement.lang = i18n.language;

export default i18n;

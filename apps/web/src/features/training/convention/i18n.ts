import i18n from 'i18next';

/** The convention pages' words, in their own namespace (added here, not in the shared index). */
export const NS = 'trainingConvention';

export const fr = {
  documents: {
    heading: 'Documents de formation',
    empty:
      'Les documents de la formation (convention, convocations, attestations) apparaîtront ici.',
    pending: 'La convention est en cours de préparation : elle apparaît ici dans un instant.',
    version: 'version {{version}}',
    latest: 'la plus récente',
    download: 'Télécharger',
    downloadNamed: 'Télécharger {{title}}, version {{version}}',
    signedBy: 'signée par {{name}} ({{party}}) le {{date}}',
    kind: {
      programme: 'Programme',
      convention: 'Convention',
      convocation: 'Convocation',
      attendance_sheet: 'Feuille d’émargement',
      attestation: 'Attestation de fin de formation',
      certificate: 'Certificat de réalisation',
    },
    party: { organisation: 'organisation', chambre: 'organisme de formation' },
  },
  sign: {
    heading: 'Signer la convention',
    status: {
      organisation: 'Organisation',
      chambre: 'Organisme de formation',
      signed: 'signée',
      unsigned: 'en attente de signature',
    },
    required: 'La convention signée est requise avant le début de la formation.',
    intro: {
      organisation:
        'Lisez la version {{version}} de la convention (bouton Télécharger), puis signez-la pour votre organisation.',
      chambre:
        'Lisez la version {{version}} de la convention (bouton Télécharger), puis signez-la pour l’organisme de formation.',
    },
    hash: 'Empreinte SHA-256 de la version à signer',
    capacity: 'Votre qualité',
    capacityHint: 'Par exemple « Présidente », « Directeur ».',
    consent:
      'J’ai lu la convention identifiée par l’empreinte ci-dessus et je la signe (signature électronique simple).',
    consentMissing: 'Cochez la case pour consentir à la signature.',
    submit: 'Signer la convention',
    working: 'Signature…',
    done: 'Convention signée : la version signée est enregistrée.',
    onlyAdmins: 'Seul un administrateur de l’organisation peut signer la convention.',
  },
  settings: {
    title: 'Réglages des formations',
    intro:
      'Délais des convocations et des questionnaires, exigence de la convention signée et signataire de la Chambre.',
    convocationDaysBefore: 'Convocation envoyée (jours avant la session)',
    coldSurveyDaysAfter: 'Questionnaire à froid (jours après la session)',
    signingMarginMinutes: 'Marge d’émargement (minutes autour de chaque demi-journée)',
    requireSignedConvention: 'Exiger la convention signée par l’organisation avant la session',
    signatory: 'Signataire pour la Chambre',
    signatoryNone: 'Aucun',
    signatoryName: 'Nom imprimé',
    signatoryCapacity: 'Qualité imprimée',
    signatoryCapacityHint: 'Par exemple « Directrice ».',
    save: 'Enregistrer',
    working: 'Enregistrement…',
    saved: 'Réglages enregistrés.',
  },
};

export const en: typeof fr = {
  documents: {
    heading: 'Training documents',
    empty: 'The training’s documents (agreement, notices, certificates) will appear here.',
    pending: 'The training agreement is being prepared: it will appear here in a moment.',
    version: 'version {{version}}',
    latest: 'latest',
    download: 'Download',
    downloadNamed: 'Download {{title}}, version {{version}}',
    signedBy: 'signed by {{name}} ({{party}}) on {{date}}',
    kind: {
      programme: 'Programme',
      convention: 'Training agreement',
      convocation: 'Notice to attend',
      attendance_sheet: 'Attendance sheet',
      attestation: 'End-of-training attestation',
      certificate: 'Certificate of completion',
    },
    party: { organisation: 'organisation', chambre: 'training body' },
  },
  sign: {
    heading: 'Sign the training agreement',
    status: {
      organisation: 'Organisation',
      chambre: 'Training body',
      signed: 'signed',
      unsigned: 'awaiting signature',
    },
    required: 'The signed agreement is required before the training starts.',
    intro: {
      organisation:
        'Read version {{version}} of the agreement (Download button), then sign it for your organisation.',
      chambre:
        'Read version {{version}} of the agreement (Download button), then sign it for the training body.',
    },
    hash: 'SHA-256 fingerprint of the version to sign',
    capacity: 'Your capacity',
    capacityHint: 'For example “Chair”, “Director”.',
    consent:
      'I have read the agreement identified by the fingerprint above and sign it (simple electronic signature).',
    consentMissing: 'Tick the box to consent to signing.',
    submit: 'Sign the agreement',
    working: 'Signing…',
    done: 'Agreement signed: the signed version is stored.',
    onlyAdmins: 'Only an administrator of the organisation can sign the agreement.',
  },
  settings: {
    title: 'Training settings',
    intro:
      'Notice and survey delays, the signed agreement requirement and the Chambre’s signatory.',
    convocationDaysBefore: 'Notice sent (days before the session)',
    coldSurveyDaysAfter: 'Follow-up survey (days after the session)',
    signingMarginMinutes: 'Attendance signing margin (minutes around each half-day)',
    requireSignedConvention: 'Require the agreement signed by the organisation before the session',
    signatory: 'Signatory for the Chambre',
    signatoryNone: 'None',
    signatoryName: 'Printed name',
    signatoryCapacity: 'Printed capacity',
    signatoryCapacityHint: 'For example “Director”.',
    save: 'Save',
    working: 'Saving…',
    saved: 'Settings saved.',
  },
};

i18n.addResourceBundle('fr', NS, fr, true, false);
i18n.addResourceBundle('en', NS, en, true, false);

/**
 * Demo catalogue of the member-services marketplace: categories and offerings (trainings and
 * consultations) as the regional CRESS would publish them. Addresses and links are plausible but
 * fictitious; dates are relative to the day the demo is seeded.
 */

import type { VatTreatment } from '@mutualis/catalogue';

export type DemoCategorySlug =
  | 'formation'
  | 'juridique'
  | 'ressources-humaines'
  | 'gestion-et-finance'
  | 'numerique'
  | 'gouvernance-cooperative'
  | 'financement';

export interface DemoSession {
  /** Days from today (1 to 90) of the session's first day. */
  inDays: number;
  /** Local Paris time, 'HH:mm'. The end is start + the offering's durationMinutes. */
  startTime: string;
  capacity: number;
  /** Postal address for on-site and hybrid sessions, e.g. 'Maison des associations, 93 La Canebière, 13001 Marseille'; null for remote. */
  location: string | null;
  /** A video-conference link for remote and hybrid sessions (use https://visio.demo.mutualis.fr/<slug>), null otherwise. */
  remoteUrl: string | null;
  /** Seed it fully booked (to show the waitlist). */
  full?: boolean;
}

export interface DemoSlotPattern {
  /** ISO weekdays 1 (Monday) to 7 (Sunday). */
  weekdays: number[];
  /** Local Paris start times 'HH:mm'; each slot lasts the offering's durationMinutes. */
  startTimes: string[];
  /** How many weeks ahead, starting next week (1 to 12). */
  weeks: number;
}

export interface DemoOffering {
  /** Which demo consultant owns it: 1 = Claire Roux (droit des associations, legal), 2 = Mathieu Ferrand (ressources humaines), 3 = Nadia Haddad (gestion et financement). */
  consultant: 1 | 2 | 3;
  title: string;
  /** One or two sentences, at most 280 characters. */
  summary: string;
  /** Markdown, 80 to 250 words: objectives, programme, public, prerequisites, modalities. */
  description: string;
  categorySlug: DemoCategorySlug;
  kind: 'training' | 'consultation';
  deliveryMode: 'on_site' | 'remote' | 'hybrid';
  /** Départements served, among PACA's: '04', '05', '06', '13', '83', '84'. */
  departments: string[];
  /** Training: 180 to 840 (total minutes of one session); consultation: 60 or 90. */
  durationMinutes: number;
  /** Excluding VAT, integer cents. */
  memberPriceCents: number;
  /** Excluding VAT, higher than the member price. */
  nonMemberPriceCents: number;
  /** The regime the Chambre sets (the consultant does not choose it). */
  vatTreatment: VatTreatment;
  maxSeatsPerOrganisation: number | null;
  status: 'published' | 'submitted' | 'draft' | 'rejected';
  /** Only for 'rejected'. */
  rejectionReason?: string;
  /** Training only ([] for consultations). */
  sessions: DemoSession[];
  /** Consultation only (null for trainings). */
  slots: DemoSlotPattern | null;
}

/** The six départements of Provence-Alpes-Côte d'Azur. */
const PACA = ['04', '05', '06', '13', '83', '84'];

const LIEUX = {
  marseille: 'Cité des associations, 93 La Canebière, 13001 Marseille',
  aix: 'Maison de la vie associative, place Romée de Villeneuve, 13090 Aix-en-Provence',
  arles: 'Maison de la vie associative, 2 boulevard des Lices, 13200 Arles',
  nice: 'Maison des associations Garibaldi, 12 ter place Garibaldi, 06300 Nice',
  cannes: 'Maison des associations, 9 rue Louis Braille, 06400 Cannes',
  toulon: 'Maison de la vie associative, 10 boulevard de Strasbourg, 83000 Toulon',
  hyeres: 'Espace associatif, 2 avenue Ambroise Thomas, 83400 Hyères',
  avignon: 'Maison de la vie associative, 2 rue Saint-Jean-le-Vieux, 84000 Avignon',
  gap: 'Maison des associations, 4 rue du Moulin, 05000 Gap',
  digne: 'Maison des associations, 4 rue du Docteur Honnorat, 04000 Digne-les-Bains',
  manosque: 'Pôle ESS du Pays de Manosque, 12 avenue Jean Giono, 04100 Manosque',
} as const;

type SessionExtra = Pick<DemoSession, 'full'>;

function visio(slug: string): string {
  return `https://visio.demo.mutualis.fr/${slug}`;
}

function onSite(
  inDays: number,
  startTime: string,
  capacity: number,
  location: string,
  extra: SessionExtra = {},
): DemoSession {
  return { inDays, startTime, capacity, location, remoteUrl: null, ...extra };
}

function remote(
  inDays: number,
  startTime: string,
  capacity: number,
  slug: string,
  extra: SessionExtra = {},
): DemoSession {
  return { inDays, startTime, capacity, location: null, remoteUrl: visio(slug), ...extra };
}

function hybrid(
  inDays: number,
  startTime: string,
  capacity: number,
  location: string,
  slug: string,
  extra: SessionExtra = {},
): DemoSession {
  return { inDays, startTime, capacity, location, remoteUrl: visio(slug), ...extra };
}

interface DescriptionParts {
  objectifs: string;
  programme: string[];
  publicVise: string;
  prerequis: string;
  modalites: string;
}

/** Builds the Markdown description; consultations title their programme « Déroulé ». */
function describe(parts: DescriptionParts, programmeTitle = 'Programme'): string {
  return [
    `**Objectifs** : ${parts.objectifs}`,
    '',
    `**${programmeTitle}**`,
    '',
    ...parts.programme.map((item) => `- ${item}`),
    '',
    `**Public** : ${parts.publicVise}`,
    '',
    `**Prérequis** : ${parts.prerequis}`,
    '',
    `**Modalités** : ${parts.modalites}`,
  ].join('\n');
}

export const DEMO_OFFERINGS: DemoOffering[] = [
  // ---------------------------------------------------------------- Formation
  {
    consultant: 2,
    title: 'Formations pour employeurs associatifs : les fondamentaux',
    summary:
      "Une journée pour maîtriser les obligations d'un employeur associatif : contrat de travail, convention collective, formalités d'embauche, paie et santé au travail.",
    description: describe({
      objectifs:
        "identifier les obligations légales et conventionnelles de l'employeur associatif et sécuriser les premières étapes de la fonction employeur.",
      programme: [
        'La fonction employeur dans une association : qui décide, qui signe, qui est responsable ?',
        "Choisir le bon contrat (CDI, CDD, temps partiel, contrat d'engagement éducatif) et le rédiger",
        'Convention collective applicable, classification et salaire minimum conventionnel',
        "Formalités d'embauche : DPAE, visite d'information et de prévention, registre unique du personnel",
        'Paie, DSN et recours au chèque emploi associatif',
        "Panorama des aides à l'emploi et des ressources du réseau régional",
      ],
      publicVise:
        "dirigeants bénévoles (président, trésorier) et coordinateurs salariés d'associations employeuses ou en passe de le devenir.",
      prerequis: 'aucun.',
      modalites:
        'journée en format hybride (en salle ou en visioconférence), alternant apports, cas pratiques et échanges. Modèles de documents remis aux participants, attestation de fin de formation. Trois places au plus par structure.',
    }),
    categorySlug: 'formation',
    kind: 'training',
    deliveryMode: 'hybrid',
    departments: ['13', '84', '83', '04'],
    durationMinutes: 420,
    memberPriceCents: 24_000,
    nonMemberPriceCents: 34_000,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: 3,
    status: 'published',
    sessions: [
      hybrid(8, '09:00', 16, LIEUX.marseille, 'employeurs-fondamentaux-1'),
      hybrid(36, '09:30', 14, LIEUX.avignon, 'employeurs-fondamentaux-2'),
      hybrid(71, '09:00', 16, LIEUX.marseille, 'employeurs-fondamentaux-3'),
    ],
    slots: null,
  },
  {
    consultant: 1,
    title: 'Formation des dirigeants bénévoles : rôles, responsabilités et bonnes pratiques',
    summary:
      'Président, trésorier, secrétaire : comprendre le rôle de chacun, mesurer la responsabilité des dirigeants bénévoles et adopter les bons réflexes pour gouverner sereinement son association.',
    description: describe({
      objectifs:
        "clarifier le rôle des instances et des dirigeants bénévoles, mesurer l'étendue de leur responsabilité et adopter des pratiques de gouvernance qui sécurisent l'association.",
      programme: [
        "Assemblée générale, conseil d'administration, bureau : ce que disent vraiment vos statuts",
        'Rôles du président, du trésorier et du secrétaire ; délégations de pouvoir et de signature',
        'Responsabilité civile, pénale et financière des dirigeants : cas concrets et jurisprudence',
        "Assurances : responsabilité civile de l'association et garantie des dirigeants",
        'Gestion désintéressée et rémunération des dirigeants : ce qui est possible',
        'Tenue des registres, comptes rendus et transmission entre mandats',
      ],
      publicVise:
        "membres de conseils d'administration et de bureaux, nouveaux élus ou candidats à un mandat associatif.",
      prerequis: 'aucun ; se munir si possible des statuts de son association.',
      modalites:
        'journée en présentiel, apports juridiques, études de cas et temps de questions-réponses. Support remis en fin de journée. Deux places au plus par structure.',
    }),
    categorySlug: 'formation',
    kind: 'training',
    deliveryMode: 'on_site',
    departments: ['06', '83'],
    durationMinutes: 360,
    memberPriceCents: 15_000,
    nonMemberPriceCents: 21_000,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: 2,
    status: 'published',
    sessions: [
      onSite(12, '09:30', 18, LIEUX.nice),
      onSite(47, '09:30', 18, LIEUX.toulon),
      onSite(82, '09:30', 15, LIEUX.cannes),
    ],
    slots: null,
  },
  {
    consultant: 2,
    title: 'Premier recrutement : formation express pour nouveaux employeurs',
    summary:
      'Une demi-journée à distance pour réussir sa première embauche : définir le poste, choisir le contrat, accomplir les formalités et connaître les aides mobilisables.',
    description: describe({
      objectifs:
        "préparer et réussir la première embauche d'une association, de la définition du besoin à l'accueil du salarié.",
      programme: [
        'Définir le poste et rédiger une fiche de poste réaliste',
        "Vérifier la soutenabilité financière du poste : coût employeur et aides à l'embauche",
        'Choisir le contrat adapté et identifier la convention collective applicable',
        "Formalités d'embauche : DPAE, complémentaire santé, prévoyance, service de prévention et de santé au travail",
        "Organiser l'intégration et la période d'essai",
      ],
      publicVise:
        "dirigeants bénévoles d'associations non employeuses qui envisagent un premier recrutement.",
      prerequis: "avoir un projet d'embauche identifié, même à un stade précoce.",
      modalites:
        "demi-journée en visioconférence ; quiz, outils pratiques (fiche de poste type, simulateur de coût) et temps d'échanges. Lien de connexion envoyé la veille.",
    }),
    categorySlug: 'formation',
    kind: 'training',
    deliveryMode: 'remote',
    departments: [...PACA],
    durationMinutes: 180,
    memberPriceCents: 9_000,
    nonMemberPriceCents: 12_600,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: null,
    status: 'submitted',
    sessions: [
      remote(20, '14:00', 20, 'premier-recrutement-1'),
      remote(55, '14:00', 20, 'premier-recrutement-2'),
    ],
    slots: null,
  },
  {
    consultant: 2,
    title: 'Bilan de vos besoins de formation : entretien conseil pour employeurs',
    summary:
      "Un entretien individuel pour faire le point sur les besoins de formation de votre équipe et poser les bases d'un plan de développement des compétences réaliste et finançable.",
    description: describe(
      {
        objectifs:
          'recenser les besoins de formation de vos salariés et bénévoles, les hiérarchiser et identifier les formats et financements adaptés.',
        programme: [
          'Questionnaire préalable sur votre structure, votre équipe et vos projets',
          "Entretien d'une heure en visioconférence : compétences clés, départs et arrivées prévus, obligations de formation",
          "Repérage des formations pertinentes, en interne, dans le réseau ou auprès d'organismes extérieurs",
          'Synthèse écrite et trame de plan de développement des compétences envoyées sous une semaine',
        ],
        publicVise: 'employeurs associatifs et coopératifs de moins de 50 salariés.',
        prerequis: "avoir réalisé, si possible, les entretiens professionnels de l'année.",
        modalites:
          'consultation individuelle à distance, sur rendez-vous. Un second rendez-vous peut être réservé pour le suivi.',
      },
      'Déroulé',
    ),
    categorySlug: 'formation',
    kind: 'consultation',
    deliveryMode: 'remote',
    departments: [...PACA],
    durationMinutes: 60,
    memberPriceCents: 7_000,
    nonMemberPriceCents: 10_000,
    vatTreatment: 'standard',
    maxSeatsPerOrganisation: null,
    status: 'submitted',
    sessions: [],
    slots: { weekdays: [1, 3], startTimes: ['14:00', '15:30'], weeks: 6 },
  },

  // ---------------------------------------------------------------- Juridique
  {
    consultant: 1,
    title: 'Rédiger et réviser les statuts de son association',
    summary:
      'Objet, membres, instances, pouvoirs, dissolution : savoir rédiger des statuts clairs et adaptés à votre projet, et conduire une révision statutaire dans les règles.',
    description: describe({
      objectifs:
        'rédiger des statuts adaptés au projet associatif, repérer les clauses sensibles et mener une révision statutaire sans risque de contestation.',
      programme: [
        'Le cadre de la loi du 1er juillet 1901 : ce qui est obligatoire, ce qui est libre',
        'Objet social, siège, durée : formuler sans se limiter',
        'Membres : catégories, adhésion, cotisation, radiation et droit de vote',
        "Instances et pouvoirs : assemblée générale, conseil d'administration, bureau ou direction collégiale",
        'Ressources, dissolution et dévolution des biens',
        'Conduire une modification statutaire : convocation, quorum, majorités, déclaration en préfecture',
      ],
      publicVise:
        'dirigeants, salariés et bénévoles chargés de la vie statutaire, porteurs de projet de création.',
      prerequis: 'aucun ; apporter les statuts actuels de son association est recommandé.',
      modalites:
        'journée en présentiel ; atelier de relecture de statuts en petits groupes, modèles commentés remis aux participants.',
    }),
    categorySlug: 'juridique',
    kind: 'training',
    deliveryMode: 'on_site',
    departments: ['13', '84'],
    durationMinutes: 420,
    memberPriceCents: 21_000,
    nonMemberPriceCents: 30_000,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [
      onSite(6, '09:00', 14, LIEUX.aix, { full: true }),
      onSite(40, '09:00', 12, LIEUX.avignon),
      onSite(75, '09:00', 14, LIEUX.marseille),
    ],
    slots: null,
  },
  {
    consultant: 1,
    title: 'Mécénat et reçus fiscaux',
    summary:
      "Vérifier l'éligibilité de votre association au mécénat, délivrer des reçus fiscaux conformes et éviter les redressements : le cadre des articles 200 et 238 bis du CGI expliqué pas à pas.",
    description: describe({
      objectifs:
        'déterminer si votre association peut délivrer des reçus fiscaux, sécuriser vos pratiques de collecte et respecter les obligations déclaratives.',
      programme: [
        'Dons, mécénat, parrainage : distinguer les notions et leurs conséquences fiscales',
        "Conditions d'éligibilité : intérêt général, gestion désintéressée, cercle restreint de personnes",
        "Réductions d'impôt des particuliers et des entreprises (articles 200 et 238 bis du CGI)",
        'Établir un reçu fiscal conforme (Cerfa n° 11580) et le délivrer en ligne',
        'Déclaration annuelle des dons reçus et des reçus délivrés',
        "Rescrit fiscal : quand et comment interroger l'administration",
        'Contreparties, mécénat en nature et mécénat de compétences',
      ],
      publicVise: 'dirigeants, trésoriers, chargés de développement et de collecte.',
      prerequis: 'aucun.',
      modalites:
        'demi-journée en visioconférence, apports et cas pratiques ; modèles de reçu et de convention de mécénat fournis.',
    }),
    categorySlug: 'juridique',
    kind: 'training',
    deliveryMode: 'remote',
    departments: [...PACA],
    durationMinutes: 210,
    memberPriceCents: 11_000,
    nonMemberPriceCents: 16_500,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [
      remote(10, '14:00', 20, 'mecenat-recus-fiscaux-1', { full: true }),
      remote(45, '09:30', 20, 'mecenat-recus-fiscaux-2'),
      remote(80, '14:00', 20, 'mecenat-recus-fiscaux-3'),
    ],
    slots: null,
  },
  {
    consultant: 1,
    title: "Agrément ESUS : l'obtenir et le garder",
    summary:
      "Conditions, dossier à déposer auprès de la DDETS, politique de rémunération, utilité sociale : tout pour obtenir l'agrément « entreprise solidaire d'utilité sociale » et le conserver.",
    description: describe({
      objectifs:
        "comprendre les conditions de l'agrément « entreprise solidaire d'utilité sociale », constituer un dossier solide et respecter les obligations qui permettent de le conserver.",
      programme: [
        "À quoi sert l'agrément ESUS : épargne salariale solidaire, investisseurs, réduction d'impôt",
        "Les conditions de l'article L. 3332-17-1 du Code du travail : utilité sociale, impact sur le compte de résultat, politique de rémunération",
        'Les structures agréées de plein droit',
        'Constituer le dossier et le déposer auprès de la DDETS',
        "Durée de l'agrément, contrôles et renouvellement",
      ],
      publicVise: "dirigeants de SCOP, SCIC, associations et sociétés commerciales de l'ESS.",
      prerequis: 'connaître les grandes lignes de la loi ESS du 31 juillet 2014 est un plus.',
      modalites:
        'demi-journée en visioconférence ; liste de contrôle du dossier et exemples de clauses statutaires fournis.',
    }),
    categorySlug: 'juridique',
    kind: 'training',
    deliveryMode: 'remote',
    departments: [...PACA],
    durationMinutes: 180,
    memberPriceCents: 9_500,
    nonMemberPriceCents: 14_000,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [
      remote(16, '09:30', 16, 'agrement-esus-1', { full: true }),
      remote(58, '14:00', 16, 'agrement-esus-2'),
    ],
    slots: null,
  },
  {
    consultant: 1,
    title: 'Consultation juridique : statuts, règlement intérieur et vie statutaire',
    summary:
      "Une heure avec une juriste spécialisée en droit des associations pour répondre à votre question : modification des statuts, conflit entre administrateurs, exclusion d'un membre, activité lucrative…",
    description: describe(
      {
        objectifs:
          'obtenir une réponse personnalisée et argumentée à une question juridique liée à la vie de votre association.',
        programme: [
          'Envoi de vos documents (statuts, règlement intérieur, procès-verbaux) au moins 48 heures avant le rendez-vous',
          "Entretien d'une heure en visioconférence : analyse de la situation et pistes de solution",
          'Synthèse écrite des recommandations envoyée sous cinq jours ouvrés',
        ],
        publicVise: "dirigeants et salariés d'associations et de fondations.",
        prerequis: 'préciser votre question lors de la réservation.',
        modalites:
          "consultation individuelle à distance, sur rendez-vous. La consultation ne comprend ni la rédaction d'actes ni la représentation en justice.",
      },
      'Déroulé',
    ),
    categorySlug: 'juridique',
    kind: 'consultation',
    deliveryMode: 'remote',
    departments: [...PACA],
    durationMinutes: 60,
    memberPriceCents: 9_000,
    nonMemberPriceCents: 13_000,
    vatTreatment: 'standard',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [],
    slots: { weekdays: [2, 4], startTimes: ['09:30', '11:00', '14:00'], weeks: 8 },
  },
  {
    consultant: 1,
    title: 'Permanence juridique bénévolat : défraiement, assurance et sécurité des bénévoles',
    summary:
      'Remboursement de frais, abandon de frais et reçu fiscal, assurance, sécurité des bénévoles pendant les activités : une permanence dédiée aux questions juridiques du bénévolat.',
    description: describe(
      {
        objectifs:
          "sécuriser l'engagement de vos bénévoles et éviter toute requalification du bénévolat en salariat.",
        programme: [
          'Présentation de votre situation et de vos questions',
          "Remboursement de frais réels, barème kilométrique et abandon de frais ouvrant droit à réduction d'impôt",
          "Assurance des bénévoles, accidents et responsabilité de l'association",
          'Bénévoles mineurs, bénévoles étrangers, volontaires en service civique : règles applicables',
          'Frontière entre bénévolat et salariat : indices de requalification',
        ],
        publicVise: 'dirigeants et responsables de bénévoles.',
        prerequis: 'aucun.',
        modalites:
          "consultation individuelle d'une heure en visioconférence. Permanence réalisée dans le cadre d'une mission d'intérêt général subventionnée ; la participation demandée rémunère la consultation et est soumise à la TVA.",
      },
      'Déroulé',
    ),
    categorySlug: 'juridique',
    kind: 'consultation',
    deliveryMode: 'remote',
    departments: [...PACA],
    durationMinutes: 60,
    memberPriceCents: 6_000,
    nonMemberPriceCents: 8_500,
    vatTreatment: 'standard',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [],
    slots: { weekdays: [5], startTimes: ['09:30', '11:00'], weeks: 12 },
  },

  // ---------------------------------------------------------------- Gouvernance coopérative
  {
    consultant: 1,
    title: 'Passer en SCIC : étapes et points de vigilance',
    summary:
      "Transformer une association ou une société en société coopérative d'intérêt collectif : conditions juridiques, collèges d'associés, fiscalité, calendrier et pièges à éviter.",
    description: describe({
      objectifs:
        "évaluer l'opportunité d'une transformation en SCIC, en connaître les étapes juridiques, fiscales et sociales, et bâtir un calendrier réaliste.",
      programme: [
        'La SCIC en bref : intérêt collectif, multisociétariat, lucrativité limitée',
        "Transformer une association en SCIC sans création d'une personne morale nouvelle",
        "Construire les catégories d'associés et les collèges de vote",
        'Réserves impartageables, rémunération des parts sociales et fiscalité',
        'Conséquences pour les salariés, les subventions, les agréments et les contrats en cours',
        "Rétroplanning : de l'étude d'opportunité à l'assemblée générale de transformation",
        "Retours d'expérience de SCIC de la région",
      ],
      publicVise:
        "dirigeants et équipes d'associations ou de sociétés qui envisagent la transformation, porteurs de projets coopératifs.",
      prerequis: 'aucun ; une première réflexion collective sur le projet est recommandée.',
      modalites:
        "journée en format hybride ; apports juridiques, témoignages et atelier de construction des collèges. Formation animée en lien avec l'union régionale des SCOP et SCIC.",
    }),
    categorySlug: 'gouvernance-cooperative',
    kind: 'training',
    deliveryMode: 'hybrid',
    departments: ['13', '06', '83'],
    durationMinutes: 420,
    memberPriceCents: 26_000,
    nonMemberPriceCents: 39_000,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [
      hybrid(14, '09:00', 12, LIEUX.marseille, 'passer-en-scic-1'),
      hybrid(49, '09:00', 12, LIEUX.nice, 'passer-en-scic-2'),
      hybrid(84, '09:00', 6, LIEUX.toulon, 'passer-en-scic-3'),
    ],
    slots: null,
  },
  {
    consultant: 1,
    title: 'Gouvernance partagée et prise de décision par consentement',
    summary:
      'Sortir du vote majoritaire sans tomber dans la recherche épuisante du consensus : découvrir la gouvernance partagée et apprendre à animer une décision par consentement.',
    description: describe({
      objectifs:
        'expérimenter des pratiques de gouvernance partagée et savoir animer une prise de décision par consentement dans son organisation.',
      programme: [
        'Panorama des modèles : direction collégiale, sociocratie, holacratie, gouvernance coopérative',
        'Décider par consentement : différences avec le consensus et le vote majoritaire',
        'Animer le processus : proposition, clarification, réactions, objections, bonification',
        'Élection sans candidat et rôles tournants',
        'Traduire la gouvernance partagée dans les statuts et le règlement intérieur',
        'Mises en situation à partir des cas apportés par les participants',
      ],
      publicVise: "administrateurs, salariés et bénévoles d'associations et de coopératives.",
      prerequis: 'aucun.',
      modalites:
        'journée en présentiel, pédagogie active et mises en situation. Deux personnes au plus par structure pour favoriser la diversité des échanges.',
    }),
    categorySlug: 'gouvernance-cooperative',
    kind: 'training',
    deliveryMode: 'on_site',
    departments: ['84', '04', '05'],
    durationMinutes: 420,
    memberPriceCents: 19_000,
    nonMemberPriceCents: 27_000,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: 2,
    status: 'published',
    sessions: [
      onSite(9, '09:30', 14, LIEUX.avignon),
      onSite(33, '09:30', 12, LIEUX.digne),
      onSite(66, '09:30', 5, LIEUX.gap),
    ],
    slots: null,
  },
  {
    consultant: 1,
    title: 'Réussir son assemblée générale : convocation, quorum et procès-verbal',
    summary:
      'Préparer, tenir et formaliser une assemblée générale incontestable, en présentiel, à distance ou en format mixte, dans une association comme dans une SCOP ou une SCIC.',
    description: describe({
      objectifs:
        'préparer, tenir et formaliser une assemblée générale conforme aux statuts et à la loi.',
      programme: [
        "Calendrier : de l'arrêté des comptes à l'assemblée",
        'Convocation : délais, forme, ordre du jour et documents à communiquer',
        'Quorum, pouvoirs et majorités : lire et appliquer ses statuts',
        'Assemblée à distance ou mixte : conditions et outils de vote',
        'Rédiger le procès-verbal, tenir le registre et accomplir les déclarations',
        'Spécificités des SCOP et SCIC : une personne, une voix, collèges de vote',
      ],
      publicVise: 'dirigeants, secrétaires, salariés chargés de la vie associative ou coopérative.',
      prerequis: 'aucun.',
      modalites:
        'demi-journée en visioconférence ; modèles de convocation, de feuille de présence et de procès-verbal fournis.',
    }),
    categorySlug: 'gouvernance-cooperative',
    kind: 'training',
    deliveryMode: 'remote',
    departments: [...PACA],
    durationMinutes: 180,
    memberPriceCents: 9_000,
    nonMemberPriceCents: 13_000,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [
      remote(5, '14:00', 20, 'assemblee-generale-1'),
      remote(28, '14:00', 20, 'assemblee-generale-2'),
      remote(63, '09:30', 20, 'assemblee-generale-3'),
    ],
    slots: null,
  },
  {
    consultant: 1,
    title: 'Accompagnement à la transformation en SCOP ou SCIC',
    summary:
      'Un rendez-vous approfondi pour étudier la faisabilité de la transformation coopérative de votre structure et repartir avec une feuille de route.',
    description: describe(
      {
        objectifs:
          "étudier la faisabilité d'une transformation en SCOP ou en SCIC adaptée à votre structure et identifier les prochaines étapes.",
        programme: [
          "Échange sur le projet, son historique et les motivations de l'équipe",
          'Analyse de la situation juridique, financière et sociale de la structure',
          "Premiers scénarios : forme coopérative, catégories d'associés, capital de départ",
          'Feuille de route et orientation vers les partenaires (union régionale des SCOP et SCIC, financeurs solidaires)',
        ],
        publicVise:
          'associations, sociétés commerciales et collectifs de salariés envisageant un passage en coopérative.',
        prerequis: 'transmettre les statuts et les derniers comptes annuels avant le rendez-vous.',
        modalites:
          '1 h 30 dans vos locaux (Bouches-du-Rhône, Var, Vaucluse) ou en visioconférence. Plusieurs rendez-vous peuvent être enchaînés pour un accompagnement au long cours.',
      },
      'Déroulé',
    ),
    categorySlug: 'gouvernance-cooperative',
    kind: 'consultation',
    deliveryMode: 'hybrid',
    departments: ['13', '83', '84'],
    durationMinutes: 90,
    memberPriceCents: 14_000,
    nonMemberPriceCents: 20_000,
    vatTreatment: 'standard',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [],
    slots: { weekdays: [1, 3], startTimes: ['10:00', '14:30'], weeks: 10 },
  },

  // ---------------------------------------------------------------- Ressources humaines
  {
    consultant: 2,
    title: 'Convention collective ECLAT (ex-Animation) : ce qui change',
    summary:
      'Classification, rémunération, temps de travail, animateurs techniciens et professeurs : faire le point sur la convention collective ECLAT (IDCC 1518) et ses derniers avenants.',
    description: describe({
      objectifs:
        'appliquer correctement la convention collective ECLAT et intégrer les évolutions récentes issues des avenants.',
      programme: [
        "Du nom « Animation » à ECLAT : champ d'application et structures concernées",
        'Classification des emplois, groupes et calcul de la rémunération (valeur du point, coefficients)',
        "Temps de travail : aménagement sur l'année, temps partiel, intervenants occasionnels",
        'Animateurs techniciens et professeurs : un régime spécifique',
        "Contrat d'engagement éducatif et accueils collectifs de mineurs",
        'Prévoyance, complémentaire santé et formation professionnelle dans la branche',
        "Points d'attention pour la paie et la mise à jour des contrats",
      ],
      publicVise:
        'employeurs associatifs, responsables administratifs et gestionnaires de paie relevant de la branche.',
      prerequis: 'connaître les bases du droit du travail.',
      modalites:
        'demi-journée en visioconférence ; exercices de classification à partir de fiches de poste, tableau de synthèse fourni.',
    }),
    categorySlug: 'ressources-humaines',
    kind: 'training',
    deliveryMode: 'remote',
    departments: [...PACA],
    durationMinutes: 210,
    memberPriceCents: 12_000,
    nonMemberPriceCents: 17_000,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [
      remote(4, '09:30', 20, 'convention-eclat-1', { full: true }),
      remote(25, '14:00', 20, 'convention-eclat-2'),
      remote(52, '09:30', 20, 'convention-eclat-3'),
      remote(88, '14:00', 20, 'convention-eclat-4'),
    ],
    slots: null,
  },
  {
    consultant: 2,
    title: 'Entretien professionnel et plan de développement des compétences',
    summary:
      "Conduire des entretiens professionnels utiles et conformes, puis en faire la base d'un plan de développement des compétences adapté aux moyens de votre structure.",
    description: describe({
      objectifs:
        "mener des entretiens professionnels conformes et s'en servir pour construire un plan de développement des compétences réaliste.",
      programme: [
        "Entretien professionnel et entretien annuel d'évaluation : distinguer les deux démarches",
        'Obligations légales : périodicité, état des lieux à six ans, abondement correctif du CPF',
        "Préparer et mener l'entretien : trame, posture, écoute",
        'Du recueil des besoins au plan de développement des compétences',
        'Financer les actions : OPCO, CPF, dispositifs de branche',
        'Construire son calendrier RH annuel',
      ],
      publicVise: "dirigeants, responsables d'équipe et coordinateurs de structures de l'ESS.",
      prerequis: 'aucun.',
      modalites:
        "journée en présentiel ; jeux de rôle et trame d'entretien personnalisable remise aux participants. Trois places au plus par structure.",
    }),
    categorySlug: 'ressources-humaines',
    kind: 'training',
    deliveryMode: 'on_site',
    departments: ['13', '83', '06'],
    durationMinutes: 420,
    memberPriceCents: 22_000,
    nonMemberPriceCents: 31_000,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: 3,
    status: 'published',
    sessions: [
      onSite(18, '09:00', 14, LIEUX.marseille),
      onSite(44, '09:00', 12, LIEUX.hyeres),
      onSite(77, '09:00', 14, LIEUX.nice),
    ],
    slots: null,
  },
  {
    consultant: 2,
    title: 'Emploi aidé : recruter en Parcours emploi compétences (PEC)',
    summary:
      "Conditions d'éligibilité, prise en charge, obligations de formation et d'accompagnement : mobiliser le Parcours emploi compétences pour créer un poste dans votre association.",
    description: describe({
      objectifs:
        "connaître le Parcours emploi compétences et mobiliser ce contrat aidé dans le respect de ses obligations d'accompagnement et de formation.",
      programme: [
        "Le PEC et le contrat unique d'insertion (CUI-CAE) : principes et publics éligibles",
        'Le rôle des prescripteurs : France Travail, missions locales, Cap emploi',
        'Taux de prise en charge fixés par arrêté du préfet de région, durée, temps de travail',
        "Obligations de l'employeur : tuteur, actions de formation, entretiens de suivi",
        'Articuler le PEC avec la convention collective et le projet de la structure',
        'Après le PEC : pérenniser le poste',
      ],
      publicVise:
        "employeurs associatifs et structures de l'ESS qui envisagent un recrutement en contrat aidé.",
      prerequis: 'aucun.',
      modalites:
        "demi-journée en visioconférence ; fiches pratiques et modèle de livret d'accompagnement fournis.",
    }),
    categorySlug: 'ressources-humaines',
    kind: 'training',
    deliveryMode: 'remote',
    departments: [...PACA],
    durationMinutes: 180,
    memberPriceCents: 9_000,
    nonMemberPriceCents: 12_500,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [
      remote(11, '14:00', 20, 'emploi-aide-pec-1'),
      remote(39, '14:00', 20, 'emploi-aide-pec-2'),
      remote(68, '09:30', 20, 'emploi-aide-pec-3'),
    ],
    slots: null,
  },
  {
    consultant: 2,
    title: 'Accueillir, animer et fidéliser ses bénévoles',
    summary:
      "Des missions attractives, un accueil soigné, une reconnaissance réelle : structurer l'accompagnement des bénévoles pour les mobiliser durablement.",
    description: describe({
      objectifs:
        "structurer l'accueil et l'accompagnement des bénévoles pour les mobiliser durablement et reconnaître leur engagement.",
      programme: [
        "Les motivations et les attentes des bénévoles aujourd'hui",
        'Identifier les besoins et rédiger des missions de bénévolat attractives',
        'Recruter : canaux, plateformes, forums des associations',
        "Accueillir et intégrer : livret d'accueil, charte du bénévolat, référent",
        "Reconnaître et valoriser : passeport bénévole, compte d'engagement citoyen, valorisation comptable",
        'Cadre juridique : assurance, remboursement de frais, frontière avec le salariat',
      ],
      publicVise: 'dirigeants, coordinateurs et responsables de bénévoles.',
      prerequis: 'aucun.',
      modalites:
        "journée en présentiel ; ateliers en sous-groupes et boîte à outils (modèles de charte et de livret d'accueil). Deux places au plus par structure.",
    }),
    categorySlug: 'ressources-humaines',
    kind: 'training',
    deliveryMode: 'on_site',
    departments: ['13', '05', '84'],
    durationMinutes: 360,
    memberPriceCents: 14_000,
    nonMemberPriceCents: 19_000,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: 2,
    status: 'published',
    sessions: [
      onSite(21, '09:30', 16, LIEUX.arles),
      onSite(50, '09:30', 14, LIEUX.gap),
      onSite(86, '09:30', 16, LIEUX.avignon),
    ],
    slots: null,
  },
  {
    consultant: 2,
    title: 'Employeurs associatifs : financer la formation de vos salariés',
    summary:
      'OPCO, CPF, Pro-A, projet de transition professionnelle : identifier les financements mobilisables pour les projets de formation de votre équipe et monter les demandes de prise en charge.',
    description: describe(
      {
        objectifs:
          'identifier les financements mobilisables pour les projets de formation de vos salariés et sécuriser les demandes de prise en charge.',
        programme: [
          'Point sur vos besoins et votre plan de développement des compétences',
          'Votre OPCO (Uniformation, AFDAS, AKTO…) et ses règles de prise en charge selon votre effectif',
          'CPF, Pro-A, projet de transition professionnelle : quel dispositif pour quel projet ?',
          'Aide au montage des demandes de prise en charge et calendrier de dépôt',
        ],
        publicVise: 'employeurs associatifs et coopératifs de moins de 50 salariés.',
        prerequis:
          'connaître son OPCO de rattachement (indiqué sur les bulletins de paie ou la DSN).',
        modalites: "consultation individuelle d'une heure en visioconférence, sur rendez-vous.",
      },
      'Déroulé',
    ),
    categorySlug: 'ressources-humaines',
    kind: 'consultation',
    deliveryMode: 'remote',
    departments: [...PACA],
    durationMinutes: 60,
    memberPriceCents: 8_000,
    nonMemberPriceCents: 11_500,
    vatTreatment: 'standard',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [],
    slots: { weekdays: [2, 5], startTimes: ['09:00', '11:00'], weeks: 6 },
  },
  {
    consultant: 2,
    title: 'Diagnostic RH pour les petites structures employeuses',
    summary:
      "Contrats, temps de travail, entretiens professionnels, document unique, santé et sécurité : un diagnostic de vos pratiques RH et un plan d'action priorisé.",
    description: describe(
      {
        objectifs:
          'faire le point sur la conformité et la qualité de vos pratiques RH et prioriser les chantiers à ouvrir.',
        programme: [
          'Questionnaire préalable : effectif, contrats, convention collective, obligations déjà remplies',
          "Entretien d'1 h 30 : contrats et avenants, temps de travail, entretiens professionnels, document unique d'évaluation des risques, représentation du personnel",
          'Restitution orale : points de conformité, risques et priorités',
          "Plan d'action écrit envoyé sous dix jours ouvrés",
        ],
        publicVise: 'associations, SCOP et SCIC de 1 à 49 salariés.',
        prerequis: 'renseigner le questionnaire préalable envoyé à la réservation.',
        modalites:
          'rendez-vous dans vos locaux (Bouches-du-Rhône, Alpes-Maritimes, Var) ou en visioconférence.',
      },
      'Déroulé',
    ),
    categorySlug: 'ressources-humaines',
    kind: 'consultation',
    deliveryMode: 'hybrid',
    departments: ['13', '06', '83'],
    durationMinutes: 90,
    memberPriceCents: 13_000,
    nonMemberPriceCents: 18_500,
    vatTreatment: 'standard',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [],
    slots: { weekdays: [4], startTimes: ['09:30', '14:00'], weeks: 12 },
  },
  {
    consultant: 2,
    title: 'Le droit du travail en une matinée',
    summary:
      "Contrats, temps de travail, congés, rupture, contentieux prud'homal : un tour d'horizon complet du droit du travail en trois heures.",
    description: describe({
      objectifs: "acquérir une vue d'ensemble du droit du travail applicable aux associations.",
      programme: [
        'Les sources du droit du travail : Code du travail, conventions collectives, accords, usages',
        'Les contrats de travail : CDI, CDD, temps partiel, contrats aidés, apprentissage',
        'Le temps de travail, les heures supplémentaires et les congés payés',
        'La rupture du contrat de travail : démission, licenciement, rupture conventionnelle',
        "Le contentieux prud'homal et les contrôles de l'inspection du travail",
      ],
      publicVise: 'tout public.',
      prerequis: 'aucun.',
      modalites: 'demi-journée en visioconférence, exposé magistral suivi de questions.',
    }),
    categorySlug: 'ressources-humaines',
    kind: 'training',
    deliveryMode: 'remote',
    departments: [...PACA],
    durationMinutes: 180,
    memberPriceCents: 9_000,
    nonMemberPriceCents: 12_000,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: null,
    status: 'rejected',
    rejectionReason:
      'Le programme est trop large pour une demi-journée et recoupe en grande partie « Formations pour employeurs associatifs : les fondamentaux ». Pourriez-vous le recentrer sur un thème précis (par exemple le temps de travail ou la rupture du contrat), préciser le public visé et les prérequis, et détailler les méthodes pédagogiques ? Nous validerons volontiers une nouvelle version.',
    sessions: [],
    slots: null,
  },

  // ---------------------------------------------------------------- Gestion et finance
  {
    consultant: 3,
    title: "Le budget prévisionnel d'une association",
    summary:
      "Construire un budget prévisionnel fiable, cohérent avec le projet associatif et présentable aux financeurs, puis le suivre tout au long de l'exercice.",
    description: describe({
      objectifs:
        'construire un budget prévisionnel fiable, cohérent avec le projet associatif et lisible par les financeurs.',
      programme: [
        'Le budget, traduction financière du projet associatif',
        'Identifier les charges : directes, indirectes, contributions volontaires en nature',
        'Estimer les produits : cotisations, ventes, subventions, mécénat',
        "Budget de la structure et budget d'une action : le formulaire Cerfa n° 12156",
        "Répartir les charges communes et calculer le coût complet d'une action",
        "Suivre le budget en cours d'année et le réviser",
      ],
      publicVise: 'trésoriers, dirigeants bénévoles, coordinateurs et chargés de gestion.',
      prerequis:
        'aucun ; venir avec un ordinateur portable et, si possible, le dernier compte de résultat de sa structure.',
      modalites:
        'journée en présentiel, exercices sur tableur à partir de cas réels ; modèle de budget remis aux participants.',
    }),
    categorySlug: 'gestion-et-finance',
    kind: 'training',
    deliveryMode: 'on_site',
    departments: ['83', '04', '06'],
    durationMinutes: 360,
    memberPriceCents: 16_000,
    nonMemberPriceCents: 22_000,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [
      onSite(7, '09:30', 14, LIEUX.toulon),
      onSite(35, '09:30', 12, LIEUX.manosque),
      onSite(69, '09:30', 14, LIEUX.nice),
    ],
    slots: null,
  },
  {
    consultant: 3,
    title: 'Comptabilité associative et plan comptable des associations (règlement ANC 2018-06)',
    summary:
      'Deux jours pour tenir ou superviser la comptabilité de votre association selon le règlement ANC 2018-06 : fonds dédiés, contributions volontaires en nature, comptes annuels.',
    description: describe({
      objectifs:
        "tenir ou superviser la comptabilité d'une association selon le règlement ANC n° 2018-06 et produire des comptes annuels conformes.",
      programme: [
        'Obligations comptables des associations : seuils, commissaire aux comptes, publication des comptes',
        'Le plan comptable associatif : comptes spécifiques et principes du règlement ANC 2018-06',
        'Enregistrer cotisations, dons, legs et subventions ; les fonds dédiés',
        'Contributions volontaires en nature : valoriser le bénévolat',
        "Opérations d'inventaire : amortissements, provisions, produits constatés d'avance",
        "Lire et présenter le bilan, le compte de résultat et l'annexe",
        "Le compte d'emploi annuel des ressources pour les appels à la générosité du public",
      ],
      publicVise: "trésoriers, comptables et gestionnaires d'associations.",
      prerequis: 'notions de base en comptabilité générale.',
      modalites:
        "deux journées consécutives en présentiel, exercices d'application ; support et plan de comptes commenté remis. Deux places au plus par structure.",
    }),
    categorySlug: 'gestion-et-finance',
    kind: 'training',
    deliveryMode: 'on_site',
    departments: ['13', '84'],
    durationMinutes: 840,
    memberPriceCents: 42_000,
    nonMemberPriceCents: 59_000,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: 2,
    status: 'published',
    sessions: [onSite(15, '09:00', 12, LIEUX.marseille), onSite(57, '09:00', 10, LIEUX.avignon)],
    slots: null,
  },
  {
    consultant: 3,
    title: 'Mesurer son impact social',
    summary:
      "Définir une démarche d'évaluation de l'impact social proportionnée à votre structure, choisir des indicateurs utiles et valoriser les résultats auprès des financeurs.",
    description: describe({
      objectifs:
        "construire une démarche d'évaluation de l'impact social adaptée à ses moyens et en valoriser les résultats.",
      programme: [
        'Utilité sociale, impact social, évaluation : clarifier les notions',
        'Construire sa chaîne de valeur : réalisations, résultats, effets',
        'Choisir ses indicateurs et ses méthodes de collecte',
        'Associer les parties prenantes : personnes accompagnées, bénévoles, financeurs',
        "Exploiter et communiquer les résultats : rapport d'activité, dossiers de financement",
      ],
      publicVise: 'dirigeants, chargés de projet et de développement.',
      prerequis: 'aucun.',
      modalites:
        "journée en format hybride ; matrice d'évaluation mise à disposition des participants.",
    }),
    categorySlug: 'gestion-et-finance',
    kind: 'training',
    deliveryMode: 'hybrid',
    departments: ['13', '84', '83'],
    durationMinutes: 420,
    memberPriceCents: 23_000,
    nonMemberPriceCents: 33_000,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: null,
    status: 'submitted',
    sessions: [],
    slots: null,
  },
  {
    consultant: 3,
    title: "Revue des comptes annuels et préparation de l'arrêté des comptes",
    summary:
      "Un regard extérieur sur vos comptes avant l'arrêté par le conseil d'administration : subventions, fonds dédiés, provisions et présentation conforme au règlement ANC 2018-06.",
    description: describe(
      {
        objectifs:
          "sécuriser la clôture de l'exercice et préparer des comptes annuels justes et lisibles.",
        programme: [
          "Envoi préalable de la balance, du grand livre et des comptes de l'exercice précédent",
          "Revue des points sensibles : subventions, fonds dédiés, produits constatés d'avance, provisions",
          'Vérification de la présentation selon le règlement ANC 2018-06',
          "Conseils pour l'annexe et le rapport financier présenté à l'assemblée générale",
        ],
        publicVise: 'trésoriers et comptables associatifs.',
        prerequis: 'documents comptables transmis au moins une semaine avant le rendez-vous.',
        modalites:
          "consultation individuelle d'1 h 30 en visioconférence. Elle ne remplace ni la mission d'un expert-comptable ni celle d'un commissaire aux comptes.",
      },
      'Déroulé',
    ),
    categorySlug: 'gestion-et-finance',
    kind: 'consultation',
    deliveryMode: 'remote',
    departments: [...PACA],
    durationMinutes: 90,
    memberPriceCents: 12_000,
    nonMemberPriceCents: 17_000,
    vatTreatment: 'standard',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [],
    slots: { weekdays: [1, 4], startTimes: ['10:00', '15:00'], weeks: 8 },
  },

  // ---------------------------------------------------------------- Financement
  {
    consultant: 3,
    title: 'Répondre à un appel à projets et construire son dossier de subvention',
    summary:
      "Repérer les appels à projets pertinents, vérifier l'éligibilité de votre projet et construire un dossier de subvention convaincant, jusqu'au compte rendu financier.",
    description: describe({
      objectifs:
        "repérer les appels à projets pertinents, construire un dossier de subvention convaincant et en assurer le suivi jusqu'au compte rendu financier.",
      programme: [
        'Subvention, appel à projets, marché public : distinguer les procédures',
        "Veille : collectivités, services de l'État, fondations, fonds européens",
        "Analyser un cahier des charges et vérifier l'éligibilité du projet",
        "Rédiger : diagnostic, objectifs, actions, indicateurs, budget de l'action",
        'Le formulaire Cerfa n° 12156 et le Compte Asso',
        'Compte rendu financier (Cerfa n° 15059) et relation avec le financeur',
      ],
      publicVise: 'dirigeants, chargés de projet, de développement ou de partenariats.',
      prerequis: 'avoir un projet à financer est recommandé.',
      modalites:
        'journée en format hybride ; travail sur les projets des participants et relecture croisée des dossiers.',
    }),
    categorySlug: 'financement',
    kind: 'training',
    deliveryMode: 'hybrid',
    departments: ['13', '05', '06'],
    durationMinutes: 420,
    memberPriceCents: 20_000,
    nonMemberPriceCents: 28_000,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [
      hybrid(13, '09:00', 16, LIEUX.marseille, 'appel-a-projets-1', { full: true }),
      hybrid(42, '09:00', 12, LIEUX.gap, 'appel-a-projets-2'),
      hybrid(73, '09:00', 16, LIEUX.nice, 'appel-a-projets-3'),
    ],
    slots: null,
  },
  {
    consultant: 3,
    title: 'Fonds propres et titres participatifs en SCOP/SCIC',
    summary:
      'Parts sociales, réserves impartageables, titres participatifs, investisseurs solidaires : renforcer les fonds propres de votre coopérative sans renoncer à son indépendance.',
    description: describe({
      objectifs:
        "comprendre les leviers de renforcement des fonds propres d'une coopérative et choisir les instruments adaptés à son projet.",
      programme: [
        'Capital variable, parts sociales et réserves impartageables',
        "Titres participatifs : fonctionnement, rémunération, modalités d'émission",
        'Souscriptions des salariés, des bénéficiaires et des partenaires : pratiques et limites',
        'Financeurs du mouvement coopératif et de la finance solidaire : Socoden, France Active, fonds territoriaux',
        'Présenter son plan de financement à des investisseurs solidaires',
      ],
      publicVise: 'dirigeants et responsables financiers de SCOP et de SCIC.',
      prerequis: 'savoir lire un bilan.',
      modalites: 'demi-journée en visioconférence, études de cas de coopératives de la région.',
    }),
    categorySlug: 'financement',
    kind: 'training',
    deliveryMode: 'remote',
    departments: [...PACA],
    durationMinutes: 210,
    memberPriceCents: 13_000,
    nonMemberPriceCents: 19_500,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [
      remote(24, '14:00', 16, 'fonds-propres-cooperatives-1'),
      remote(61, '09:30', 16, 'fonds-propres-cooperatives-2'),
    ],
    slots: null,
  },
  {
    consultant: 3,
    title: "Dispositif local d'accompagnement (DLA) : vérifier son éligibilité",
    summary:
      "Votre structure peut-elle bénéficier d'un accompagnement DLA ? Un entretien pour vérifier votre éligibilité, formuler vos besoins et préparer le premier rendez-vous avec le DLA de votre département.",
    description: describe(
      {
        objectifs:
          "vérifier l'éligibilité de votre structure au Dispositif local d'accompagnement et préparer un premier échange efficace avec le chargé de mission départemental.",
        programme: [
          "Présentation du DLA : financeurs, structures concernées, déroulé d'un accompagnement",
          "Vérification des critères d'éligibilité : structure employeuse d'utilité sociale",
          'Formulation de vos besoins prioritaires : modèle économique, ressources humaines, gouvernance',
          'Orientation vers le DLA de votre département et les autres ressources du territoire',
        ],
        publicVise: "associations, SCOP, SCIC et structures d'insertion employeuses.",
        prerequis: 'aucun.',
        modalites:
          "entretien d'une heure en visioconférence. Prestation réalisée dans le cadre d'une mission d'intérêt général subventionnée ; participation forfaitaire soumise à la TVA.",
      },
      'Déroulé',
    ),
    categorySlug: 'financement',
    kind: 'consultation',
    deliveryMode: 'remote',
    departments: [...PACA],
    durationMinutes: 60,
    memberPriceCents: 6_000,
    nonMemberPriceCents: 8_000,
    vatTreatment: 'standard',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [],
    slots: { weekdays: [2], startTimes: ['10:00', '14:00'], weeks: 12 },
  },
  {
    consultant: 3,
    title: "France Active et les prêts d'honneur : préparer son dossier de financement",
    summary:
      "Garantie bancaire, prêt participatif, contrat d'apport associatif, prêt d'honneur : identifier les outils de la finance solidaire adaptés à votre projet et préparer votre passage en comité.",
    description: describe(
      {
        objectifs:
          "préparer une demande de financement auprès de France Active ou d'une plateforme de prêt d'honneur.",
        programme: [
          'Présentation du projet et des besoins de financement',
          "Panorama : prêt d'honneur, garantie bancaire, prêt participatif, contrat d'apport associatif",
          'Relecture du plan de financement et du prévisionnel de trésorerie',
          "Préparation de l'entretien avec le comité d'engagement",
        ],
        publicVise:
          "porteurs de projet et dirigeants de structures de l'ESS en création ou en développement.",
        prerequis: "disposer d'une première version du plan de financement.",
        modalites:
          'rendez-vous dans vos locaux (Alpes-de-Haute-Provence, Hautes-Alpes, Vaucluse) ou en visioconférence.',
      },
      'Déroulé',
    ),
    categorySlug: 'financement',
    kind: 'consultation',
    deliveryMode: 'hybrid',
    departments: ['04', '05', '84'],
    durationMinutes: 60,
    memberPriceCents: 8_500,
    nonMemberPriceCents: 12_000,
    vatTreatment: 'standard',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [],
    slots: { weekdays: [3], startTimes: ['09:30', '11:00'], weeks: 8 },
  },

  // ---------------------------------------------------------------- Numérique
  {
    consultant: 3,
    title: 'RGPD pour les associations',
    summary:
      'Adhérents, donateurs, bénévoles, personnes accompagnées : mettre votre association en conformité avec le RGPD, du registre des traitements à la sécurité des données.',
    description: describe({
      objectifs:
        'mettre son association en conformité avec le RGPD de manière proportionnée à ses moyens.',
      programme: [
        'Les principes du RGPD appliqués aux associations',
        'Cartographier ses traitements : adhérents, donateurs, bénéficiaires, salariés',
        'Tenir son registre des traitements avec le modèle de la CNIL',
        'Informer les personnes et recueillir leur consentement quand il est nécessaire',
        'Sécurité des données, sous-traitants et violations de données',
        "Répondre aux demandes d'accès, de rectification et d'effacement",
      ],
      publicVise: 'dirigeants, salariés et bénévoles qui gèrent des fichiers de personnes.',
      prerequis: 'aucun.',
      modalites:
        "demi-journée en visioconférence ; modèle de registre et mentions d'information fournis.",
    }),
    categorySlug: 'numerique',
    kind: 'training',
    deliveryMode: 'remote',
    departments: [...PACA],
    durationMinutes: 210,
    memberPriceCents: 11_000,
    nonMemberPriceCents: 15_500,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: null,
    status: 'published',
    sessions: [
      remote(3, '09:30', 20, 'rgpd-associations-1'),
      remote(31, '14:00', 20, 'rgpd-associations-2'),
      remote(59, '09:30', 20, 'rgpd-associations-3'),
      remote(87, '14:00', 20, 'rgpd-associations-4'),
    ],
    slots: null,
  },
  {
    consultant: 3,
    title: 'Outils numériques libres pour les associations',
    summary:
      "Bureautique, travail collaboratif, visioconférence, gestion des adhérents : découvrir des outils libres et éthiques, en phase avec les valeurs de l'ESS, et préparer leur adoption.",
    description: describe({
      objectifs:
        "découvrir des outils numériques libres adaptés à la vie associative et préparer leur adoption par l'équipe.",
      programme: [
        "Pourquoi le logiciel libre : maîtrise des données, coûts, valeurs partagées avec l'ESS",
        'Bureautique et travail collaboratif : LibreOffice, Nextcloud, pads',
        'Communication : listes de diffusion, visioconférence avec Jitsi ou BigBlueButton',
        'Gestion des adhérents et des événements : Paheko, Framaforms',
        'Hébergeurs alternatifs : le collectif CHATONS',
        "Plan de migration : accompagner le changement dans l'équipe",
      ],
      publicVise: "salariés et bénévoles chargés de l'informatique ou de la communication.",
      prerequis: 'aisance de base avec un ordinateur ; venir avec son ordinateur portable.',
      modalites:
        'journée en présentiel, ateliers pratiques. Atelier de découverte non certifiant, soumis à la TVA. Trois places au plus par structure.',
    }),
    categorySlug: 'numerique',
    kind: 'training',
    deliveryMode: 'on_site',
    departments: ['84', '04', '13'],
    durationMinutes: 360,
    memberPriceCents: 15_000,
    nonMemberPriceCents: 21_000,
    vatTreatment: 'standard',
    maxSeatsPerOrganisation: 3,
    status: 'published',
    sessions: [
      onSite(19, '09:30', 12, LIEUX.avignon),
      onSite(54, '09:30', 10, LIEUX.digne),
      onSite(83, '09:30', 12, LIEUX.aix),
    ],
    slots: null,
  },
  {
    consultant: 3,
    title: 'Cybersécurité : les bons réflexes pour protéger votre association',
    summary:
      'Mots de passe, sauvegardes, hameçonnage, rançongiciels : les bons réflexes de sécurité numérique pour protéger les données de votre association, de ses salariés et de ses bénévoles.',
    description: describe({
      objectifs:
        'réduire les risques informatiques les plus courants avec des mesures simples et peu coûteuses.',
      programme: [
        'Panorama des menaces : hameçonnage, rançongiciels, usurpation de comptes',
        'Mots de passe, gestionnaire de mots de passe et double authentification',
        'Sauvegardes : la règle du 3-2-1',
        'Postes partagés, ordinateurs personnels des bénévoles et messageries',
        "Que faire en cas d'incident : réflexes, signalement, Cybermalveillance.gouv.fr",
      ],
      publicVise:
        'salariés et bénévoles de toute structure, sans compétence technique particulière.',
      prerequis: 'aucun.',
      modalites:
        'demi-journée en visioconférence, démonstrations en direct et quiz ; fiche récapitulative des bons réflexes à diffuser dans votre équipe.',
    }),
    categorySlug: 'numerique',
    kind: 'training',
    deliveryMode: 'remote',
    departments: [...PACA],
    durationMinutes: 180,
    memberPriceCents: 9_500,
    nonMemberPriceCents: 13_500,
    vatTreatment: 'exempt_training',
    maxSeatsPerOrganisation: null,
    status: 'draft',
    sessions: [],
    slots: null,
  },
  {
    consultant: 3,
    title: 'Choisir ses logiciels de gestion des adhérents et de comptabilité',
    summary:
      'Un rendez-vous pour analyser vos besoins et comparer les logiciels de gestion associative (adhésions, cotisations, dons, comptabilité) avant de vous engager.',
    description: describe(
      {
        objectifs:
          'choisir des outils de gestion adaptés à la taille, au budget et aux pratiques de votre association.',
        programme: [
          'Recensement de vos usages : adhésions, cotisations, dons, reçus fiscaux, comptabilité',
          'Comparaison de solutions libres et commerciales, critères de choix',
          "Points d'attention : RGPD, hébergement des données, réversibilité, coût total",
          'Recommandations écrites et étapes de mise en place',
        ],
        publicVise: 'associations de toute taille, dirigeants et salariés administratifs.',
        prerequis: 'lister vos outils actuels avant le rendez-vous.',
        modalites:
          "consultation individuelle d'une heure en visioconférence. La consultante est indépendante des éditeurs présentés.",
      },
      'Déroulé',
    ),
    categorySlug: 'numerique',
    kind: 'consultation',
    deliveryMode: 'remote',
    departments: [...PACA],
    durationMinutes: 60,
    memberPriceCents: 8_000,
    nonMemberPriceCents: 11_000,
    vatTreatment: 'standard',
    maxSeatsPerOrganisation: null,
    status: 'draft',
    sessions: [],
    slots: { weekdays: [5], startTimes: ['10:00'], weeks: 4 },
  },
];

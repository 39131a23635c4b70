/*
 * The words the search-plans scenario writes its offerings with. What matters for the plans
 * is how often each searched word occurs: topic words are frequent within their category and
 * rare elsewhere, and most of a description is everyday filler, so that a two-word search
 * matches a few hundred of the 8,500 published offerings, as it would in a real catalogue.
 */

/**
 * Topic words per category, in the order of the categories' `position` (formation, juridique,
 * ressources-humaines, gestion-et-finance, numerique, gouvernance-cooperative, financement).
 */
// prettier-ignore
export const CATEGORY_WORDS: string[][] = [
  ['formation', 'pédagogie', 'compétences', 'apprentissage', 'tutorat', 'certification', 'Qualiopi', 'alternance'],
  ['statuts', 'contrat', 'responsabilité des dirigeants', 'RGPD', 'assemblée générale', 'loi 1901', 'conformité', 'agrément ESUS'],
  ['employeur', 'paie', 'convention collective', 'recrutement', 'salariés', 'bénévoles', 'entretien professionnel', 'prévoyance'],
  ['comptabilité', 'budget', 'trésorerie', 'bilan', 'fiscalité', 'TVA', 'contrôle de gestion', 'commissaire aux comptes'],
  ['numérique', 'site internet', 'outils collaboratifs', 'cybersécurité', 'données', 'logiciel libre', 'réseaux sociaux', 'dématérialisation'],
  ['gouvernance', 'coopérative', 'SCIC', 'SCOP', 'sociétariat', "conseil d'administration", 'démocratie interne', 'gérance'],
  ['subvention', 'mécénat', 'financement', 'fondation', 'appel à projets', 'financement participatif', 'impact social', 'fonds européens'],
];

/** ESS words every category uses. */
// prettier-ignore
export const GENERAL_WORDS = [
  'association', 'collectif', 'structure', 'projet', 'économie sociale et solidaire', 'ESS',
  'bénévoles', 'dirigeants', 'territoire', 'réseau', 'accompagnement', 'diagnostic', 'stratégie',
  'pratique', 'atelier', 'méthode', 'outils', 'développement', 'partenariat', 'utilité sociale',
];

/** Everyday words nobody searches for: most of a description, so topic words stay selective. */
// prettier-ignore
export const FILLER_WORDS = [
  'travail', 'équipe', 'temps', 'question', 'exemple', 'situation', 'besoin', 'objectif', 'cadre',
  'relation', 'échange', 'expérience', 'règle', 'document', 'calendrier', 'étape', 'modèle', 'choix',
  'rôle', 'repère', 'point', 'cas', 'usage', 'organisation', 'mise en œuvre', 'suivi', 'qualité',
  'public', 'groupe', 'réunion', 'décision', 'information', 'communication', 'évaluation', 'méthode',
  'analyse', 'synthèse', 'fiche', 'tableau', 'procédure', 'responsabilité', 'partage', 'animation',
  'écoute', 'confiance', 'priorité', 'ressource', 'contexte', 'enjeu', 'difficulté', 'solution',
  'démarche', 'progression', 'exercice', 'témoignage', 'plan d’action', 'feuille de route',
  'indicateur', 'calendrier annuel', 'retour d’expérience', 'simple', 'concret', 'clair', 'utile',
  'collective', 'durable', 'local', 'régional', 'quotidien', 'essentiel', 'efficace', 'adapté',
  'progressif', 'opérationnel', 'participatif', 'transversal', 'premier', 'nouveau', 'commun',
];

// prettier-ignore
export const TRAINING_PREFIXES = ['Formation', 'Atelier', 'Module', 'Parcours', 'Initiation', 'Perfectionnement'];
export const CONSULTATION_PREFIXES = ['Accompagnement', 'Diagnostic', 'Conseil', 'Permanence'];

// prettier-ignore
export const AUDIENCES = [
  'les associations', 'les employeurs de l’ESS', 'les coopératives', 'les bénévoles',
  'les dirigeants', 'les trésoriers', 'les présidents', 'les porteurs de projet', 'les mutuelles',
  'les fondations', 'les entreprises d’insertion', 'les équipes salariées',
];

// prettier-ignore
export const SENTENCE_STARTS = [
  'Cette session permet de maîtriser', 'Les participants repartent avec', 'Nous aborderons',
  'Public : dirigeants, salariés et bénévoles concernés par', 'Objectifs : comprendre les enjeux de',
  'Méthode : apports, cas pratiques et échanges sur', 'À l’issue de la session, vous saurez organiser',
  'Un support écrit reprend', 'Prérequis : une première expérience de', 'Intervenant spécialiste de',
];

/** PACA's départements, weighted roughly by population, and a few from the rest of France. */
// prettier-ignore
export const PACA_WEIGHTED = ['13', '13', '13', '13', '13', '13', '06', '06', '06', '06', '83', '83', '83', '83', '84', '84', '04', '05'];
// prettier-ignore
export const ELSEWHERE = ['75', '69', '33', '31', '34', '30', '26', '38', '44', '67', '59', '2A', '2B', '974'];

// prettier-ignore
export const CITIES = ['Marseille', 'Nice', 'Toulon', 'Avignon', 'Aix-en-Provence', 'Gap', 'Digne-les-Bains', 'Arles'];

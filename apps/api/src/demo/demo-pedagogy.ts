import type { TrainingPedagogy } from '@mutualis/catalogue';
import type { DemoOffering } from './demo-catalogue';

/** The Chambre's accessibility referent in the demo (Qualiopi indicator 26). */
const DEMO_REFERENT = {
  name: 'Sophie Garnier',
  email: 'handicap@demo.mutualis.fr',
  phone: '04 91 00 12 34',
};

/**
 * A demo training's pedagogical content (R6353-1), taken from the parts its Markdown description
 * was built from (« **Objectifs** : … », the programme's items, « **Public** », « **Prérequis** »,
 * « **Modalités** »), completed with what the Chambre states for every training: evaluation,
 * accessibility and its referent, access time. Null for a consultation.
 */
export function demoPedagogy(demo: DemoOffering): TrainingPedagogy | null {
  if (demo.kind !== 'training') return null;
  const part = (label: string): string =>
    capitalise(new RegExp(`\\*\\*${label}\\*\\* : (.+)`).exec(demo.description)?.[1]?.trim() ?? '');
  const items = demo.description
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2).trim());
  const remote = demo.deliveryMode === 'remote';
  return {
    // The programme prints « le stagiaire sera capable de : » before them.
    objectives: [part('Objectifs').replace(/\.$/, '')],
    prerequisites: part('Prérequis'),
    audience: part('Public'),
    modules: items.map((item, index) => ({
      title: `Séquence ${index + 1}`,
      content: item,
    })),
    teachingMethods: part('Modalités'),
    evaluationMethods:
      'Positionnement en début de formation ; quiz et cas pratique corrigé en fin de formation pour évaluer l’atteinte de chaque objectif ; questionnaire de satisfaction à chaud puis à froid.',
    accessibility: remote
      ? 'Formation à distance accessible avec un ordinateur ; supports compatibles avec les lecteurs d’écran, sous-titrage possible. Aménagements étudiés avec chaque personne.'
      : 'Locaux accessibles aux personnes à mobilité réduite ; supports adaptables (gros caractères, version numérique). Aménagements étudiés avec chaque personne.',
    accessibilityReferent: DEMO_REFERENT,
    accessDelay:
      'Inscription en ligne jusqu’à la veille de la session, dans la limite des places disponibles ; réponse sous 48 h pour une demande d’aménagement.',
    whatToBring: remote
      ? 'Un ordinateur avec caméra, micro et une connexion stable ; de quoi prendre des notes.'
      : 'De quoi prendre des notes ; vos documents de travail si vous souhaitez les étudier en séance.',
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

import { FieldProblem } from '@mutualis/core';
import type { OfferingKind } from './catalogue.types';

/** One module of a training's programme (R6353-1: the programme is stated by module). */
export interface TrainingModule {
  title: string;
  /** What it covers. */
  content: string;
  /** Optional: its share of the training's duration. */
  durationMinutes?: number | null;
}

/** Who the accessibility referent is (Qualiopi indicator 26): named, reachable. */
export interface AccessibilityReferent {
  name: string;
  email: string;
  phone?: string | null;
}

/**
 * What a training offering must state before it is submitted (Code du travail R6353-1, Qualiopi
 * indicators 1–7): stored as one JSON document on the offering (and on its revisions). The
 * duration in hours is the offering's `durationMinutes`; the price is its prices. Every field is
 * optional while the consultant drafts; `pedagogyProblems` says what is still missing.
 */
export interface TrainingPedagogy {
  objectives?: string[];
  prerequisites?: string;
  /** The public it is for (« public visé »). */
  audience?: string;
  modules?: TrainingModule[];
  teachingMethods?: string;
  evaluationMethods?: string;
  /** How people with disabilities are welcomed (adaptations, premises). */
  accessibility?: string;
  accessibilityReferent?: AccessibilityReferent;
  /** Access time: how long between a request and the start (« délai d'accès »). */
  accessDelay?: string;
  /** What trainees bring (optional: nothing is a fine answer). */
  whatToBring?: string;
}

const REQUIRED_TEXTS = [
  'prerequisites',
  'audience',
  'teachingMethods',
  'evaluationMethods',
  'accessibility',
  'accessDelay',
] as const;

const blank = (value: string | null | undefined): boolean => !value || value.trim() === '';

/**
 * What a training still lacks to be submitted for moderation, each on its field
 * (`pedagogy.objectives`, `pedagogy.modules[1].content`…). Consultations need none.
 */
export function pedagogyProblems(
  kind: OfferingKind,
  pedagogy: TrainingPedagogy | null,
): FieldProblem[] {
  if (kind !== 'training') return [];
  const value = pedagogy ?? {};
  const problems: FieldProblem[] = [];
  const missing = (field: string, message = 'is required for a training (R6353-1)'): void => {
    problems.push({ field: `pedagogy.${field}`, message });
  };
  const objectives = (value.objectives ?? []).filter((objective) => !blank(objective));
  if (objectives.length === 0) missing('objectives', 'must state at least one objective');
  for (const field of REQUIRED_TEXTS) if (blank(value[field])) missing(field);
  const modules = value.modules ?? [];
  if (modules.length === 0)
    missing('modules', 'must describe the programme in at least one module');
  modules.forEach((module, index) => {
    if (blank(module.title)) missing(`modules[${index}].title`);
    if (blank(module.content)) missing(`modules[${index}].content`);
  });
  const referent = value.accessibilityReferent;
  if (!referent || blank(referent.name)) missing('accessibilityReferent.name');
  if (!referent || blank(referent.email)) missing('accessibilityReferent.email');
  return problems;
}

/** Same content, whatever the key order: for telling whether a revision changes it. */
export function samePedagogy(
  left: TrainingPedagogy | null | undefined,
  right: TrainingPedagogy | null | undefined,
): boolean {
  return canonical(left ?? null) === canonical(right ?? null);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

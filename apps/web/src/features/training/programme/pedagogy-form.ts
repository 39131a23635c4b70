import type { components } from '../../../api/schema';

export type TrainingPedagogy = components['schemas']['TrainingPedagogyDto'];

export interface ModuleValues {
  title: string;
  content: string;
}

/** A training's pedagogical content as the form holds it: text as typed. */
export interface PedagogyFormValues {
  /** One objective per line. */
  objectives: string;
  prerequisites: string;
  audience: string;
  modules: ModuleValues[];
  teachingMethods: string;
  evaluationMethods: string;
  accessibility: string;
  referentName: string;
  referentEmail: string;
  referentPhone: string;
  accessDelay: string;
  whatToBring: string;
}

export function emptyPedagogyForm(): PedagogyFormValues {
  return {
    objectives: '',
    prerequisites: '',
    audience: '',
    modules: [{ title: '', content: '' }],
    teachingMethods: '',
    evaluationMethods: '',
    accessibility: '',
    referentName: '',
    referentEmail: '',
    referentPhone: '',
    accessDelay: '',
    whatToBring: '',
  };
}

export function pedagogyToForm(pedagogy: TrainingPedagogy | null | undefined): PedagogyFormValues {
  if (!pedagogy) return emptyPedagogyForm();
  const modules = (pedagogy.modules ?? []).map((module) => ({
    title: module.title,
    content: module.content,
  }));
  return {
    objectives: (pedagogy.objectives ?? []).join('\n'),
    prerequisites: pedagogy.prerequisites ?? '',
    audience: pedagogy.audience ?? '',
    modules: modules.length > 0 ? modules : [{ title: '', content: '' }],
    teachingMethods: pedagogy.teachingMethods ?? '',
    evaluationMethods: pedagogy.evaluationMethods ?? '',
    accessibility: pedagogy.accessibility ?? '',
    referentName: pedagogy.accessibilityReferent?.name ?? '',
    referentEmail: pedagogy.accessibilityReferent?.email ?? '',
    referentPhone: pedagogy.accessibilityReferent?.phone ?? '',
    accessDelay: pedagogy.accessDelay ?? '',
    whatToBring: pedagogy.whatToBring ?? '',
  };
}

const text = (value: string): string | undefined => value.trim() || undefined;

/**
 * What to send: blank fields left out (a draft may be incomplete; submitting it tells what is
 * missing, field by field), empty modules dropped, the referent only once named or reachable.
 */
export function formToPedagogy(values: PedagogyFormValues): TrainingPedagogy {
  const objectives = values.objectives
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const modules = values.modules
    .map((module) => ({ title: module.title.trim(), content: module.content.trim() }))
    .filter((module) => module.title || module.content);
  const referent =
    values.referentName.trim() || values.referentEmail.trim()
      ? {
          name: values.referentName.trim(),
          email: values.referentEmail.trim(),
          phone: values.referentPhone.trim() || null,
        }
      : undefined;
  const pedagogy: TrainingPedagogy = {
    objectives: objectives.length > 0 ? objectives : undefined,
    prerequisites: text(values.prerequisites),
    audience: text(values.audience),
    modules: modules.length > 0 ? modules : undefined,
    teachingMethods: text(values.teachingMethods),
    evaluationMethods: text(values.evaluationMethods),
    accessibility: text(values.accessibility),
    accessibilityReferent: referent,
    accessDelay: text(values.accessDelay),
    whatToBring: text(values.whatToBring),
  };
  return Object.fromEntries(Object.entries(pedagogy).filter(([, value]) => value !== undefined));
}

/** The public URL of a training's programme PDF. */
export function programmePdfPath(offeringId: string): string {
  return `/api/offerings/${offeringId}/programme.pdf`;
}

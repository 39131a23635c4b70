import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';

export type Survey = components['schemas']['SurveyDto'];
export type SurveyAnswer = components['schemas']['AnswerSurveyDto'];
export type SurveyResults = components['schemas']['SurveyResultsDto'];

/** Whose results a page shows: a session's (consultant's page) or all (admin's page). */
export type ResultsTarget = { kind: 'session'; id: string } | { kind: 'all' };

const surveyKeys = {
  survey: (token: string) => ['survey', token] as const,
  results: (target: ResultsTarget) =>
    ['survey-results', target.kind, target.kind === 'all' ? null : target.id] as const,
};

/** The survey behind a link (public: no account). */
export function useSurvey(token: string) {
  return useQuery({
    queryKey: surveyKeys.survey(token),
    queryFn: async () =>
      unwrap(await api.GET('/api/surveys/{token}', { params: { path: { token } } })),
    retry: false,
  });
}

export function useAnswerSurvey(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: SurveyAnswer) =>
      unwrap(await api.POST('/api/surveys/{token}', { params: { path: { token } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: surveyKeys.survey(token) }),
  });
}

export function useSurveyResults(target: ResultsTarget) {
  return useQuery({
    queryKey: surveyKeys.results(target),
    queryFn: async () =>
      target.kind === 'all'
        ? unwrap(await api.GET('/api/training/survey-results'))
        : unwrap(
            await api.GET('/api/sessions/{id}/survey-results', {
              params: { path: { id: target.id } },
            }),
          ),
  });
}

/** The CSV file of a target's answers (one row per answer). */
export function resultsCsvPath(target: ResultsTarget): string {
  return target.kind === 'all'
    ? '/api/training/survey-results?format=csv'
    : `/api/sessions/${target.id}/survey-results?format=csv`;
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, FieldProblem, isUniqueViolation } from '@mutualis/core';
import { SURVEY_SCORES } from '../../domain/surveys';
import { SurveyAnswerValues, SurveyRepository } from '../../repositories/survey.repository';
import { TrainingErrorCode, TrainingException } from '../../training.exception';
import { invitationOfToken } from '../get-survey/get-survey.use-case';

export interface AnswerSurveyCommand {
  token: string;
  overall: number;
  objectivesMet: number;
  content: number;
  trainer: number;
  organisation: number;
  comment?: string | null;
  /** The cold survey only (and required there). */
  practice?: number | null;
  practiceComment?: string | null;
}

const MAX_COMMENT = 2000;

function isScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/** Blank comments are no comment. */
function comment(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * One answer per person and survey: the answer's key is its invitation (a second one fails on
 * the primary key, whatever the race), and the invitation is locked while it is written.
 */
@Injectable()
export class AnswerSurveyUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly surveys: SurveyRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: AnswerSurveyCommand): Promise<{ answeredAt: Date }> {
    return this.dataSource
      .transaction(async (manager) => {
        const invitation = await invitationOfToken(this.surveys, command.token, manager, true);
        if (invitation.answeredAt) throw alreadyAnswered();
        if (invitation.closesAt <= this.clock.now()) {
          throw new TrainingException(
            TrainingErrorCode.SurveyClosed,
            'this survey is closed: answers were accepted until ' +
              invitation.closesAt.toISOString(),
          );
        }
        const values = this.validate(command, invitation.stage === 'cold');
        const answeredAt = await this.surveys.insertAnswer(invitation, values, manager);
        return { answeredAt };
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw alreadyAnswered();
        throw error;
      });
  }

  private validate(command: AnswerSurveyCommand, cold: boolean): SurveyAnswerValues {
    const problems: FieldProblem[] = [];
    for (const field of SURVEY_SCORES) {
      if (!isScore(command[field]))
        problems.push({ field, message: 'must be a whole number from 1 to 5' });
    }
    if (cold && !isScore(command.practice)) {
      problems.push({ field: 'practice', message: 'must be a whole number from 1 to 5' });
    }
    if (!cold && (command.practice != null || comment(command.practiceComment))) {
      problems.push({
        field: 'practice',
        message: 'is asked in the cold survey only, some weeks after the training',
      });
    }
    for (const field of ['comment', 'practiceComment'] as const) {
      if ((command[field]?.length ?? 0) > MAX_COMMENT)
        problems.push({ field, message: `must be at most ${MAX_COMMENT} characters` });
    }
    if (problems.length > 0) {
      throw new TrainingException(
        TrainingErrorCode.InvalidSurveyAnswer,
        'the answer is not complete or not valid',
        problems,
      );
    }
    return {
      overall: command.overall,
      objectivesMet: command.objectivesMet,
      content: command.content,
      trainer: command.trainer,
      organisation: command.organisation,
      comment: comment(command.comment),
      practice: cold ? command.practice! : null,
      practiceComment: cold ? comment(command.practiceComment) : null,
    };
  }
}

function alreadyAnswered(): TrainingException {
  return new TrainingException(
    TrainingErrorCode.SurveyAlreadyAnswered,
    'this survey has already been answered: one answer per person',
  );
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { SURVEY_STAGES } from '@mutualis/training';

/** `:token` of a survey link: its shape is checked by the use case (« invalid link », 404). */
export class SurveyTokenParams {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  token!: string;
}

const SCORE = { minimum: 1, maximum: 5, type: 'integer' } as const;

function Score(): PropertyDecorator {
  return (target, key) => {
    IsInt({ message: 'must be a whole number from 1 to 5' })(target, key);
    Min(1, { message: 'must be a whole number from 1 to 5' })(target, key);
    Max(5, { message: 'must be a whole number from 1 to 5' })(target, key);
  };
}

export class AnswerSurveyDto {
  @ApiProperty({ ...SCORE, description: 'Appréciation générale' })
  @Score()
  overall!: number;

  @ApiProperty({ ...SCORE, description: 'Objectifs atteints' })
  @Score()
  objectivesMet!: number;

  @ApiProperty({ ...SCORE, description: 'Contenu' })
  @Score()
  content!: number;

  @ApiProperty({ ...SCORE, description: 'Formateur ou formatrice' })
  @Score()
  trainer!: number;

  @ApiProperty({ ...SCORE, description: 'Organisation (logistique, accueil)' })
  @Score()
  organisation!: number;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string | null;

  @ApiPropertyOptional({
    ...SCORE,
    nullable: true,
    description: 'Mise en pratique (questionnaire à froid seulement, requis là)',
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @Score()
  practice?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  practiceComment?: string | null;
}

export class SurveyDto {
  @ApiProperty({ enum: SURVEY_STAGES })
  stage!: string;
  @ApiProperty({ enum: ['trainee', 'organisation'] })
  respondent!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null once the person was erased' })
  name!: string | null;
  @ApiProperty()
  offeringTitle!: string;
  @ApiProperty({ format: 'date-time' })
  sessionStartsAt!: Date;
  @ApiProperty({ format: 'date-time' })
  sessionEndsAt!: Date;
  @ApiProperty({ type: String, nullable: true })
  location!: string | null;
  @ApiProperty({ format: 'date-time' })
  closesAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  answeredAt!: Date | null;
  @ApiProperty()
  asksPractice!: boolean;
}

export class SurveyAnsweredDto {
  @ApiProperty({ format: 'date-time' })
  answeredAt!: Date;
}

export class SurveyResultsQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv: one row per answer' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class ConsultantIdParams {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'must be a UUID',
  })
  id!: string;
}

export class SurveyStageResultsDto {
  @ApiProperty({ enum: SURVEY_STAGES })
  stage!: string;
  @ApiProperty()
  invited!: number;
  @ApiProperty()
  answered!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'answered / invited, 0 to 1' })
  responseRate!: number | null;
  @ApiProperty({ type: Number, nullable: true })
  overall!: number | null;
  @ApiProperty({ type: Number, nullable: true })
  objectivesMet!: number | null;
  @ApiProperty({ type: Number, nullable: true })
  content!: number | null;
  @ApiProperty({ type: Number, nullable: true })
  trainer!: number | null;
  @ApiProperty({ type: Number, nullable: true })
  organisation!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'cold survey only' })
  practice!: number | null;
}

export class SurveyCommentDto {
  @ApiProperty({ format: 'uuid' })
  sessionId!: string;
  @ApiProperty({ enum: SURVEY_STAGES })
  stage!: string;
  @ApiProperty({ enum: ['trainee', 'organisation'] })
  respondent!: string;
  @ApiProperty({ format: 'date-time' })
  answeredAt!: Date;
  @ApiProperty({ type: String, nullable: true })
  comment!: string | null;
  @ApiProperty({ type: String, nullable: true })
  practiceComment!: string | null;
}

export class SurveyResultsDto {
  @ApiProperty({ enum: ['session', 'offering', 'consultant', 'all'] })
  scope!: string;
  @ApiProperty({ type: String, nullable: true })
  id!: string | null;
  @ApiProperty({ type: [SurveyStageResultsDto] })
  stages!: SurveyStageResultsDto[];
  @ApiProperty({ type: [SurveyCommentDto] })
  comments!: SurveyCommentDto[];
}

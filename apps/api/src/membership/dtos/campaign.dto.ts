import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MEMBER_STANDINGS, MemberStanding } from '@mutualis/membership';
import { PageQueryDto } from '../../http/page.dto';
import { IdParams } from '../../http/params.dto';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class LaunchCampaignDto {
  @ApiProperty({ example: 2027, description: 'The membership year the campaign renews.' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class CampaignYearQueryDto {
  @ApiProperty({ example: 2027 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class CampaignFailureDto {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() legalName!: string;
  @ApiProperty({ example: 'no_fee_bracket: the organisation has not declared its profile' })
  error!: string;
}

export class CampaignDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ enum: ['running', 'completed'] }) status!: 'running' | 'completed';
  @ApiProperty() total!: number;
  @ApiProperty() pending!: number;
  @ApiProperty() issued!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() skipped!: number;
  @ApiProperty({ format: 'date-time' }) launchedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: [CampaignFailureDto], description: 'The first 50 failures.' })
  failures!: CampaignFailureDto[];
}

export class ListMembersQueryDto extends PageQueryDto {
  @ApiProperty({ example: 2027 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ enum: MEMBER_STANDINGS })
  @IsOptional()
  @IsIn(MEMBER_STANDINGS)
  status?: MemberStanding;
}

export class MembershipRollMemberDto {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() legalName!: string;
  @ApiProperty({ type: String, nullable: true }) siret!: string | null;
  @ApiProperty({ type: String, nullable: true }) rna!: string | null;
  @ApiProperty({ enum: MEMBER_STANDINGS }) status!: MemberStanding;
  @ApiProperty() feeCents!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) invoiceId!: string | null;
  @ApiProperty({ type: String, nullable: true }) invoiceNumber!: string | null;
  @ApiProperty({ type: Number, nullable: true }) amountDueCents!: number | null;
}

export class MemberPageDto {
  @ApiProperty({ type: [MembershipRollMemberDto] }) items!: MembershipRollMemberDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class MembershipYearCancelParams extends IdParams {
  @ApiProperty({ example: 2027 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class CancelMembershipDto {
  @ApiProperty({ example: 'L’association a été dissoute.' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class MembershipCancellationDto {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty() year!: number;
  @ApiProperty({ enum: ['cancelled'] }) status!: 'cancelled';
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) creditNoteId!: string | null;
  @ApiProperty() creditedCents!: number;
  @ApiProperty({ format: 'date-time' }) cancelledAt!: string;
}

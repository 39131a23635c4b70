import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  LOCALES,
  Locale,
  MEMBERSHIP_STATUSES,
  MembershipStatus,
  ORGANISATION_ROLES,
  OrganisationRole,
  PLATFORM_ROLES,
  PlatformRole,
} from '@mutualis/identity';
import { PageQueryDto } from '../../http/page.dto';
import type { OrganisationView, ProfileView, UserView } from '@mutualis/identity';
import type { Page } from '@mutualis/core';

export class UserDto implements UserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: LOCALES }) locale!: Locale;
  @ApiProperty({ enum: PLATFORM_ROLES, isArray: true }) roles!: PlatformRole[];
  @ApiProperty() disabled!: boolean;
  @ApiProperty({ description: 'Personal data erased (name and e-mail are placeholders).' })
  erased!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({
    description:
      'Whether the owner proved this address (a link sent to it); until then they cannot create an organisation, accept an invitation or book.',
  })
  emailVerified!: boolean;
}

type MembershipSummaryShape = NonNullable<OrganisationView['membership']>;
export class MembershipSummaryDto implements MembershipSummaryShape {
  @ApiProperty({ example: 2026 }) year!: number;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status!: MembershipStatus;
}

type ProfileOrganisationShape = ProfileView['organisations'][number];
export class ProfileOrganisationDto implements ProfileOrganisationShape {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() legalName!: string;
  @ApiProperty({ enum: ORGANISATION_ROLES }) role!: OrganisationRole;
  @ApiProperty({ type: MembershipSummaryDto, nullable: true })
  membership!: MembershipSummaryDto | null;
}

export class ProfileDto extends UserDto implements ProfileView {
  @ApiProperty({ type: [ProfileOrganisationDto] }) organisations!: ProfileOrganisationDto[];
}

export class UserPageDto implements Page<UserView> {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Part of a name or e-mail address.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: PLATFORM_ROLES })
  @IsOptional()
  @IsIn(PLATFORM_ROLES)
  role?: PlatformRole;
}

export class SetRolesDto {
  @ApiProperty({ enum: PLATFORM_ROLES, isArray: true, example: ['consultant'] })
  @IsArray()
  @ArrayUnique()
  @IsIn(PLATFORM_ROLES, { each: true })
  roles!: PlatformRole[];
}

import { ApiProperty } from '@nestjs/swagger';
import {
  OFFERING_KINDS,
  OfferingKind,
  VAT_REGIME_CODES,
  VatCategory,
  VatRegimeCode,
  VatRegimeView,
} from '@mutualis/catalogue';

export class VatRegimeDto implements VatRegimeView {
  @ApiProperty({ enum: VAT_REGIME_CODES }) code!: VatRegimeCode;
  @ApiProperty({ example: 'Exonéré : formation professionnelle continue' }) label!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'art. 261, 4, 4° a du CGI',
    description: 'Null only for the retired not_subject, which had none.',
  })
  legalBasis!: string | null;
  @ApiProperty({ enum: ['S', 'E', 'O'], description: 'EN 16931 VAT category (BT-151).' })
  category!: VatCategory;
  @ApiProperty({ example: 0 }) rateBasisPoints!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'VATEX-FR-CGI261-4',
    description: 'EN 16931 BT-121, from the CEF VATEX list; null for category S.',
  })
  vatexCode!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Exonération de TVA, art. 261, 4, 4° a du CGI',
    description: 'What invoices print (BT-120).',
  })
  mention!: string | null;
  @ApiProperty({ enum: OFFERING_KINDS, isArray: true }) offeringKinds!: OfferingKind[];
  @ApiProperty({ description: 'Whether the Chambre may make it the default for new offerings.' })
  canBeDefault!: boolean;
}

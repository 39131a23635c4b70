import { Body, Controller, Get, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Request, Response } from 'express';
import {
  BookingDocumentsView,
  GetTrainingDocumentUseCase,
  ListBookingDocumentsUseCase,
  SignConventionUseCase,
  TrainingDocumentView,
} from '@mutualis/training';
import { AuthenticatedActor, CurrentActor } from '../http/auth/current-actor.decorator';
import { IdParams } from '../http/params.dto';
import {
  BookingDocumentsDto,
  SignatureBodyDto,
  TrainingDocumentDto,
} from './training-documents.dto';

@ApiTags('training')
@ApiBearerAuth()
@Controller()
export class TrainingDocumentsController {
  constructor(
    private readonly listBookingDocuments: ListBookingDocumentsUseCase,
    private readonly getDocument: GetTrainingDocumentUseCase,
    private readonly signConvention: SignConventionUseCase,
  ) {}

  @Get('bookings/:id/documents')
  @ApiOperation({
    summary:
      'A training booking’s documents, every version (newest marked), and where its convention stands',
  })
  @ApiOkResponse({ type: BookingDocumentsDto })
  @ApiNotFoundResponse({ description: 'No such booking, or not one the caller may read.' })
  bookingDocuments(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
  ): Promise<BookingDocumentsView> {
    return this.listBookingDocuments.execute(actor, params.id);
  }

  @Get('documents/:id')
  @ApiOperation({ summary: 'A stored training document (PDF), checked against its SHA-256' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF; its SHA-256 in the X-Document-SHA256 header.' })
  @ApiNotFoundResponse({ description: 'No such document, or not one the caller may read.' })
  async document(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const file = await this.getDocument.execute(actor, params.id);
    response.setHeader('Content-Disposition', `inline; filename="${file.fileName}"`);
    response.setHeader('X-Document-SHA256', file.sha256);
    response.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(file.content, {
      type: 'application/pdf',
      length: file.content.length,
    });
  }

  @Post('documents/:id/signatures')
  @ApiOperation({
    summary:
      'Sign a convention: its organisation’s admin for the organisation, the Chambre’s signatory for the Chambre. ' +
      'Answers the next version, stamped with the signature block(s).',
  })
  @ApiCreatedResponse({ type: TrainingDocumentDto })
  @ApiConflictResponse({
    description:
      'Not the current version or hash (convention_outdated), or this side already signed (convention_already_signed).',
  })
  @ApiForbiddenResponse({ description: 'The caller signs for neither side (not_the_signatory).' })
  sign(
    @CurrentActor() actor: AuthenticatedActor,
    @Param() params: IdParams,
    @Body() body: SignatureBodyDto,
    @Req() request: Request,
  ): Promise<TrainingDocumentView> {
    return this.signConvention.execute({
      actor,
      documentId: params.id,
      sha256: body.sha256,
      consent: body.consent,
      signerCapacity: body.signerCapacity ?? null,
      ipAddress: request.ip ?? null,
      userAgent: request.get('user-agent') ?? null,
    });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, changedFields } from '@mutualis/core';
import { Chambre } from '../../entities/chambre.entity';
import { InvoicingErrorCode, InvoicingException } from '../../invoicing.exception';
import { assertEmbeddableImage } from '../../pdf/invoice-pdf.renderer';
import { LogoImageError, normaliseLogo } from '../../pdf/logo-image';
import { ChambreRepository } from '../../repositories/chambre.repository';
import { InvoiceStorage, sha256 } from '../../storage/invoice-storage';

export type ChambreSettings = Omit<
  Chambre,
  'id' | 'slug' | 'createdAt' | 'updatedAt' | 'configured' | 'logoPath'
>;

export interface ChambreView extends ChambreSettings {
  configured: boolean;
  /** Whether invoices print a logo; the image itself is at `GET /chambre/logo`. */
  hasLogo: boolean;
  updatedAt: string;
}

export interface ChambreLogo {
  content: Buffer;
  mediaType: LogoMediaType;
}

export type LogoMediaType = 'image/png' | 'image/jpeg';

/** The api's body parser refuses larger bodies with 413; other callers get the use case's 400. */
export const MAX_LOGO_BYTES = 512 * 1024;

/** What an upload may be; logos stored since re-encoding are all PNG, older ones may be JPEG. */
const SIGNATURES: { mediaType: LogoMediaType; extension: string; magic: Buffer }[] = [
  {
    mediaType: 'image/png',
    extension: 'png',
    magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  { mediaType: 'image/jpeg', extension: 'jpg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
];

function present(chambre: Chambre): ChambreView {
  const { id: _id, slug: _slug, createdAt: _created, logoPath, updatedAt, ...settings } = chambre;
  return { ...settings, hasLogo: logoPath !== null, updatedAt: updatedAt.toISOString() };
}

function invalidLogo(message: string): InvoicingException {
  return new InvoicingException(InvoicingErrorCode.InvalidLogo, message, [
    { field: 'logo', message },
  ]);
}

/** The Chambre's legal identity and payment details, snapshotted by each invoice it issues (admins). */
@Injectable()
export class ChambreSettingsUseCase {
  constructor(
    private readonly chambres: ChambreRepository,
    private readonly storage: InvoiceStorage,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async get(): Promise<ChambreView> {
    return present(await this.chambres.current());
  }

  /** Saving the settings marks them reviewed: invoices waiting for them are issued. */
  async update(settings: Partial<ChambreSettings>): Promise<ChambreView> {
    return present(await this.change('chambre.updated', { ...settings, configured: true }));
  }

  /**
   * Stores the logo under a key derived from its content and never overwrites it: invoices
   * already issued keep pointing at the logo they were rendered with. What is stored is not
   * what was sent: the image is checked for its size before any pixel is decoded, then
   * re-encoded once as a small PNG without metadata (`normaliseLogo`), which every invoice
   * afterwards prints as it is.
   */
  async setLogo(content: unknown): Promise<ChambreView> {
    if (!Buffer.isBuffer(content) || content.length === 0)
      throw invalidLogo(
        'send the logo as the request body, with Content-Type image/png or image/jpeg',
      );
    if (content.length > MAX_LOGO_BYTES)
      throw invalidLogo(`the logo must not exceed ${MAX_LOGO_BYTES / 1024} KiB`);
    const signature = SIGNATURES.find(({ magic }) =>
      content.subarray(0, magic.length).equals(magic),
    );
    if (!signature) throw invalidLogo('the logo must be a PNG or JPEG image');
    let logo: Buffer;
    try {
      logo = (await normaliseLogo(content)).png;
      // What the PDF renderer will be given: small by now, so this check costs little.
      await assertEmbeddableImage(logo);
    } catch (error) {
      if (error instanceof LogoImageError && error.reason === 'too_large') {
        throw new InvoicingException(InvoicingErrorCode.LogoTooLarge, error.message, [
          { field: 'logo', message: error.message },
        ]);
      }
      throw invalidLogo('the logo is not a readable PNG or JPEG image');
    }
    const key = `chambre/logo-${sha256(logo)}.png`;
    await this.storage.put(key, logo);
    return present(await this.change('chambre.logo.set', { logoPath: key }));
  }

  /** New invoices print no logo; issued ones keep theirs. */
  async removeLogo(): Promise<ChambreView> {
    return present(await this.change('chambre.logo.removed', { logoPath: null }));
  }

  /** Applies the changes and records the fields that really changed, in one transaction. */
  private change(action: string, changes: Partial<Chambre>): Promise<Chambre> {
    return this.dataSource.transaction(async (manager) => {
      const chambre = await this.chambres.currentForUpdate(manager);
      const updated = await this.chambres.update(chambre.id, changes, manager);
      const changed = changedFields(chambre, changes);
      if (changed) {
        await this.audit.record(manager, {
          action,
          entityType: 'chambre',
          entityId: chambre.id,
          ...changed,
        });
      }
      return updated;
    });
  }

  async logo(): Promise<ChambreLogo> {
    const { logoPath } = await this.chambres.current();
    if (!logoPath)
      throw new InvoicingException(InvoicingErrorCode.LogoNotFound, 'the Chambre has no logo');
    const { mediaType } = SIGNATURES.find(({ extension }) => logoPath.endsWith(`.${extension}`))!;
    return { content: await this.storage.get(logoPath), mediaType };
  }
}

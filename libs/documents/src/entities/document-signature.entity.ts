import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A simple electronic signature (eIDAS art. 25): who signed, in what capacity, when, and the
 * SHA-256 of the stored bytes they were shown and consented to. Append-only.
 */
@Entity('document_signatures')
export class DocumentSignature {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  documentId!: string;

  /** Which side signed, e.g. `organisation` or `chambre`: one signature per side. */
  @Column('text')
  party!: string;

  @Column('uuid', { nullable: true })
  signerUserId!: string | null;

  @Column('text')
  signerName!: string;

  @Column('text', { nullable: true })
  signerEmail!: string | null;

  /** E.g. « Présidente », « Responsable formation ». */
  @Column('text', { nullable: true })
  signerCapacity!: string | null;

  @Column('char', { length: 64 })
  documentSha256!: string;

  /** The words the signer agreed to, as shown. */
  @Column('text')
  consentText!: string;

  @Column('text', { nullable: true })
  ipAddress!: string | null;

  @Column('text', { nullable: true })
  userAgent!: string | null;

  @Column('timestamptz')
  signedAt!: Date;
}

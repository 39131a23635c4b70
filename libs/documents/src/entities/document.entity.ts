import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One stored version of a generated document; never changed (a database trigger refuses it). */
@Entity('documents')
export class StoredDocument {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** What it is, in the producing context's words, e.g. `training.convention`. */
  @Column('text')
  kind!: string;

  /** Shared by the versions of one document, e.g. `convention:<bookingId>`. */
  @Column('text')
  seriesKey!: string;

  @Column('integer')
  version!: number;

  @Column('text')
  title!: string;

  @Column('text')
  fileName!: string;

  @Column('text')
  contentType!: string;

  @Column('char', { length: 64 })
  sha256!: string;

  @Column('integer')
  byteSize!: number;

  @Column('text')
  storageKey!: string;

  @Column('uuid', { nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** How the Chambre runs its trainings; one row per Chambre, defaults until an admin sets them. */
@Entity('training_settings')
export class TrainingSettings {
  @PrimaryColumn('uuid')
  chambreId!: string;

  @Column('smallint')
  convocationDaysBefore!: number;

  @Column('smallint')
  coldSurveyDaysAfter!: number;

  @Column('boolean')
  requireSignedConvention!: boolean;

  @Column('smallint')
  signingMarginMinutes!: number;

  @Column('uuid', { nullable: true })
  signatoryUserId!: string | null;

  @Column('text', { nullable: true })
  signatoryName!: string | null;

  @Column('text', { nullable: true })
  signatoryCapacity!: string | null;

  @Column('uuid', { nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

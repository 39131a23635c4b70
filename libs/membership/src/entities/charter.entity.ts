import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One published version of the Chambre's statutes or charter, which applicants accept. */
@Entity('membership_charters')
export class Charter {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  chambreId!: string;

  @Column('integer')
  version!: number;

  @Column('text')
  title!: string;

  @Column('text')
  body!: string;

  @Column('timestamptz')
  publishedAt!: Date;
}

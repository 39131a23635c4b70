import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** What members read about a consultant: bio, fields of expertise, départements served. */
@Entity('consultant_profiles')
export class ConsultantProfile {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  userId!: string;

  @Column('text')
  bio!: string;

  @Column('text', { array: true })
  expertise!: string[];

  @Column('text', { array: true })
  departments!: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

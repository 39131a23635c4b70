import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A user's choices about optional e-mail; no row means the defaults (everything on). */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn('uuid')
  userId!: string;

  @Column('boolean')
  sessionReminders!: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

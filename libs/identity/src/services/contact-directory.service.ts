import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { User } from '../entities/user.entity';
import type { Locale } from '../identity.types';
import { UserRepository } from '../repositories/user.repository';
import { OrganisationDirectoryService } from './organisation-directory.service';

/** Who can be written to, and in which language. */
export interface Contact {
  userId: string | null;
  email: string;
  name: string | null;
  locale: Locale;
}

/** Addresses for other contexts' e-mail (notifications), read without exposing the user rows. */
@Injectable()
export class ContactDirectoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly organisations: OrganisationDirectoryService,
  ) {}

  /** Active users among `userIds` (disabled accounts receive nothing). */
  async usersByIds(userIds: string[]): Promise<Contact[]> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return [];
    const users = await this.dataSource.manager.find(User, { where: { id: In(ids) } });
    return users.filter((user) => !user.disabledAt).map(toContact);
  }

  /** The Chambre's active admins: who hears of what waits for their decision (applications). */
  async platformAdmins(): Promise<Contact[]> {
    const users = await this.dataSource.manager
      .createQueryBuilder(User, 'user')
      .where(`'admin' = ANY(user.platformRoles)`)
      .andWhere('user.disabledAt IS NULL')
      .orderBy('user.email')
      .getMany();
    return users.map(toContact);
  }

  /**
   * Users' current names by id, disabled accounts included: what the audit log shows for its
   * actors (an erased user shows the anonymised name their row now holds).
   */
  async namesByIds(userIds: string[]): Promise<Map<string, string>> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return new Map();
    const users = await this.dataSource.manager.find(User, {
      select: { id: true, name: true },
      where: { id: In(ids) },
    });
    return new Map(users.map((user) => [user.id, user.name]));
  }

  /** A user's contact, or the bare address in French for someone without an account. */
  async byEmail(email: string): Promise<Contact> {
    const user = await this.users.findByEmail(email);
    if (user && !user.disabledAt) return toContact(user);
    return { userId: null, email, name: null, locale: 'fr' };
  }

  /** Where an organisation's invoices go: its billing address, in its user's language if it is one. */
  async billingContact(
    organisationId: string,
  ): Promise<{ contact: Contact; organisationName: string } | null> {
    const organisation = await this.organisations.billingIdentity(organisationId);
    if (!organisation) return null;
    const contact = await this.byEmail(organisation.billingEmail);
    return {
      contact: { ...contact, email: organisation.billingEmail },
      organisationName: organisation.legalName,
    };
  }
}

function toContact(user: User): Contact {
  return { userId: user.id, email: user.email, name: user.name, locale: user.locale };
}

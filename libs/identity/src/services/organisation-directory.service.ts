import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Organisation } from '../entities/organisation.entity';

/** Names of organisations for other contexts' lists (attendee lists, finance views), read in one query. */
@Injectable()
export class OrganisationDirectoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async legalNamesOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.manager.find(Organisation, {
      select: { id: true, legalName: true },
      where: { id: In([...new Set(ids)]) },
    });
    return new Map(rows.map((row) => [row.id, row.legalName]));
  }
}

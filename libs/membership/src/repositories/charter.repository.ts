import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Charter } from '../entities/charter.entity';

@Injectable()
export class CharterRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The latest version published (the unique (chambre, version) index serves it). */
  current(
    chambreId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Charter | null> {
    return manager.findOne(Charter, { where: { chambreId }, order: { version: 'DESC' } });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Charter | null> {
    return manager.findOne(Charter, { where: { id } });
  }

  /**
   * Publishes the next version, numbered last + 1 by the database in the same statement. Two
   * admins publishing at once compute the same number: the unique (chambre, version) index
   * refuses the second, which the caller retries.
   */
  async publishNext(
    chambreId: string,
    title: string,
    body: string,
    manager: EntityManager,
  ): Promise<Charter> {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO membership_charters (chambre_id, version, title, body)
       SELECT $1, coalesce(max(version), 0) + 1, $2, $3
         FROM membership_charters WHERE chambre_id = $1
       RETURNING id`,
      [chambreId, title, body],
    );
    return manager.findOneOrFail(Charter, { where: { id: row.id } });
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Chambre } from '../entities/chambre.entity';

/** The Chambre is data, not constants: one today (`default`), several regions later. */
@Injectable()
export class ChambreRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  current(manager: EntityManager = this.dataSource.manager): Promise<Chambre> {
    return manager.findOneOrFail(Chambre, { where: { slug: 'default' } });
  }

  async update(id: string, changes: Partial<Chambre>): Promise<Chambre> {
    await this.dataSource.manager.update(Chambre, { id }, changes);
    return this.dataSource.manager.findOneOrFail(Chambre, { where: { id } });
  }
}

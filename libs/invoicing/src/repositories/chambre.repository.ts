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

  /** The Chambre's row locked until the caller's transaction ends, for a change recorded with its before. */
  currentForUpdate(manager: EntityManager): Promise<Chambre> {
    return manager.findOneOrFail(Chambre, {
      where: { slug: 'default' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async update(
    id: string,
    changes: Partial<Chambre>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Chambre> {
    await manager.update(Chambre, { id }, changes);
    return manager.findOneOrFail(Chambre, { where: { id } });
  }
}

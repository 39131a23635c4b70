import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The Chambre the membership rows belong to. One today (`default`, created by invoicing's
 * migrations); scoping by it now is what lets several Chambres share the tables later.
 */
@Injectable()
export class ChambreScopeRepository {
  private chambreId: string | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async currentId(manager: EntityManager = this.dataSource.manager): Promise<string> {
    if (this.chambreId === null) {
      const [row] = await manager.query<{ id: string }[]>(
        `SELECT id FROM chambres WHERE slug = 'default'`,
      );
      if (!row) throw new Error('the Chambre is not set up: run the migrations');
      this.chambreId = row.id;
    }
    return this.chambreId;
  }
}

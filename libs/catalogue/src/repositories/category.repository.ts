import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Category } from '../entities/category.entity';

@Injectable()
export class CategoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<Category[]> {
    return this.dataSource.manager.find(Category, { order: { position: 'ASC', slug: 'ASC' } });
  }

  findBySlug(slug: string): Promise<Category | null> {
    return this.dataSource.manager.findOne(Category, { where: { slug } });
  }

  async mapByIds(ids: string[]): Promise<Map<string, Category>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.manager.find(Category, {
      where: { id: In([...new Set(ids)]) },
    });
    return new Map(rows.map((category) => [category.id, category]));
  }
}

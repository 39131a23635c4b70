import { Injectable } from '@nestjs/common';
import { CategoryRepository } from '../../repositories/category.repository';

export interface CategoryView {
  slug: string;
  labelFr: string;
  labelEn: string;
}

@Injectable()
export class ListCategoriesUseCase {
  constructor(private readonly categories: CategoryRepository) {}

  async execute(): Promise<CategoryView[]> {
    const categories = await this.categories.list();
    return categories.map(({ slug, labelFr, labelEn }) => ({ slug, labelFr, labelEn }));
  }
}

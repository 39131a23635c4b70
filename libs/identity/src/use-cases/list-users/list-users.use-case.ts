import { Injectable } from '@nestjs/common';
import { decodeCursor, Page, toPage } from '@mutualis/core';
import { PlatformRole } from '../../identity.types';
import { UserRepository } from '../../repositories/user.repository';
import { presentUser, UserView } from '../../views/user.view';

export interface ListUsersQuery {
  search?: string;
  role?: PlatformRole;
  limit: number;
  cursor?: string;
}

@Injectable()
export class ListUsersUseCase {
  constructor(private readonly users: UserRepository) {}

  async execute(query: ListUsersQuery): Promise<Page<UserView>> {
    const rows = await this.users.list({
      search: query.search,
      role: query.role,
      limit: query.limit,
      after: decodeCursor(query.cursor),
    });
    return toPage(rows, query.limit, presentUser);
  }
}

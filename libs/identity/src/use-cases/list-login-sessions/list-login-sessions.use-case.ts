import { Injectable } from '@nestjs/common';
import { LoginSessionRepository } from '../../repositories/login-session.repository';

export interface LoginSessionView {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  userAgent: string | null;
  clientAddress: string | null;
  /** The session the request was made with. */
  current: boolean;
}

/** A user's own live login sessions, the one they ask from marked current. */
@Injectable()
export class ListLoginSessionsUseCase {
  constructor(private readonly sessions: LoginSessionRepository) {}

  async execute(userId: string, currentSessionId: string): Promise<LoginSessionView[]> {
    const rows = await this.sessions.listLive(userId);
    return rows.map((row) => ({
      id: row.id,
      createdAt: new Date(row.createdAt).toISOString(),
      lastUsedAt: new Date(row.lastUsedAt).toISOString(),
      userAgent: row.userAgent,
      clientAddress: row.clientAddress,
      current: row.id === currentSessionId,
    }));
  }
}

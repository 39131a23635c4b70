import type { Charter } from '../entities/charter.entity';

export interface CharterView {
  id: string;
  version: number;
  title: string;
  body: string;
  publishedAt: string;
}

export function presentCharter(charter: Charter): CharterView {
  return {
    id: charter.id,
    version: charter.version,
    title: charter.title,
    body: charter.body,
    publishedAt: charter.publishedAt.toISOString(),
  };
}

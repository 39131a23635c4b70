import { CoreException } from '../errors/core.exception';
import { decodeCursor, encodeCursor, toPage } from './page';

describe('keyset pagination', () => {
  const position = {
    createdAt: new Date('2026-03-01T10:00:00.123Z'),
    id: '4f1c2b8e-0d3a-4c55-9a8e-2b7f7c1d9e01',
  };

  it('reads back the cursors it writes', () => {
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    expect(decodeCursor(undefined)).toBeNull();
  });

  it.each([
    'garbage',
    Buffer.from('[1,2]').toString('base64url'),
    Buffer.from('["x","y"]').toString('base64url'),
  ])('answers a problem, not a crash, for a forged cursor %p', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(CoreException);
  });

  it('gives a next cursor only when a row beyond the limit exists', () => {
    const rows = [position, { ...position, id: '4f1c2b8e-0d3a-4c55-9a8e-2b7f7c1d9e02' }];
    expect(toPage(rows, 2, (row) => row.id).nextCursor).toBeNull();
    const page = toPage(rows, 1, (row) => row.id);
    expect(page.items).toEqual([position.id]);
    expect(decodeCursor(page.nextCursor ?? '')).toEqual(position);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createTestContext } from '@mutualis/testing';
import { DocumentsModule } from '../documents.module';
import { DocumentIntegrityError, DocumentStore, sha256Hex } from './document-store';

describe('DocumentStore', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let store: DocumentStore;
  let storage: string;

  beforeAll(async () => {
    storage = mkdtempSync(join(tmpdir(), 'mutualis-documents-'));
    context = await createTestContext([DocumentsModule], { DOCUMENT_STORAGE_DIR: storage });
    db = context.get(DataSource);
    store = context.get(DocumentStore);
  });

  afterAll(async () => {
    await context.close();
    rmSync(storage, { recursive: true, force: true });
  });

  const save = (seriesKey: string, text: string) =>
    db.transaction((manager) =>
      store.store(
        {
          kind: 'test.note',
          seriesKey,
          title: 'Note',
          fileName: 'note.pdf',
          content: Buffer.from(text),
        },
        manager,
      ),
    );

  it('stores versions of a series side by side and reads each back checked', async () => {
    const first = await save('note:versions', 'first');
    const second = await save('note:versions', 'second');
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(first.sha256).toBe(sha256Hex(Buffer.from('first')));
    expect((await store.read(first.id))!.content.toString()).toBe('first');
    expect((await store.latest('note:versions'))!.id).toBe(second.id);
  });

  it('refuses to change or delete a stored document, to the application and to the owner', async () => {
    const document = await save('note:records', 'kept');
    await expect(
      db.query(`UPDATE documents SET title = 'changed' WHERE id = $1`, [document.id]),
    ).rejects.toThrow(/permission denied/);
    const owner = new Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    try {
      await expect(
        owner.query(`UPDATE documents SET title = 'changed' WHERE id = $1`, [document.id]),
      ).rejects.toThrow(/stored record and cannot be changed/);
      await expect(
        owner.query(`DELETE FROM documents WHERE id = $1`, [document.id]),
      ).rejects.toThrow(/stored record/);
    } finally {
      await owner.end();
    }
    expect((await store.find(document.id))!.title).toBe('Note');
  });

  it('notices bytes changed behind its back', async () => {
    const document = await save('note:tampered', 'genuine');
    writeFileSync(join(storage, document.storageKey), 'forged');
    await expect(store.read(document.id)).rejects.toBeInstanceOf(DocumentIntegrityError);
  });

  it('records a signature only on the stored hash, once per party', async () => {
    const document = await save('note:signed', 'to sign');
    const signature = {
      documentId: document.id,
      party: 'organisation',
      signerUserId: null,
      signerName: 'Awa Diallo',
      consentText: 'Je signe',
      signedAt: new Date(),
    };
    await expect(
      db.transaction((manager) =>
        store.sign({ ...signature, documentSha256: sha256Hex(Buffer.from('other')) }, manager),
      ),
    ).rejects.toThrow(/stored bytes/);
    await db.transaction((manager) =>
      store.sign({ ...signature, documentSha256: document.sha256 }, manager),
    );
    await expect(
      db.transaction((manager) =>
        store.sign({ ...signature, documentSha256: document.sha256 }, manager),
      ),
    ).rejects.toThrow(/document_signatures_party_key/);
    expect(await store.signaturesOf([document.id])).toHaveLength(1);
  });
});

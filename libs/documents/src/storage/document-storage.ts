import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from '@mutualis/core';

/** Where document bytes live: a local directory by default, an object store later. */
export abstract class DocumentStorage {
  /** Writes a new key; refuses one that exists (documents are never overwritten). */
  abstract create(key: string, content: Buffer): Promise<void>;
  abstract read(key: string): Promise<Buffer>;
}

/** Files under DOCUMENT_STORAGE_DIR, created exclusively (`wx`): an existing file is never replaced. */
@Injectable()
export class LocalDocumentStorage extends DocumentStorage {
  private readonly root: string;

  constructor(config: ConfigService<Environment, true>) {
    super();
    this.root = resolve(config.get('DOCUMENT_STORAGE_DIR', { infer: true }));
  }

  async create(key: string, content: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content, { flag: 'wx' });
  }

  read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  private pathOf(key: string): string {
    if (!/^[A-Za-z0-9/_.-]+$/.test(key) || key.includes('..'))
      throw new Error(`unsafe storage key ${key}`);
    return join(this.root, key);
  }
}

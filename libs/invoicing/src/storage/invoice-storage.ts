import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from '@mutualis/core';

/** Where rendered invoices are kept, durably: a local directory by default, an object store later. */
export abstract class InvoiceStorage {
  abstract put(key: string, content: Buffer): Promise<void>;
  abstract get(key: string): Promise<Buffer>;
}

export function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Files under INVOICE_STORAGE_DIR, written atomically (temporary file, then rename). */
@Injectable()
export class LocalDirectoryStorage extends InvoiceStorage {
  private readonly root: string;

  constructor(config: ConfigService<Environment, true>) {
    super();
    this.root = resolve(config.get('INVOICE_STORAGE_DIR', { infer: true }));
  }

  async put(key: string, content: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Unique per write: two writes of one key at once (a late issuer's `ensure` while the first
    // still stores the PDF) must not share, and lose, one temporary file.
    const temporary = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, path);
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  private pathOf(key: string): string {
    if (!/^[A-Za-z0-9/_.-]+$/.test(key) || key.includes('..'))
      throw new Error(`unsafe storage key ${key}`);
    return join(this.root, key);
  }
}

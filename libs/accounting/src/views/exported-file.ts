/** A file to download, already encoded. */
export interface ExportedFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

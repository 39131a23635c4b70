/** A file an export answers, to download. */
export interface ExportFile {
  fileName: string;
  contentType: string;
  content: string;
}

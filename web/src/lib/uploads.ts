// The files the server accepts as attachments and evidence (core/incidents/attachment_rules), so that the page
// refuses the others before uploading 10 MB to be told no.
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

// Browsers leave File.type empty for some of these, so the extension decides then.
const TYPES_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  csv: 'text/csv',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The `accept` attribute of a file input. */
export const UPLOAD_ACCEPT = Object.keys(TYPES_BY_EXTENSION)
  .map((e) => `.${e}`)
  .join(',');

/** The media type to send for `file`, or null when the server would refuse it. */
export function uploadMediaType(file: File): string | null {
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  if (file.type && Object.values(TYPES_BY_EXTENSION).includes(file.type)) return file.type;
  return TYPES_BY_EXTENSION[ext] ?? null;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

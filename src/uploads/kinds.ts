/**
 * File kinds we upload to Zalo and how to recognise them by content (magic bytes), so a text
 * file renamed to .png is refused before it reaches Zalo.
 */

export type FileKind = 'jpg' | 'png' | 'gif' | 'pdf' | 'doc' | 'docx' | 'mp4';

export const CONTENT_TYPES: Record<FileKind, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  mp4: 'video/mp4',
};

/** File name extensions accepted for each kind (first one is used when we have to add one). */
export const EXTENSIONS: Record<FileKind, string[]> = {
  jpg: ['jpg', 'jpeg'],
  png: ['png'],
  gif: ['gif'],
  pdf: ['pdf'],
  doc: ['doc'],
  docx: ['docx'],
  mp4: ['mp4'],
};

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

/** The kind of a file from its first bytes; undefined when it is none of ours. */
export function sniff(bytes: Uint8Array): FileKind | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  // OLE2 compound file: legacy Word (also xls/ppt; Zalo checks further on its side).
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc';
  // A zip is a docx only if it holds Word's part names (local file headers carry them in clear).
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('word/') ? 'docx' : undefined;
  // ISO base media: a box size, then 'ftyp'.
  if (startsWith(bytes, [0x66, 0x74, 0x79, 0x70], 4)) return 'mp4';
  return undefined;
}

/** Human list for messages: "jpg or png". */
export function kindList(kinds: readonly FileKind[]): string {
  return kinds.length === 1 ? kinds[0]! : `${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}`;
}

/** Size in MB for messages ("1 MB", "5 MB"). */
export function mb(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

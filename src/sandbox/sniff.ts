/**
 * File kinds by magic bytes, the simulator's own copy (Zalo checks content, not the name), kept
 * apart from src/uploads/kinds.ts so that the client's check and Zalo's are tested against each other.
 */
export type FileKind = 'jpg' | 'png' | 'gif' | 'pdf' | 'doc' | 'docx' | 'mp4';

const at = (b: Uint8Array, magic: number[], offset = 0) => b.length >= offset + magic.length && magic.every((m, i) => b[offset + i] === m);

export function sniff(b: Uint8Array): FileKind | undefined {
  if (at(b, [0xff, 0xd8, 0xff])) return 'jpg';
  if (at(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (at(b, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (at(b, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (at(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc';
  if (at(b, [0x50, 0x4b, 0x03, 0x04])) return Buffer.from(b.buffer, b.byteOffset, b.byteLength).includes('word/') ? 'docx' : undefined;
  if (at(b, [0x66, 0x74, 0x79, 0x70], 4)) return 'mp4';
  return undefined;
}

/**
 * Measures what a zip archive (an .xlsx workbook) unpacks to before anyone unpacks it in memory:
 * 2 MB of deflated XML can expand to gigabytes (a zip bomb). Sizes are measured by inflating each
 * entry up to the limit, never taken from the archive's headers, which can lie.
 */
import { inflateRawSync } from 'node:zlib';

const endOfCentralDirectory = 0x06054b50;
const centralDirectoryEntry = 0x02014b50;
const localFileHeader = 0x04034b50;

/** The archive is not a readable zip: the message says what is broken. */
export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

/** Whether the bytes start like a zip archive (an .xlsx workbook is one). */
export function looksLikeZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === localFileHeader;
}

/**
 * Bytes the archive's entries unpack to, counted up to `limit`: a result above `limit` means
 * "more than the limit" (counting stops there). Throws ZipFormatError for a damaged archive.
 */
export function unpackedZipSize(zip: Buffer, limit: number): number {
  const end = findEndOfCentralDirectory(zip);
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  let total = 0;
  for (let index = 0; index < entries; index++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== centralDirectoryEntry)
      throw new ZipFormatError('its table of contents is damaged');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const local = zip.readUInt32LE(at + 42);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== localFileHeader)
      throw new ZipFormatError('an entry points outside the archive');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + compressedSize > zip.length) throw new ZipFormatError('it is truncated');
    total += entrySize(zip.subarray(start, start + compressedSize), method, limit - total);
    if (total > limit) return total;
  }
  return total;
}

/** Unpacked size of one entry, or `room + 1` as soon as it is larger than `room`. */
function entrySize(data: Buffer, method: number, room: number): number {
  if (method === 0) return data.length;
  if (method !== 8) throw new ZipFormatError(`an entry uses compression method ${method}; .xlsx files use deflate`);
  try {
    return inflateRawSync(data, { maxOutputLength: room + 1 }).length;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return room + 1;
    throw new ZipFormatError(`an entry does not unpack (${(error as Error).message})`);
  }
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end of the archive.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === endOfCentralDirectory) return at;
  }
  throw new ZipFormatError('it is truncated or not a zip archive');
}

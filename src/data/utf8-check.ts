/**
 * Whether a text data file (CSV, JSON Lines) is valid UTF-8, and if not, where its first bad
 * byte is — checked before DuckDB reads the file. DuckDB's reader is not trusted with it: it
 * skips the bytes of columns a query does not read (so a bad byte there passed silently), and
 * on a bad byte in a column it reads it failed with an internal error that invalidated the
 * whole database.
 *
 * Whole lines are checked 1 MiB at a time with Node's native `isUtf8` (an LF byte never occurs
 * inside a multi-byte UTF-8 sequence, so a cut after an LF never splits a character); memory
 * does not grow with the file. Only for a file that fails is the position worked out.
 */
import { isUtf8 } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';

const LF = 0x0a;
const CHUNK_BYTES = 1 << 20;

/** Where the first byte that is not UTF-8 is: 1-based physical line, and column in code points. */
export interface NotUtf8 {
  readonly line: number;
  readonly column: number;
}

/** The problem the loaders report for it, at `NotUtf8`'s line and column. */
export const NOT_UTF8_MESSAGE = 'the file is not valid UTF-8 text (save or export it as UTF-8)';

/** Null when the file at `path` is valid UTF-8 (a byte-order mark included), else where it is not. */
export async function findNotUtf8(path: string): Promise<NotUtf8 | null> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let kept = 0; // bytes of an unfinished last line carried to the front of the buffer
    let offset = 0; // file offset of buffer[0]
    let lines = 0; // LFs before buffer[0]
    for (;;) {
      const { bytesRead } = await handle.read(buffer, kept, CHUNK_BYTES - kept, null);
      const end = kept + bytesRead;
      const atEof = bytesRead === 0;
      let upTo = atEof ? end : buffer.lastIndexOf(LF, end - 1) + 1;
      if (upTo === 0 && !atEof) upTo = end; // a line longer than the buffer: checked in pieces below
      const piece = buffer.subarray(0, upTo);
      if (!isUtf8(piece) && !(upTo === end && !atEof && endsInsideCharacter(piece))) {
        return await locate(handle, offset, lines, piece);
      }
      if (atEof) return null;
      lines += countLf(piece);
      // A piece cut inside a long line may end inside a character: its last bytes are kept.
      const carried = upTo === end ? trailingPartial(piece) : end - upTo;
      const from = end - carried;
      buffer.copy(buffer, 0, from, end);
      offset += from;
      kept = carried;
    }
  } finally {
    await handle.close();
  }
}

/** Number of bytes at the end of `bytes` that begin a UTF-8 character not yet complete (0–3). */
function trailingPartial(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const needs = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needs > back ? back : 0;
  }
  return 0;
}

/** Whether `bytes` is valid UTF-8 but for a character cut off at its end. */
function endsInsideCharacter(bytes: Buffer): boolean {
  const partial = trailingPartial(bytes);
  return partial > 0 && isUtf8(bytes.subarray(0, bytes.length - partial));
}

function countLf(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) n++;
  return n;
}

/**
 * The line and column of the first bad byte of `piece` (which starts at file offset `offset`,
 * after `lines` LFs). The line holding it is decoded leniently from its start, which may lie
 * before `piece` when a long line was checked in pieces.
 */
async function locate(handle: FileHandle, offset: number, lines: number, piece: Buffer): Promise<NotUtf8> {
  // The first bad line of the piece: the longest valid prefix ends inside it.
  let lineStart = 0;
  let lineNumber = lines + 1;
  for (;;) {
    const stop = piece.indexOf(LF, lineStart);
    const lineEnd = stop < 0 ? piece.length : stop + 1;
    if (!isUtf8(piece.subarray(lineStart, lineEnd))) break;
    if (stop < 0) break;
    lineStart = lineEnd;
    lineNumber++;
  }
  // A line that began before the piece (a long line checked in pieces): read it from its start.
  let text = piece.subarray(lineStart);
  if (lineStart === 0 && offset > 0) {
    const start = await startOfLine(handle, offset);
    const before = Buffer.alloc(offset - start);
    await handle.read(before, 0, before.length, start);
    text = Buffer.concat([before, piece]);
  }
  // A byte-order mark does not count as a column (the decoder drops it), as in the CSV reader.
  if (lineNumber === 1 && text[0] === 0xef && text[1] === 0xbb && text[2] === 0xbf) text = text.subarray(3);
  const stop = text.indexOf(LF);
  const decoded = new TextDecoder('utf-8', { ignoreBOM: true }).decode(text.subarray(0, stop < 0 ? text.length : stop));
  const bad = firstReplacement(text, decoded);
  return { line: lineNumber, column: [...decoded.slice(0, bad)].length + 1 };
}

/** Offset of the first byte of the line that holds file offset `offset` (after the LF before it). */
async function startOfLine(handle: FileHandle, offset: number): Promise<number> {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let end = offset;
  while (end > 0) {
    const start = Math.max(0, end - CHUNK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, end - start, start);
    const lf = buffer.subarray(0, bytesRead).lastIndexOf(LF);
    if (lf >= 0) return start + lf + 1;
    end = start;
  }
  return 0;
}

/**
 * Index in `decoded` (the lenient decoding of `bytes`' first line) of the replacement character
 * that stands for the first bad byte: the first U+FFFD whose bytes are not an encoded U+FFFD.
 */
function firstReplacement(bytes: Buffer, decoded: string): number {
  let at = 0; // byte offset of decoded[i]
  for (let i = 0; i < decoded.length; i++) {
    const unit = decoded.charCodeAt(i);
    if (unit === 0xfffd && !(bytes[at] === 0xef && bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd)) return i;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      at += 4; // a surrogate pair: one four-byte character
      i++;
    } else at += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
  }
  return decoded.length;
}

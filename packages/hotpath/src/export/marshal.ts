// A writer for the subset of Python's `marshal` format that pstats files use: dicts, tuples,
// ints, floats and strings. Format: Python/marshal.c (https://github.com/python/cpython);
// every code below has been read by `marshal.load` unchanged since Python 3.4 (version 4).

/**
 * A Python value to marshal: `bigint` is an int, `number` a float, `string` a str, an array a
 * tuple, a Map a dict. Ints and floats are told apart by type because pstats needs both
 * (call counts are ints, times are floats).
 */
export type PyValue = bigint | number | string | PyValue[] | Map<PyValue, PyValue>;

const TYPE_NULL = 0x30; // '0': ends a dict
const TYPE_INT = 0x69; // 'i': int32, little-endian
const TYPE_LONG = 0x6c; // 'l': int32 digit count (negative for negative ints), 15-bit digits
const TYPE_BINARY_FLOAT = 0x67; // 'g': IEEE 754 double, little-endian
const TYPE_UNICODE = 0x75; // 'u': uint32 byte length, UTF-8
const TYPE_TUPLE = 0x28; // '(': int32 length
const TYPE_SMALL_TUPLE = 0x29; // ')': uint8 length
const TYPE_DICT = 0x7b; // '{': key, value, ..., TYPE_NULL

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

/** The bytes `marshal.dumps(value)` would give (without references, which are optional). */
export function marshal(value: PyValue): Uint8Array {
  const chunks: Uint8Array[] = [];
  write(value, chunks);
  return Buffer.concat(chunks);
}

function write(value: PyValue, out: Uint8Array[]): void {
  if (typeof value === 'bigint') writeInt(value, out);
  else if (typeof value === 'number') out.push(code(TYPE_BINARY_FLOAT), float64(value));
  else if (typeof value === 'string') writeString(value, out);
  else if (Array.isArray(value)) writeTuple(value, out);
  else writeDict(value, out);
}

function writeInt(value: bigint, out: Uint8Array[]): void {
  if (value >= INT32_MIN && value <= INT32_MAX) {
    out.push(code(TYPE_INT), int32(Number(value)));
    return;
  }
  // Python's long: base-2**15 digits, least significant first, sign on the digit count.
  const digits: number[] = [];
  for (let rest = value < 0n ? -value : value; rest > 0n; rest >>= 15n) digits.push(Number(rest & 0x7fffn));
  const body = Buffer.alloc(digits.length * 2);
  digits.forEach((digit, i) => body.writeUInt16LE(digit, i * 2));
  out.push(code(TYPE_LONG), int32(value < 0n ? -digits.length : digits.length), body);
}

function writeString(value: string, out: Uint8Array[]): void {
  const bytes = Buffer.from(value, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(bytes.length);
  out.push(code(TYPE_UNICODE), length, bytes);
}

function writeTuple(items: PyValue[], out: Uint8Array[]): void {
  if (items.length < 256) out.push(code(TYPE_SMALL_TUPLE), Uint8Array.of(items.length));
  else out.push(code(TYPE_TUPLE), int32(items.length));
  for (const item of items) write(item, out);
}

function writeDict(entries: Map<PyValue, PyValue>, out: Uint8Array[]): void {
  out.push(code(TYPE_DICT));
  for (const [key, value] of entries) {
    write(key, out);
    write(value, out);
  }
  out.push(code(TYPE_NULL));
}

function code(type: number): Uint8Array {
  return Uint8Array.of(type);
}

function int32(value: number): Uint8Array {
  const bytes = Buffer.alloc(4);
  bytes.writeInt32LE(value);
  return bytes;
}

function float64(value: number): Uint8Array {
  const bytes = Buffer.alloc(8);
  bytes.writeDoubleLE(value);
  return bytes;
}

import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { AppError } from '../kernel/errors';
import { jsonErrorOffset } from './json-error-offset';
import type { RawRow, TabularRow } from './tabular';

const isRecord = (value: unknown): value is RawRow =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * Streams a JSON Lines file: one object per line, blank lines skipped. A line that is not a JSON
 * object is yielded as a row problem, so one bad line never hides the rest of the file.
 */
export async function* jsonlRows(input: Readable): AsyncGenerator<TabularRow, void, undefined> {
  let line = 0;
  for await (const raw of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    line += 1;
    const text = line === 1 ? stripBom(raw) : raw;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      yield { line, row: null, error: `not valid JSON: ${withoutPosition((err as Error).message)}` };
      continue;
    }
    yield isRecord(value) ? { line, row: value } : { line, row: null, error: 'not a JSON object' };
  }
}

/**
 * The rows of a JSON file holding an array of objects, or an object with exactly one array property
 * (`{"people": [...]}`, other properties such as `exportedAt` are ignored). JSON.parse decides what the
 * data is, strictly; the yaml parser, which keeps source positions, only tells on which line each
 * element starts.
 */
export function* jsonRows(file: string, content: string): Generator<TabularRow, void, undefined> {
  const text = stripBom(content);
  const data = parseJson(file, text);
  const arrays = isRecord(data) ? Object.keys(data).filter((key) => Array.isArray(data[key])) : [];
  const key = arrays.length === 1 ? arrays[0] : undefined;
  const items = Array.isArray(data) ? data : key !== undefined && isRecord(data) ? (data[key] as unknown[]) : undefined;
  if (!items) {
    throw new AppError(
      'invalid_input',
      `${file}: expected a JSON array of objects, or an object with one array property such as {"people": [...]}`,
    );
  }
  // Loaded here, not at the top: CSV and JSONL readers (the entitlements thread among them) never need it.
  const { isSeq, LineCounter, parseDocument } = require('yaml') as typeof import('yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const seq = key === undefined ? doc.contents : doc.get(key, true);
  for (const [i, value] of items.entries()) {
    const node = isSeq(seq) ? seq.items[i] : undefined;
    const start = (node as { range?: [number] } | undefined)?.range?.[0];
    const line = start === undefined ? 1 : lineCounter.linePos(start).line;
    yield isRecord(value) ? { line, row: value } : { line, row: null, error: 'not a JSON object' };
  }
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const line = text.slice(0, jsonErrorOffset(text)).split('\n').length;
    throw new AppError('invalid_input', `${file}:${line}: not valid JSON: ${withoutPosition(message)}`, { cause: err });
  }
}

/** V8's message without its position (the caller names the line) or its echo of the source. */
const withoutPosition = (message: string) =>
  message.replace(/ in JSON at position \d+.*$|, (?:\.\.\.)?".*" is not valid JSON$/s, '');

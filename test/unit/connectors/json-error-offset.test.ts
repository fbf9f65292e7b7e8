import { jsonErrorOffset } from '../../../src/connectors/json-error-offset';

describe('jsonErrorOffset', () => {
  it.each([
    ['a bare word', '[\n  {"id": "p1"},\n  {"id": p2}\n]', 27],
    ['a trailing comma in an object', '{"a":1,}', 7],
    ['a trailing comma in an array', '[1,2,]', 5],
    ['a missing colon', '{"a" 1}', 5],
    ['a bad escape', '"a\\x"', 2],
    ['a raw tab in a string', '"tab\there"', 4],
    ['a leading zero', '01', 1],
    ['text after the value', '[1] x', 4],
    ['an early end', '[1,2', 4],
  ])('points at %s', (_, text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('runs to the end of valid JSON', () => {
    const text = '[{"a":[1,{"b":null}]}, "\\u00e9", -1.5e+3, true]';
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonErrorOffset(text)).toBe(text.length);
  });
});

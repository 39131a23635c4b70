import { inspectJsonText, MAX_JSON_DEPTH } from './untrusted-input';

const nested = (levels: number, open = '[', close = ']') =>
  Buffer.from(open.repeat(levels) + close.repeat(levels));

describe('inspectJsonText', () => {
  it('accepts nesting up to the limit and refuses one level more', () => {
    expect(inspectJsonText(nested(MAX_JSON_DEPTH))).toBeNull();
    expect(inspectJsonText(nested(MAX_JSON_DEPTH + 1))?.code).toBe('json_too_deep');
    expect(inspectJsonText(Buffer.from('{"a":'.repeat(40) + '1' + '}'.repeat(40)))?.code).toBe(
      'json_too_deep',
    );
  });

  it('counts depth, not the number of objects: many siblings are fine', () => {
    const siblings = Buffer.from(JSON.stringify({ items: Array(10_000).fill({ a: [1] }) }));
    expect(inspectJsonText(siblings)).toBeNull();
  });

  it('ignores brackets and quotes inside strings, escaped quotes included', () => {
    const body = JSON.stringify({ text: '['.repeat(100) + '\\"{{{' + '"' + '{'.repeat(50) });
    expect(inspectJsonText(Buffer.from(body))).toBeNull();
  });

  it('finds an escaped NUL in a string or a key, and not an escaped backslash before u0000', () => {
    expect(inspectJsonText(Buffer.from('{"name":"a\\u0000b"}'))?.code).toBe('nul_byte');
    expect(inspectJsonText(Buffer.from('{"a\\u0000":1}'))?.code).toBe('nul_byte');
    // The text backslash-u-0-0-0-0, not a NUL.
    expect(inspectJsonText(Buffer.from('{"name":"a\\\\u0000b"}'))).toBeNull();
    expect(inspectJsonText(Buffer.from(JSON.stringify({ name: 'a\u0000b' })))?.code).toBe(
      'nul_byte',
    );
  });

  it('does not mistake multi-byte UTF-8 for structure', () => {
    expect(inspectJsonText(Buffer.from(JSON.stringify({ t: 'éèà 𝄞 ［｛' })))).toBeNull();
  });

  it('reads the 400,000-level body of the security review in linear time', () => {
    const body = nested(400_000);
    const started = process.hrtime.bigint();
    expect(inspectJsonText(body)?.code).toBe('json_too_deep');
    // It stops at level 33: the rest of the body is never read.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(50);
    const flat = Buffer.from(JSON.stringify({ s: 'x'.repeat(250_000) }));
    expect(inspectJsonText(flat)).toBeNull();
  });
});

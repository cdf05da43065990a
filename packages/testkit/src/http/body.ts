import type { IncomingMessage } from 'node:http';
import type { RecordedFile } from './types.ts';

export type ParsedBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'invalid'; message: string }
  | { kind: 'multipart'; fields: Record<string, string | string[]>; files: RecordedFile[] }
  | { kind: 'other'; contentType: string };

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parses JSON and multipart bodies; multipart goes through undici's FormData parser. */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (raw.length === 0) return { kind: 'none' };
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Request('http://emulator.invalid/', {
        method: 'POST',
        headers: { 'content-type': contentType ?? '' },
        body: new Uint8Array(raw),
      }).formData();
    } catch (error) {
      return {
        kind: 'invalid',
        message: `Invalid multipart body: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    const fields: Record<string, string | string[]> = {};
    const files: RecordedFile[] = [];
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') {
        const prior = fields[name];
        fields[name] =
          prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
      } else {
        const data = Buffer.from(await value.arrayBuffer());
        files.push({
          field: name,
          filename: value.name,
          contentType: value.type,
          size: data.length,
          data,
        });
      }
    }
    return { kind: 'multipart', fields, files };
  }
  // fetch() labels a string body text/plain; providers read it as JSON all the same.
  if (type === '' || type.includes('json') || type.startsWith('text/plain')) {
    try {
      return { kind: 'json', value: JSON.parse(raw.toString('utf8')) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { kind: 'invalid', message: `Invalid JSON body: ${reason}` };
    }
  }
  return { kind: 'other', contentType: type };
}

/**
 * SHA-256 and HMAC-SHA-256 for `@smithy/signature-v4` in the browser, on WebCrypto (the page is
 * served from 127.0.0.1 or HTTPS, both secure contexts). Same contract as the SDK's own hash
 * classes: `new Sha256()` hashes, `new Sha256(secret)` is an HMAC keyed by the secret.
 */
type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytes = (data: SourceData): Uint8Array<ArrayBuffer> => {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(
      data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer,
    );
  return new Uint8Array(data.slice(0));
};

export class WebSha256 {
  private chunks: Uint8Array<ArrayBuffer>[] = [];
  constructor(private readonly secret?: SourceData) {}

  update(data: SourceData): void {
    this.chunks.push(bytes(data));
  }

  async digest(): Promise<Uint8Array> {
    const data = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of this.chunks) {
      data.set(c, at);
      at += c.length;
    }
    if (this.secret === undefined) return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
    const key = await crypto.subtle.importKey(
      'raw',
      bytes(this.secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    return new Uint8Array(await crypto.subtle.sign('HMAC', key, data));
  }

  reset(): void {
    this.chunks = [];
  }
}

/**
 * Blobs: large opaque text written whole under a fresh key, never changed, read back whole
 * (discovery snapshots, scope views). `putBlob` returns the part count that `getBlob` needs to
 * tell a complete blob from one being deleted (undefined then, or when absent).
 */
export interface BlobStore {
  putBlob(key: string, body: string): Promise<number>;
  getBlob(key: string, parts: number): Promise<string | undefined>;
  deleteBlob(key: string): Promise<void>;
}

/**
 * A resource share as a release of Allot before managed permission versions wrote it: no version
 * on the share, none on the grants of its resource discoveries (both read as version 1).
 */
import { expect } from 'vitest';
import type { Store, Write } from '../../core/ports';
import type { RdShareRecord, ResourceShareRecord } from '../../core/records';

export const asBeforeVersions = async (store: Store, shareArn: string): Promise<void> => {
  const id = shareArn.split('/')[1]!;
  const share = (await store.get<ResourceShareRecord>({ kind: 'resource-share', id }))!;
  const { PermissionVersion, ...old } = share;
  expect(PermissionVersion).toBeGreaterThan(1);
  const writes: Write[] = [{ type: 'replace', record: old, expectVersion: share._v }];
  for (const arn of share.Resources) {
    const rdId = arn.split('/')[1]!;
    for (const g of (await store.list<RdShareRecord>({ kind: 'rd-share', rdId }, 100)).items) {
      const { _permissionVersion, ...older } = g;
      writes.push({ type: 'replace', record: older, expectVersion: g._v });
    }
  }
  expect((await store.commit(writes)).ok).toBe(true);
};

/**
 * A scope's top-level space: one space tree per family rooted at /0, where top-level pools claim
 * their provisioned CIDRs so that two top-level pools of one scope never overlap (F-PCIDR-03).
 */
import type { Family } from '../../cidr';
import type { Write } from '../../ports';
import { emptyNode, type NodeKey } from '../../space/node';

export const scopeRoot = (scopeId: string, version: Family): NodeKey => ({
  space: scopeId,
  version,
  start: 0n,
  prefix: 0,
});

export const createScopeSpace = (scopeId: string): Write[] =>
  ([4, 6] as const).map((v) => ({
    type: 'node' as const,
    write: { kind: 'put' as const, node: emptyNode(scopeRoot(scopeId, v)), expectVersion: null },
  }));

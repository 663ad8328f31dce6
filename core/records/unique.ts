import { defineKind, ROOT_SK, type Versioned } from './kind';

/** A uniqueness guard, e.g. one IPAM per (account, region) (F-IPAM-03). */
export interface UniqueRecord extends Versioned {
  kind: 'unique';
  Name: string;
  OwnerOf: string;
}

export type UniqueRef = { kind: 'unique'; name: string };

export const unique = defineKind<UniqueRecord, UniqueRef>({
  ref: (r) => ({ kind: 'unique', name: r.Name }),
  key: (ref) => ({ PK: `UNIQUE#${ref.name}`, SK: ROOT_SK }),
});

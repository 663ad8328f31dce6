/**
 * The whole organization in one strongly consistent Query of its partition: the organization
 * record, its OUs, policies, policy attachments and delegated administrators (the key design in
 * core/records/kinds.ts puts them all under `ORG#<orgId>`). Member accounts live in their own
 * items (an account's key is its id) and are read apart when needed.
 */
import type { Deps } from '../../ports';
import type {
  AnyRecord,
  OrganizationRecord,
  OrgDelegateRecord,
  OrgPolicyRecord,
  OrgUnitRecord,
  PolicyAttachmentRecord,
} from '../../records';
import { listAll } from '../kit/listing';

export interface OrgSnapshot {
  org: OrganizationRecord;
  units: Map<string, OrgUnitRecord>;
  policies: Map<string, OrgPolicyRecord>;
  /** By target, then policy id. */
  attachments: PolicyAttachmentRecord[];
  delegates: OrgDelegateRecord[];
}

/**
 * The organization's partition, sorted out by kind; undefined when the organization is gone.
 * @example const snap = await readOrganization(deps, 'o-a1b2c3d4e5')
 */
export const readOrganization = async (deps: Deps, orgId: string): Promise<OrgSnapshot | undefined> => {
  const items = await listAll<AnyRecord>(deps.store, { kind: 'organization', whole: orgId });
  const snap: Omit<OrgSnapshot, 'org'> & { org?: OrganizationRecord } = {
    units: new Map(),
    policies: new Map(),
    attachments: [],
    delegates: [],
  };
  for (const r of items) {
    if (r.kind === 'organization') snap.org = r;
    else if (r.kind === 'org-unit') snap.units.set(r.OrganizationalUnitId, r);
    else if (r.kind === 'org-policy') snap.policies.set(r.PolicyId, r);
    else if (r.kind === 'policy-attachment') snap.attachments.push(r);
    else if (r.kind === 'org-delegate') snap.delegates.push(r);
  }
  return snap.org ? (snap as OrgSnapshot) : undefined;
};

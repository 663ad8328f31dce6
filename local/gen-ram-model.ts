/**
 * Writes handlers/api/model/ram.json: the AWS RAM operations Allot serves, from the reference model
 * (docs/reference/ram-2018-01-04.json, botocore's service-2 without its documentation), in the
 * model format of the front door. Shape names get a `Ram` prefix so they can join the EC2 shapes in
 * one request-shape check; each operation keeps its HTTP method and lower-case path, and each
 * member its querystring name where RAM reads it from the URL (DeleteResourceShare).
 * Run: npx tsx local/gen-ram-model.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Ec2Shape } from '../handlers/api/model/types';

interface RawShape {
  type: string;
  members?: Record<string, { shape: string; location?: string; locationName?: string }>;
  member?: { shape: string };
  required?: string[];
  enum?: string[];
}
interface RawModel {
  operations: Record<
    string,
    { http: { method: string; requestUri: string }; input?: { shape: string }; output?: { shape: string } }
  >;
  shapes: Record<string, RawShape>;
}

/** The operations served, in the order of issue 13's priorities. */
export const RAM_OPERATIONS = [
  'CreateResourceShare',
  'GetResourceShares',
  'AssociateResourceShare',
  'DisassociateResourceShare',
  'GetResourceShareAssociations',
  'DeleteResourceShare',
  'ListResources',
  'ListPrincipals',
  'ListPermissions',
  'EnableSharingWithAwsOrganization',
  'UpdateResourceShare',
  'GetResourceShareInvitations',
  'AcceptResourceShareInvitation',
  'RejectResourceShareInvitation',
  'ListPermissionVersions',
  'GetPermission',
  'ListResourceSharePermissions',
  'AssociateResourceSharePermission',
  'ReplacePermissionAssociations',
] as const;

const trim = (s: RawShape): Ec2Shape => {
  if (s.type === 'structure') {
    const members = Object.fromEntries(
      Object.entries(s.members ?? {}).map(([name, m]) => [
        name,
        {
          shape: `Ram${m.shape}`,
          ...(m.location === 'querystring' ? { queryName: m.locationName ?? name } : {}),
        },
      ]),
    );
    return { type: 'structure', members, ...(s.required?.length ? { required: s.required } : {}) };
  }
  if (s.type === 'list') return { type: 'list', member: { shape: `Ram${s.member!.shape}` } };
  if (s.type === 'map') return { type: 'document' };
  return { type: s.type, ...(s.enum ? { enum: s.enum } : {}) } as Ec2Shape;
};

export const ramModel = (raw: RawModel) => {
  const shapes: Record<string, Ec2Shape> = {};
  const visit = (name: string) => {
    if (shapes[`Ram${name}`]) return;
    const s = raw.shapes[name]!;
    shapes[`Ram${name}`] = trim(s);
    for (const m of Object.values(s.members ?? {})) visit(m.shape);
    if (s.member) visit(s.member.shape);
  };
  const operations: Record<string, object> = {};
  for (const name of RAM_OPERATIONS) {
    const op = raw.operations[name]!;
    // An operation without input (EnableSharingWithAwsOrganization) gets an empty request shape.
    const input = op.input?.shape ?? `${name}Request`;
    if (op.input) visit(input);
    else shapes[`Ram${input}`] = { type: 'structure', members: {} };
    operations[name] = { method: op.http.method, path: op.http.requestUri, input: { shape: `Ram${input}` } };
  }
  return {
    metadata: { apiVersion: '2018-01-04', xmlNamespace: '', protocol: 'rest-json' },
    operations,
    shapes,
  };
};

if (process.argv[1]?.endsWith('gen-ram-model.ts')) {
  const raw = JSON.parse(
    readFileSync(new URL('../docs/reference/ram-2018-01-04.json', import.meta.url), 'utf8'),
  );
  const out = new URL('../handlers/api/model/ram.json', import.meta.url);
  writeFileSync(out, `${JSON.stringify(ramModel(raw), null, 1)}\n`);
  console.log('wrote handlers/api/model/ram.json');
}

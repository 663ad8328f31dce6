/**
 * Writes handlers/api/model/orgs.json: the AWS Organizations operations Allot serves
 * (core/ops/registry.ts `orgsOperations`), from the reference model
 * (docs/reference/organizations-2016-11-28.json, botocore's service-2 without its documentation),
 * in the model format of the front door. Shape names get an `Orgs` prefix so they can join the
 * EC2 shapes in one request-shape check; an operation without input gets an empty request shape.
 * Run: npx tsx local/gen-orgs-model.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { orgsOperations } from '../core/ops/registry';
import type { Ec2Shape } from '../handlers/api/model/types';

interface RawShape {
  type: string;
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
  required?: string[];
  enum?: string[];
}
interface RawModel {
  metadata: { apiVersion: string; targetPrefix: string };
  operations: Record<string, { input?: { shape: string } }>;
  shapes: Record<string, RawShape>;
}

export const ORGS_OPERATIONS = Object.keys(orgsOperations);

const trim = (s: RawShape): Ec2Shape => {
  if (s.type === 'structure') {
    const members = Object.fromEntries(
      Object.entries(s.members ?? {}).map(([name, m]) => [name, { shape: `Orgs${m.shape}` }]),
    );
    return { type: 'structure', members, ...(s.required?.length ? { required: s.required } : {}) };
  }
  if (s.type === 'list') return { type: 'list', member: { shape: `Orgs${s.member!.shape}` } };
  if (s.type === 'map') return { type: 'document' };
  return { type: s.type, ...(s.enum ? { enum: s.enum } : {}) } as Ec2Shape;
};

export const orgsModel = (raw: RawModel) => {
  const shapes: Record<string, Ec2Shape> = {};
  const visit = (name: string) => {
    if (shapes[`Orgs${name}`]) return;
    const s = raw.shapes[name]!;
    shapes[`Orgs${name}`] = trim(s);
    for (const m of Object.values(s.members ?? {})) visit(m.shape);
    if (s.member) visit(s.member.shape);
  };
  const operations: Record<string, object> = {};
  for (const name of ORGS_OPERATIONS) {
    const op = raw.operations[name];
    if (!op) throw new Error(`Organizations has no operation ${name}`);
    const input = op.input?.shape ?? `${name}Request`;
    if (op.input) visit(input);
    else shapes[`Orgs${input}`] = { type: 'structure', members: {} };
    operations[name] = { input: { shape: `Orgs${input}` } };
  }
  return {
    metadata: {
      apiVersion: raw.metadata.apiVersion,
      xmlNamespace: '',
      protocol: 'json',
      targetPrefix: raw.metadata.targetPrefix,
    },
    operations,
    shapes,
  };
};

if (process.argv[1]?.endsWith('gen-orgs-model.ts')) {
  const raw = JSON.parse(
    readFileSync(new URL('../docs/reference/organizations-2016-11-28.json', import.meta.url), 'utf8'),
  );
  const out = new URL('../handlers/api/model/orgs.json', import.meta.url);
  writeFileSync(out, `${JSON.stringify(orgsModel(raw), null, 1)}\n`);
  console.log('wrote handlers/api/model/orgs.json');
}

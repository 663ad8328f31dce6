import { readFileSync, writeFileSync } from 'node:fs';
import type { Ec2Model, Ec2Shape } from '../handlers/api/model/types';

interface RawShape {
  type: string;
  members?: Record<string, { shape: string; locationName?: string; queryName?: string }>;
  member?: { shape: string; locationName?: string };
  required?: string[];
}

interface RawModel {
  metadata: { apiVersion: string; xmlNamespace: string; protocol: string };
  operations: Record<string, { input?: { shape: string }; output?: { shape: string } }>;
  shapes: Record<string, RawShape>;
}

const read = (file: string) =>
  JSON.parse(readFileSync(new URL(`../docs/reference/${file}`, import.meta.url), 'utf8')) as RawModel;
const target = new URL('../handlers/api/model/model.json', import.meta.url);
// The IPAM reference, plus the facade's operations from the full EC2 model (gen-ec2-facade-reference.ts).
const ipam = read('ec2-ipam-api.json');
const facade = read('ec2-facade-api.json');
const raw: RawModel = {
  metadata: ipam.metadata,
  operations: { ...ipam.operations, ...facade.operations },
  shapes: { ...facade.shapes, ...ipam.shapes },
};

// Only the keys the facade reads; enum/min/max/idempotencyToken stay in the reference (core validates).
const trim = (s: RawShape): Ec2Shape => {
  if (s.type === 'structure') {
    const members = Object.fromEntries(
      Object.entries(s.members ?? {}).map(([name, m]) => [
        name,
        {
          shape: m.shape,
          ...(m.locationName ? { locationName: m.locationName } : {}),
          ...(m.queryName ? { queryName: m.queryName } : {}),
        },
      ]),
    );
    return { type: 'structure', members, ...(s.required?.length ? { required: s.required } : {}) };
  }
  if (s.type === 'list') {
    const { shape, locationName } = s.member!;
    return { type: 'list', member: { shape, ...(locationName ? { locationName } : {}) } };
  }
  return { type: s.type } as Ec2Shape;
};

const shapes: Record<string, Ec2Shape> = {};
const visit = (name: string): void => {
  if (name in shapes) return;
  const s = raw.shapes[name];
  if (!s) throw new Error(`reference model has no shape '${name}'`);
  shapes[name] = trim(s);
  for (const m of Object.values(s.members ?? {})) visit(m.shape);
  if (s.member) visit(s.member.shape);
};

const operations: Ec2Model['operations'] = {};
for (const [name, op] of Object.entries(raw.operations).sort(([a], [b]) => a.localeCompare(b))) {
  if (op.input) visit(op.input.shape);
  if (op.output) visit(op.output.shape);
  operations[name] = {
    ...(op.input ? { input: { shape: op.input.shape } } : {}),
    ...(op.output ? { output: { shape: op.output.shape } } : {}),
  };
}

const { apiVersion, xmlNamespace, protocol } = raw.metadata;
const model: Ec2Model = {
  metadata: { apiVersion, xmlNamespace, protocol },
  operations,
  shapes: Object.fromEntries(Object.entries(shapes).sort(([a], [b]) => a.localeCompare(b))),
};
writeFileSync(target, `${JSON.stringify(model, null, 2)}\n`);
console.log(`wrote ${Object.keys(operations).length} operations, ${Object.keys(shapes).length} shapes`);

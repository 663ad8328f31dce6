/**
 * Extracts the EC2 operations Allot's facade serves beyond the IPAM reference (VPC and subnet
 * deletion, tags, BYOIP advertising, Elastic IPs and public IPv4 pools) from the EC2 service model that the AWS CLI ships (botocore's
 * `data/ec2/2016-11-15/service-2.json.gz`), with every shape they reach that the IPAM reference
 * lacks, into `docs/reference/ec2-facade-api.json`. Run once when the list changes:
 *
 * @example npx tsx local/gen-ec2-facade-reference.ts "$(python3 -c 'import botocore,os;print(os.path.dirname(botocore.__file__))')/data/ec2/2016-11-15/service-2.json.gz"
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const OPERATIONS = [
  'DeleteVpc',
  'DeleteSubnet',
  'CreateTags',
  'DeleteTags',
  'DescribeTags',
  'AdvertiseByoipCidr',
  'WithdrawByoipCidr',
  'DescribeByoipCidrs',
  'ReleaseAddress',
  'AssociateAddress',
  'DisassociateAddress',
  'DeprovisionPublicIpv4PoolCidr',
  'DeletePublicIpv4Pool',
];

interface RawShape {
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
}
interface RawModel {
  metadata: object;
  operations: Record<string, { input?: { shape: string }; output?: { shape: string } }>;
  shapes: Record<string, RawShape>;
}

const path = process.argv[2];
if (!path) throw new Error('usage: gen-ec2-facade-reference <botocore ec2 service-2.json[.gz]>');
const bytes = readFileSync(path);
const full = JSON.parse((path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')) as RawModel;
const reference = new URL('../docs/reference/ec2-ipam-api.json', import.meta.url);
const known = (JSON.parse(readFileSync(reference, 'utf8')) as RawModel).shapes;

const shapes: Record<string, RawShape> = {};
const visit = (name: string): void => {
  if (name in shapes || name in known) return;
  const s = full.shapes[name];
  if (!s) throw new Error(`the EC2 model has no shape '${name}'`);
  shapes[name] = s;
  for (const m of Object.values(s.members ?? {})) visit(m.shape);
  if (s.member) visit(s.member.shape);
};
const operations: RawModel['operations'] = {};
for (const name of OPERATIONS) {
  const op = full.operations[name];
  if (!op) throw new Error(`the EC2 model has no operation '${name}'`);
  operations[name] = op;
  if (op.input) visit(op.input.shape);
  if (op.output) visit(op.output.shape);
}
const target = new URL('../docs/reference/ec2-facade-api.json', import.meta.url);
writeFileSync(target, `${JSON.stringify({ metadata: full.metadata, operations, shapes }, null, 2)}\n`);
console.log(`wrote ${OPERATIONS.length} operations, ${Object.keys(shapes).length} shapes`);

/**
 * The Terraform AWS provider drives Allot unchanged, as the README shows: `endpoints { ec2 = … }`
 * and the skip settings, then an IPAM, a pool, its CIDR and an allocation, applied and destroyed
 * against the local stack. The provider comes from the machine's filesystem mirror (no network).
 * Skipped with a message where `terraform` or the mirror is missing (failed under CI=true).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envSigner, signedJson } from '../../local/signed';
import type { LocalStack } from '../../local/stack';
import { testStack } from '../helpers/stack';
import { requireTool } from '../helpers/tools';

const MIRROR = process.env.ALLOT_TF_MIRROR ?? '/opt/tf-plugins';
const TERRAFORM = requireTool('terraform', 'Terraform', 'terraform.e2e');
/** The machine's own CLI configuration, when it has one (it names the mirror); else ours. */
const MACHINE_RC = process.env.TF_CLI_CONFIG_FILE;
const HAS_MIRROR =
  (MACHINE_RC !== undefined && existsSync(MACHINE_RC)) ||
  existsSync(join(MIRROR, 'registry.terraform.io/hashicorp/aws'));
if (TERRAFORM && !HAS_MIRROR) {
  const missing = `terraform.e2e: no Terraform CLI configuration and no AWS provider in the mirror ${MIRROR} (ALLOT_TF_MIRROR)`;
  if (process.env.CI === 'true') throw new Error(missing);
  console.warn(`${missing}; skipping`);
}

/** The README's provider block, pointed at this stack. */
const providerBlock = (url: string) => `provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  endpoints {
    ec2 = "${url}"
  }
}
`;

const RESOURCES = `
resource "aws_vpc_ipam" "main" {
  operating_regions {
    region_name = "us-east-1"
  }
}

resource "aws_vpc_ipam_pool" "top" {
  address_family = "ipv4"
  ipam_scope_id  = aws_vpc_ipam.main.private_default_scope_id
}

resource "aws_vpc_ipam_pool_cidr" "top" {
  ipam_pool_id = aws_vpc_ipam_pool.top.id
  cidr         = "10.0.0.0/8"
}

resource "aws_vpc_ipam_pool_cidr_allocation" "app" {
  ipam_pool_id   = aws_vpc_ipam_pool.top.id
  netmask_length = 24
  depends_on     = [aws_vpc_ipam_pool_cidr.top]
}

output "app_cidr" {
  value = aws_vpc_ipam_pool_cidr_allocation.app.cidr
}
`;

let stack: LocalStack;
let dir: string;

const tf = (...args: string[]): Promise<string> =>
  new Promise((resolve, reject) =>
    execFile(
      TERRAFORM!,
      [...args, '-no-color'],
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: dir,
          TF_CLI_CONFIG_FILE: MACHINE_RC && existsSync(MACHINE_RC) ? MACHINE_RC : join(dir, 'tf.rc'),
          TF_IN_AUTOMATION: '1',
          CHECKPOINT_DISABLE: '1',
        },
      },
      (err, stdout, stderr) => (err ? reject(new Error(`${stderr}${stdout}`)) : resolve(stdout)),
    ),
  );

describe.skipIf(!TERRAFORM || !HAS_MIRROR)('Terraform AWS provider against the local stack', () => {
  beforeAll(async () => {
    stack = await testStack({ tableName: 'allot-tf' });
    dir = mkdtempSync(join(tmpdir(), 'allot-tf-'));
    writeFileSync(
      join(dir, 'tf.rc'),
      `provider_installation {\n  filesystem_mirror {\n    path = "${MIRROR}"\n  }\n}\n`,
    );
    writeFileSync(join(dir, 'main.tf'), `${providerBlock(stack.url)}${RESOURCES}`);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('applies an IPAM, a pool, its CIDR and an allocation, and destroys them', async () => {
    await tf('init', '-input=false');
    const applied = await tf('apply', '-auto-approve', '-input=false');
    expect(applied).toContain('Apply complete! Resources: 4 added, 0 changed, 0 destroyed.');
    expect((await tf('output', '-raw', 'app_cidr')).trim()).toBe('10.0.0.0/24');
    const destroyed = await tf('destroy', '-auto-approve', '-input=false');
    expect(destroyed).toContain('Destroy complete! Resources: 4 destroyed.');
    const left = await signedJson(stack.url, 'DescribeIpams', {}, envSigner({}));
    expect(((await left.json()) as { Ipams: unknown[] }).Ipams).toEqual([]);
  }, 300_000);
});

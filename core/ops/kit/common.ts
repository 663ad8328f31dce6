/**
 * Cross-cutting request handling shared by every operation: DryRun (F-GEN-02), tags on create
 * (F-GEN-05), ARNs (F-GEN-10), and small validators that raise EC2-style errors.
 */
import { AllotError, fail } from '../../errors';
import type { Config } from '../../ports';
import type { Tag } from '../../records';

export interface DryRunInput {
  DryRun?: boolean;
}

/**
 * DryRun: called once the request is known to be authorised and valid, before any write.
 * @example dryRun({ DryRun: true }) // throws DryRunOperation
 */
export const dryRun = (input: DryRunInput): void => {
  if (input.DryRun) fail('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
};

export interface TagSpecification {
  ResourceType?: string;
  Tags?: Tag[];
}

/** Tags for the created resource type; a specification for another type is rejected. */
export const tagsFor = (resourceType: string, specs: TagSpecification[] | undefined): Tag[] => {
  const tags: Tag[] = [];
  for (const spec of specs ?? []) {
    if (spec.ResourceType !== resourceType) {
      fail(
        'InvalidParameterValue',
        `TagSpecification resource type '${spec.ResourceType ?? ''}' is not valid here; expected '${resourceType}'.`,
      );
    }
    for (const t of spec.Tags ?? []) {
      if (!t.Key) fail('InvalidParameterValue', 'Tag keys must not be empty.');
      if (t.Key.startsWith('aws:'))
        fail('InvalidParameterValue', "Tag keys starting with 'aws:' are reserved.");
      tags.push(t.Value === undefined ? { Key: t.Key } : { Key: t.Key, Value: t.Value });
    }
  }
  if (new Set(tags.map((t) => t.Key)).size !== tags.length)
    fail('InvalidParameterValue', 'Duplicate tag keys.');
  return tags;
};

export const arn = (config: Config, account: string, type: string, id: string): string =>
  `arn:${config.partition}:ec2::${account}:${type}/${id}`;

export const required = <T>(value: T | undefined | null, name: string): T => {
  if (value === undefined || value === null || value === '')
    fail('MissingParameter', `The request must contain the parameter ${name}.`);
  return value as T;
};

/** A timestamp field (ISO 8601 text or a Date) as epoch ms. */
export const timeOf = (v: string | Date | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const t = v instanceof Date ? v.getTime() : Date.parse(v);
  return Number.isNaN(t) ? fail('InvalidParameterValue', `${name} '${String(v)}' is not a timestamp.`) : t;
};

export const intInRange = (
  value: number | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined => {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) {
    fail('InvalidParameterValue', `${name} must be an integer from ${min} to ${max}; got ${value}.`);
  }
  return value;
};

/** A region name that exists (`regions`: the configured list, core/ops/kit/regions.ts). */
export const regionName = (name: string | undefined, field: string, regions: readonly string[]): string => {
  const r = required(name, field);
  if (!regions.includes(r)) fail('InvalidParameterValue', `'${r}' is not a valid region name (${field}).`);
  return r;
};

/** Strip internal fields (`kind`, `_…`) from a record to produce the API shape. */
export const publicShape = <T extends object>(
  record: T,
  omit: readonly string[] = [],
): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (k !== 'kind' && !k.startsWith('_') && v !== undefined && !omit.includes(k)) out[k] = v;
  }
  return out;
};

export { AllotError };

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
    checkTagRules(spec.Tags ?? [], true);
    for (const t of spec.Tags ?? [])
      tags.push(t.Value === undefined ? { Key: t.Key } : { Key: t.Key, Value: t.Value });
  }
  if (new Set(tags.map((t) => t.Key)).size !== tags.length)
    fail('InvalidParameterValue', 'Duplicate tag keys.');
  if (tags.length > MAX_TAGS)
    fail(
      'TagLimitExceeded',
      `A resource may have at most ${MAX_TAGS} tags; the request gives ${tags.length}.`,
    );
  return tags;
};

/** EC2's limit of tags per resource. */
export const MAX_TAGS = 50;

/**
 * EC2's tag rules: keys of 1-128 characters, not `aws:`; values up to 256. `forDelete`: a missing
 * value stays missing (DeleteTags matches any value); otherwise it becomes ''.
 */
export const checkTagRules = (tags: Tag[], forDelete: boolean): void => {
  for (const t of tags) {
    if (typeof t.Key !== 'string' || t.Key.length < 1 || t.Key.length > 128)
      fail('InvalidParameterValue', 'Tag keys must be 1 to 128 characters long.');
    if (t.Key.toLowerCase().startsWith('aws:'))
      fail('InvalidParameterValue', "Tag keys starting with 'aws:' are reserved.");
    if (t.Value !== undefined && t.Value.length > 256)
      fail('InvalidParameterValue', 'Tag values must be at most 256 characters long.');
    if (!forDelete && t.Value === undefined) t.Value = '';
  }
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

/**
 * The regions of each ARN partition, so a region name is checked against the regions that exist
 * and not only their shape: a request signed for `zz-fake-9` must not create an IPAM there.
 * An operator adds regions AWS opens later through configuration (`ALLOT_REGIONS`).
 */
const AWS = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];

export const PARTITION_REGIONS: Readonly<Record<string, readonly string[]>> = {
  aws: AWS,
  'aws-cn': ['cn-north-1', 'cn-northwest-1'],
  'aws-us-gov': ['us-gov-east-1', 'us-gov-west-1'],
};

/**
 * The regions of a partition plus those the operator added.
 * @example regionsOf('aws-cn', ['cn-south-9']) // => ['cn-north-1', 'cn-northwest-1', 'cn-south-9']
 */
export const regionsOf = (partition: string, extra: readonly string[] = []): string[] => [
  ...(PARTITION_REGIONS[partition] ?? []),
  ...extra,
];

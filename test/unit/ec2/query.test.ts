import { readFileSync } from 'node:fs';
import {
  AllocateIpamPoolCidrCommand,
  CreateIpamCommand,
  CreateIpamPoolCommand,
  DescribeIpamPoolsCommand,
  GetIpamAddressHistoryCommand,
  ModifyIpamCommand,
  ModifyIpamPoolCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { AllotError } from '../../../core/errors';
import { ec2Model } from '../../../handlers/api/model/model';
import type { Ec2Model } from '../../../handlers/api/model/types';
import { parseQueryRequest } from '../../../handlers/api/query/parse';
import { bodyOf, makeHarness } from './sdk-harness';

// biome-ignore lint/suspicious/noExplicitAny: each command's own input type
const sentBy = async (command: any): Promise<string> => {
  const h = makeHarness();
  await h.client.send(command);
  return bodyOf(h.requests[0]!);
};

const parsed = (input: Record<string, unknown>, action: string) => ({ action, version: '2016-11-15', input });

describe('parseQueryRequest on what @aws-sdk/client-ec2 sends', () => {
  it('CreateIpam: operating regions, tag specifications, tier, client token, dry run', async () => {
    // Arrange
    const input = {
      DryRun: true,
      Description: 'main IPAM, a+b & c',
      OperatingRegions: [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }],
      TagSpecifications: [
        {
          ResourceType: 'ipam' as const,
          Tags: [
            { Key: 'Name', Value: 'main' },
            { Key: 'env', Value: 'prod' },
          ],
        },
      ],
      ClientToken: 'token-1',
      Tier: 'advanced' as const,
      EnablePrivateGua: false,
    };

    // Act
    const body = await sentBy(new CreateIpamCommand(input));

    // Assert
    expect(body).toContain(
      '&OperatingRegion.2.RegionName=eu-west-1&TagSpecification.1.ResourceType=ipam&TagSpecification.1.Tag.1.Key=Name&',
    );
    expect(parseQueryRequest(body, ec2Model)).toEqual(parsed(input, 'CreateIpam'));
  });

  it('fills in a ClientToken (uuid) when the caller leaves it out: the SDK, not the server, makes it', async () => {
    const body = await sentBy(new CreateIpamCommand({}));
    expect(parseQueryRequest(body, ec2Model).input).toEqual({
      ClientToken: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    });
  });

  it('CreateIpamPool: numbers, booleans, allocation resource tags, nested source resource', async () => {
    const input = {
      IpamScopeId: 'ipam-scope-0123456789abcdef0',
      Locale: 'us-east-1',
      SourceIpamPoolId: 'ipam-pool-0123456789abcdef0',
      Description: 'regional',
      AddressFamily: 'ipv4' as const,
      AutoImport: true,
      PubliclyAdvertisable: false,
      AllocationMinNetmaskLength: 16,
      AllocationMaxNetmaskLength: 28,
      AllocationDefaultNetmaskLength: 24,
      AllocationResourceTags: [{ Key: 'team', Value: 'net' }],
      TagSpecifications: [
        { ResourceType: 'ipam-pool' as const, Tags: [{ Key: 'Name', Value: 'us-east-1' }] },
      ],
      ClientToken: 'token-2',
      AwsService: 'ec2' as const,
      SourceResource: {
        ResourceId: 'vpc-1',
        ResourceType: 'vpc' as const,
        ResourceRegion: 'us-east-1',
        ResourceOwner: '111122223333',
      },
    };
    const body = await sentBy(new CreateIpamPoolCommand(input));
    expect(body).toContain('&AllocationResourceTag.1.Key=team&');
    expect(parseQueryRequest(body, ec2Model)).toEqual(parsed(input, 'CreateIpamPool'));
  });

  it('AllocateIpamPoolCidr: allowed and disallowed CIDR lists, preview', async () => {
    const input = {
      IpamPoolId: 'ipam-pool-0123456789abcdef0',
      NetmaskLength: 24,
      ClientToken: 'token-3',
      Description: 'app',
      PreviewNextCidr: true,
      AllowedCidrs: ['10.0.0.0/8', '172.16.0.0/12'],
      DisallowedCidrs: ['10.0.0.0/16'],
    };
    const body = await sentBy(new AllocateIpamPoolCidrCommand(input));
    expect(body).toContain(
      '&AllowedCidr.1=10.0.0.0%2F8&AllowedCidr.2=172.16.0.0%2F12&DisallowedCidr.1=10.0.0.0%2F16',
    );
    expect(parseQueryRequest(body, ec2Model)).toEqual(parsed(input, 'AllocateIpamPoolCidr'));
  });

  it('DescribeIpamPools: filters with several values, paging, ids', async () => {
    const input = {
      Filters: [
        { Name: 'ipam-scope-id', Values: ['ipam-scope-1', 'ipam-scope-2'] },
        { Name: 'tag:env', Values: ['prod'] },
      ],
      MaxResults: 10,
      NextToken: 'eyJrIjoiYSJ9+/=',
      IpamPoolIds: ['ipam-pool-1'],
    };
    const body = await sentBy(new DescribeIpamPoolsCommand(input));
    expect(body).toContain(
      '&Filter.1.Name=ipam-scope-id&Filter.1.Value.1=ipam-scope-1&Filter.1.Value.2=ipam-scope-2&',
    );
    expect(parseQueryRequest(body, ec2Model)).toEqual(parsed(input, 'DescribeIpamPools'));
  });

  it('ModifyIpam: operating regions to add and remove', async () => {
    const input = {
      IpamId: 'ipam-0123456789abcdef0',
      Description: 'grown',
      AddOperatingRegions: [{ RegionName: 'ap-south-1' }, { RegionName: 'sa-east-1' }],
      RemoveOperatingRegions: [{ RegionName: 'eu-west-1' }],
    };
    const body = await sentBy(new ModifyIpamCommand(input));
    expect(body).toContain(
      '&AddOperatingRegion.2.RegionName=sa-east-1&RemoveOperatingRegion.1.RegionName=eu-west-1',
    );
    expect(parseQueryRequest(body, ec2Model)).toEqual(parsed(input, 'ModifyIpam'));
  });

  it('ModifyIpamPool: allocation resource tags to add and remove, clear flag', async () => {
    const input = {
      IpamPoolId: 'ipam-pool-0123456789abcdef0',
      AllocationMaxNetmaskLength: 26,
      ClearAllocationDefaultNetmaskLength: true,
      AddAllocationResourceTags: [
        { Key: 'team', Value: 'net' },
        { Key: 'cost', Value: '' },
      ],
      RemoveAllocationResourceTags: [{ Key: 'old', Value: 'x' }],
    };
    const body = await sentBy(new ModifyIpamPoolCommand(input));
    expect(body).toContain('&AddAllocationResourceTag.2.Key=cost&AddAllocationResourceTag.2.Value=&');
    expect(parseQueryRequest(body, ec2Model)).toEqual(parsed(input, 'ModifyIpamPool'));
  });

  it('timestamps: the SDK drops zero milliseconds on the wire; both forms parse to the same Date', async () => {
    const input = {
      Cidr: '10.0.0.0/24',
      IpamScopeId: 'ipam-scope-1',
      StartTime: new Date('2024-05-01T12:00:00.000Z'),
      EndTime: new Date('2024-05-02T00:00:00.250Z'),
    };
    const body = await sentBy(new GetIpamAddressHistoryCommand(input));
    expect(body).toContain('&StartTime=2024-05-01T12%3A00%3A00Z&EndTime=2024-05-02T00%3A00%3A00.250Z');
    expect(parseQueryRequest(body, ec2Model)).toEqual(parsed(input, 'GetIpamAddressHistory'));
  });
});

describe('parseQueryRequest, protocol rules', () => {
  it('orders list members by number, not text, and allows gaps', () => {
    const cidrs = Array.from({ length: 12 }, (_, i) => `10.${i}.0.0/16`);
    const body = `Action=AllocateIpamPoolCidr&IpamPoolId=p&${cidrs
      .map((c, i) => `AllowedCidr.${i * 2 + 1}=${c}`)
      .reverse()
      .join('&')}`;
    expect(parseQueryRequest(body, ec2Model).input.AllowedCidrs).toEqual(cidrs);
  });

  it('reads botocore-style form encoding (+ for space) from a string or URLSearchParams, Version optional', () => {
    const body = 'Action=CreateIpam&Description=two+words%21';
    const expected = { action: 'CreateIpam', input: { Description: 'two words!' } };
    expect(parseQueryRequest(body, ec2Model)).toEqual(expected);
    expect(parseQueryRequest(new URLSearchParams(body), ec2Model)).toEqual(expected);
  });

  it('takes an empty awsQuery-style list (`Name=`) as an empty list', () => {
    expect(parseQueryRequest('Action=DescribeIpamPools&Filter=', ec2Model).input).toEqual({ Filters: [] });
  });

  it('ignores presigned-URL auth parameters', () => {
    const body = 'Action=DescribeIpams&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=ab';
    expect(parseQueryRequest(body, ec2Model).input).toEqual({});
  });

  it('gives the same result with the full reference model as with the trimmed one', () => {
    const reference = JSON.parse(
      readFileSync(new URL('../../../docs/reference/ec2-ipam-api.json', import.meta.url), 'utf8'),
    ) as Ec2Model;
    const body =
      'Action=CreateIpam&OperatingRegion.1.RegionName=us-east-1&TagSpecification.1.Tag.1.Key=k&DryRun=false';
    expect(parseQueryRequest(body, reference)).toEqual(parseQueryRequest(body, ec2Model));
  });

  it.each([
    [
      'an unknown action',
      'Action=DescribeInstancez',
      'InvalidAction',
      'The action DescribeInstancez is not valid for this web service.',
    ],
    [
      'an inherited property as action',
      'Action=constructor',
      'InvalidAction',
      'The action constructor is not valid for this web service.',
    ],
    ['no action', 'Version=2016-11-15', 'MissingParameter', 'The request must contain the parameter Action.'],
    [
      'another API version',
      'Action=DescribeIpams&Version=2015-10-01',
      'InvalidParameterValue',
      'The requested version (2015-10-01) of service AmazonEC2 does not exist.',
    ],
    [
      'a non-numeric integer',
      'Action=DescribeIpamPools&MaxResults=ten',
      'InvalidParameterValue',
      "Value (ten) for parameter MaxResults is invalid. Expected: 'Integer'.",
    ],
    [
      'a fractional integer',
      'Action=DescribeIpamPools&MaxResults=1.5',
      'InvalidParameterValue',
      "Value (1.5) for parameter MaxResults is invalid. Expected: 'Integer'.",
    ],
    [
      'an integer beyond 32 bits',
      'Action=AllocateIpamPoolCidr&IpamPoolId=p&NetmaskLength=4294967296',
      'InvalidParameterValue',
      "Value (4294967296) for parameter NetmaskLength is invalid. Expected: 'Integer'.",
    ],
    [
      'a non-boolean',
      'Action=DescribeIpams&DryRun=yes',
      'InvalidParameterValue',
      "Value (yes) for parameter DryRun is invalid. Expected: 'Boolean'.",
    ],
    [
      'a bad timestamp',
      'Action=GetIpamAddressHistory&Cidr=c&IpamScopeId=s&StartTime=May%201',
      'InvalidParameterValue',
      "Value (May 1) for parameter StartTime is invalid. Expected: 'Timestamp'.",
    ],
    [
      'a nested bad value',
      'Action=DescribeIpamPools&Filter.1.Name=a&Filter.1.Value.x=b',
      'InvalidParameter',
      'The parameter Filter.1.Value.x is not recognized.',
    ],
    [
      'a member-name typo',
      'Action=DescribeIpamPools&Filters.1.Name=a',
      'InvalidParameter',
      'The parameter Filters is not recognized.',
    ],
    [
      'a zero list index',
      'Action=DescribeIpamPools&Filter.0.Name=a',
      'InvalidParameter',
      'The parameter Filter.0 is not recognized.',
    ],
    [
      'members under a scalar',
      'Action=CreateIpam&Description.1=x',
      'InvalidParameter',
      'The parameter Description.1 is not recognized.',
    ],
    [
      'an empty name segment',
      'Action=CreateIpam&OperatingRegion..RegionName=x',
      'InvalidParameter',
      'The parameter OperatingRegion..RegionName is not recognized.',
    ],
    [
      'a value on a structure',
      'Action=CreateIpam&OperatingRegion.1=us-east-1',
      'InvalidParameterValue',
      'The parameter OperatingRegion.1 takes members, not a value.',
    ],
    [
      'a value on a list',
      'Action=AllocateIpamPoolCidr&IpamPoolId=p&AllowedCidr=10.0.0.0/8',
      'InvalidParameterValue',
      'The parameter AllowedCidr takes numbered members (AllowedCidr.1), not a value.',
    ],
    [
      'a repeated parameter',
      'Action=CreateIpam&Description=a&Description=b',
      'InvalidParameterValue',
      'The parameter Description is given more than once.',
    ],
    [
      'a missing required member',
      'Action=AllocateIpamPoolCidr&NetmaskLength=24',
      'MissingParameter',
      'The request must contain the parameter IpamPoolId.',
    ],
  ])('rejects %s', (_, body, code, message) => {
    // Act
    const act = () => parseQueryRequest(body, ec2Model);

    // Assert
    expect(act).toThrow(AllotError);
    expect(act).toThrow(expect.objectContaining({ code, message }));
  });
});

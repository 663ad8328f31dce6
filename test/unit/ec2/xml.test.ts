import {
  AllocateIpamPoolCidrCommand,
  CreateIpamCommand,
  DescribeIpamPoolsCommand,
  GetIpamAddressHistoryCommand,
  GetIpamDiscoveredPublicAddressesCommand,
  ReleaseIpamPoolAllocationCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { ec2Model } from '../../../handlers/api/model/model';
import { parseQueryRequest } from '../../../handlers/api/query/parse';
import {
  ec2ResponseHeaders,
  escapeXml,
  serializeError,
  serializeResult,
} from '../../../handlers/api/query/xml';
import { bodyOf, makeHarness } from './sdk-harness';

const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** A harness whose server parses each request and answers `output` for its action. */
const answering = (output: Record<string, unknown>) => {
  const h = makeHarness();
  h.reply((request) => {
    const { action } = parseQueryRequest(bodyOf(request), ec2Model);
    return {
      body: serializeResult(action, output, 'req-1', ec2Model),
      headers: ec2ResponseHeaders('req-1', new Date()),
    };
  });
  return h;
};

// biome-ignore lint/suspicious/noExplicitAny: each command's own output type
const withoutMetadata = ({ $metadata, ...rest }: any) => rest;

describe('serializeResult read back by @aws-sdk/client-ec2', () => {
  it('CreateIpam: nested operating regions, tags, numbers, booleans, escaped text', async () => {
    // Arrange
    const ipam = {
      OwnerId: '000000000000',
      IpamId: 'ipam-0123456789abcdef0',
      IpamArn: 'arn:aws:ec2::000000000000:ipam/ipam-0123456789abcdef0',
      IpamRegion: 'us-east-1',
      PublicDefaultScopeId: 'ipam-scope-0000000000000000a',
      PrivateDefaultScopeId: 'ipam-scope-0000000000000000b',
      ScopeCount: 2,
      Description: `<main> & "quoted" 'single' ünïcode 🌐`,
      OperatingRegions: [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }],
      State: 'create-complete',
      Tags: [
        { Key: 'Name', Value: 'main' },
        { Key: 'empty', Value: '' },
      ],
      ResourceDiscoveryAssociationCount: 1,
      Tier: 'advanced',
      EnablePrivateGua: false,
    };
    const h = answering({ Ipam: ipam });

    // Act
    const out = await h.client.send(new CreateIpamCommand({}));

    // Assert
    expect(withoutMetadata(out)).toEqual({ Ipam: ipam });
    expect(out.$metadata.requestId).toBe('req-1');
  });

  it('DescribeIpamPools: a list of pools with nested structures, and the next token', async () => {
    const pool = {
      OwnerId: '000000000000',
      IpamPoolId: 'ipam-pool-0123456789abcdef0',
      SourceIpamPoolId: 'ipam-pool-0000000000000000a',
      IpamScopeType: 'private',
      Locale: 'us-east-1',
      PoolDepth: 2,
      State: 'create-complete',
      AutoImport: true,
      PubliclyAdvertisable: false,
      AddressFamily: 'ipv4',
      AllocationMinNetmaskLength: 16,
      AllocationMaxNetmaskLength: 28,
      AllocationResourceTags: [{ Key: 'team', Value: 'net' }],
      Tags: [{ Key: 'Name', Value: 'regional' }],
      SourceResource: {
        ResourceId: 'vpc-1',
        ResourceType: 'vpc',
        ResourceRegion: 'us-east-1',
        ResourceOwner: '111122223333',
      },
    };
    const h = answering({ IpamPools: [pool, { IpamPoolId: 'ipam-pool-2', Tags: [] }], NextToken: 'next+/=' });

    const out = await h.client.send(new DescribeIpamPoolsCommand({}));

    expect(withoutMetadata(out)).toEqual({
      IpamPools: [pool, { IpamPoolId: 'ipam-pool-2', Tags: [] }],
      NextToken: 'next+/=',
    });
  });

  it('an empty list comes back as [], an absent one as undefined', async () => {
    const h = answering({ IpamPools: [] });
    const out = await h.client.send(new DescribeIpamPoolsCommand({}));
    expect(withoutMetadata(out)).toEqual({ IpamPools: [] });
    expect(out.NextToken).toBeUndefined();
  });

  it('AllocateIpamPoolCidr: the allocation', async () => {
    const allocation = {
      Cidr: '10.0.1.0/24',
      IpamPoolAllocationId: 'ipam-pool-alloc-0123456789abcdef0',
      Description: 'app',
      ResourceType: 'custom',
      ResourceOwner: '000000000000',
    };
    const h = answering({ IpamPoolAllocation: allocation });
    const out = await h.client.send(
      new AllocateIpamPoolCidrCommand({ IpamPoolId: 'ipam-pool-1', NetmaskLength: 24 }),
    );
    expect(withoutMetadata(out)).toEqual({ IpamPoolAllocation: allocation });
  });

  it("GetIpamDiscoveredPublicAddresses: Allot's SecurityGroupRules extension is left out of the EC2 answer", async () => {
    // Arrange: the JSON answer, extension included (F-PIP-08).
    const address = {
      AddressRegion: 'us-east-1',
      Address: '54.0.0.1',
      AddressOwnerId: '111122223333',
      AssociationStatus: 'associated',
      AddressType: 'ec2-public-ip',
      Service: 'other',
      InstanceId: 'i-1',
      SecurityGroups: [{ GroupName: 'web', GroupId: 'sg-web' }],
      SampleTime: '2026-01-01T00:05:00.000Z',
    };
    const rules = [{ GroupId: 'sg-web', IsEgress: false, IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }];
    const output = { IpamDiscoveredPublicAddresses: [{ ...address, SecurityGroupRules: rules }] };

    // Act
    const xml = serializeResult('GetIpamDiscoveredPublicAddresses', output, 'r-1', ec2Model);
    const out = await answering(output).client.send(
      new GetIpamDiscoveredPublicAddressesCommand({
        IpamResourceDiscoveryId: 'rd-1',
        AddressRegion: 'us-east-1',
      }),
    );

    // Assert
    expect(xml).not.toMatch(/ecurityGroupRule|isEgress|ipProtocol/);
    expect(withoutMetadata(out)).toEqual({
      IpamDiscoveredPublicAddresses: [{ ...address, SampleTime: new Date('2026-01-01T00:05:00.000Z') }],
    });
  });

  it('ReleaseIpamPoolAllocation: { Success: true }', async () => {
    const h = answering({ Success: true });
    const out = await h.client.send(
      new ReleaseIpamPoolAllocationCommand({
        IpamPoolId: 'p',
        Cidr: '10.0.0.0/24',
        IpamPoolAllocationId: 'a',
      }),
    );
    expect(withoutMetadata(out)).toEqual({ Success: true });
  });

  it('timestamps given as Date, ISO string or epoch ms all read back as the same Date', async () => {
    const h = answering({
      HistoryRecords: [
        {
          ResourceId: 'vpc-1',
          SampledStartTime: new Date('2024-05-01T12:00:00.000Z'),
          SampledEndTime: '2024-05-01T13:00:00.123Z',
        },
        { ResourceId: 'vpc-2', SampledStartTime: Date.UTC(2024, 4, 2) },
      ],
    });
    const out = await h.client.send(
      new GetIpamAddressHistoryCommand({ Cidr: '10.0.0.0/24', IpamScopeId: 's' }),
    );
    expect(out.HistoryRecords).toEqual([
      {
        ResourceId: 'vpc-1',
        SampledStartTime: new Date('2024-05-01T12:00:00.000Z'),
        SampledEndTime: new Date('2024-05-01T13:00:00.123Z'),
      },
      { ResourceId: 'vpc-2', SampledStartTime: new Date('2024-05-02T00:00:00.000Z') },
    ]);
  });

  it('keeps line breaks, tabs and carriage returns; replaces characters XML cannot carry', async () => {
    const h = answering({ IpamPoolAllocation: { Description: 'a\r\nb\tc\u0001d' } });
    const out = await h.client.send(new AllocateIpamPoolCidrCommand({ IpamPoolId: 'p' }));
    expect(out.IpamPoolAllocation).toEqual({ Description: 'a\r\nb\tc\uFFFDd' });
  });
});

describe('serializeResult, exact XML', () => {
  it('writes the envelope, members by locationName, lists as item, omits undefined and unknown members', () => {
    const xml = serializeResult(
      'ModifyIpam',
      {
        Ipam: {
          IpamId: 'ipam-1',
          Description: undefined,
          OperatingRegions: [{ RegionName: 'us-east-1' }],
          Internal: 'x',
        },
      },
      'r-1',
      ec2Model,
    );
    expect(xml).toBe(
      `<?xml version="1.0" encoding="UTF-8"?><ModifyIpamResponse xmlns="${NS}"><requestId>r-1</requestId>` +
        '<ipam><ipamId>ipam-1</ipamId><operatingRegionSet><item><regionName>us-east-1</regionName></item></operatingRegionSet></ipam>' +
        '</ModifyIpamResponse>',
    );
  });

  it.each([
    [
      'a string where a number belongs',
      { Ipam: { ScopeCount: 'two' } },
      'EC2 output Ipam.ScopeCount: expected a number',
    ],
    [
      'a number where a boolean belongs',
      { Ipam: { EnablePrivateGua: 1 } },
      'EC2 output Ipam.EnablePrivateGua: expected a boolean',
    ],
    [
      'an object where a list belongs',
      { Ipam: { Tags: { Key: 'k' } } },
      'EC2 output Ipam.Tags: expected an array',
    ],
    [
      'an object where a string belongs',
      { Ipam: { Tags: [{ Key: { a: 1 } }] } },
      'EC2 output Ipam.Tags[0].Key: expected a string',
    ],
  ])('throws a plain Error (a bug, so a 500) for %s', (_, output, message) => {
    expect(() => serializeResult('CreateIpam', output, 'r', ec2Model)).toThrow(message);
  });

  it('throws for an action the model does not know', () => {
    expect(() => serializeResult('Nope', {}, 'r', ec2Model)).toThrow("EC2 model has no operation 'Nope'");
  });

  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;',
    );
  });
});

describe('serializeError', () => {
  it('writes the EC2 error envelope', () => {
    expect(serializeError('InvalidParameterValue', 'bad <value> & more', 'r-2')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>InvalidParameterValue</Code>' +
        '<Message>bad &lt;value&gt; &amp; more</Message></Error></Errors><RequestID>r-2</RequestID></Response>',
    );
  });

  it('makes the SDK throw an error named by the code, with the message', async () => {
    // Arrange
    const h = makeHarness();
    const message = "The pool ID 'ipam-pool-0123456789abcdef0' does not exist";
    h.reply(() => ({ status: 400, body: serializeError('InvalidIpamPoolId.NotFound', message, 'r-3') }));

    // Act
    const result = h.client.send(
      new DescribeIpamPoolsCommand({ IpamPoolIds: ['ipam-pool-0123456789abcdef0'] }),
    );

    // Assert
    await expect(result).rejects.toMatchObject({
      name: 'InvalidIpamPoolId.NotFound',
      message,
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
  });
});

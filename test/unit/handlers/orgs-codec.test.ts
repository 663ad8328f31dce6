/**
 * The AWS Organizations JSON 1.1 codec through the one door, with fake actions: the operation
 * from X-Amz-Target, JSON bodies checked against the Organizations model, answers in
 * application/x-amz-json-1.1, and errors as Organizations answers them ({"__type", "Message",
 * "Reason"}, HTTP 400), EC2-worded codes of the door translated.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

// No store behind these doors: no account is in an organization, so no SCP applies.
vi.mock('../../../core/ops/organization/scp', () => ({ scpLevelsFor: async () => undefined }));

import { AllotError } from '../../../core/errors';
import { orgsOperations } from '../../../core/ops/registry';
import { type Action, orgsActions } from '../../../handlers/api/actions';
import { orgsCodec, speaksOrganizations } from '../../../handlers/api/codecs/orgs';
import type { Event, Identity } from '../../../handlers/api/codecs/types';
import { door } from '../../../handlers/api/door';
import { apiModel } from '../../../handlers/api/model/model';
import { orgsModel } from '../../../local/gen-orgs-model';

const caller = { accountId: '999988887777', region: 'us-east-1' };
const identify: Identity = async () => caller;
const seen: unknown[] = [];
const fake = (shape: string, answer: (input: Record<string, unknown>) => object): Action => ({
  shape,
  doors: ['orgs'],
  run: async ({ input }) => {
    seen.push(input);
    return answer(input);
  },
});
const fakes: Record<string, Action> = {
  CreateOrganizationalUnit: fake('OrgsCreateOrganizationalUnitRequest', (i) => ({
    OrganizationalUnit: { Id: 'ou-ab12-11111111', Name: i.Name },
  })),
  DescribeOrganization: fake('OrgsDescribeOrganizationRequest', () => ({
    Organization: { Id: 'o-a1b2c3d4e5' },
  })),
  CreatePolicy: fake('OrgsCreatePolicyRequest', () => {
    throw new AllotError('ConstraintViolationException', 'Too long.', 'POLICY_CONTENT_LIMIT_EXCEEDED');
  }),
  ListAccounts: fake('OrgsListAccountsRequest', () => {
    throw new AllotError('InvalidNextToken', 'The NextToken is not valid for this request.');
  }),
};
const handler = door(orgsCodec, identify, fakes);

const event = (target: string | undefined, body = '', header = 'x-amz-target'): Event =>
  ({
    rawPath: '/',
    rawQueryString: '',
    body,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      ...(target ? { [header]: `AWSOrganizationsV20161128.${target}` } : {}),
    },
    requestContext: { http: { method: 'POST' } },
  }) as unknown as Event;

const call = async (e: Event) =>
  (await handler(e, {} as never)) as { statusCode: number; headers: Record<string, string>; body: string };

describe('the Organizations codec', () => {
  it('recognises its requests on POST / by the target header, whatever its case', () => {
    expect(speaksOrganizations(event('ListRoots'))).toBe(true);
    expect(speaksOrganizations(event('ListRoots', '', 'X-Amz-Target'))).toBe(true);
    expect(speaksOrganizations(event(undefined, 'Action=DescribeIpams&Version=2016-11-15'))).toBe(false);
    const otherService = { headers: { 'x-amz-target': 'AmazonSSM.GetParameter' } } as unknown as Event;
    expect(speaksOrganizations(otherService)).toBe(false);
  });

  it('decodes the operation and JSON body, and answers JSON 1.1 without a RequestId member', async () => {
    const res = await call(event('CreateOrganizationalUnit', '{"ParentId":"r-ab12","Name":"prod"}'));
    expect([res.statusCode, JSON.parse(res.body)]).toEqual([
      200,
      { OrganizationalUnit: { Id: 'ou-ab12-11111111', Name: 'prod' } },
    ]);
    expect(res.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(res.headers['x-amzn-requestid']).toBeTruthy();
    expect(seen.at(-1)).toEqual({ ParentId: 'r-ab12', Name: 'prod' });
    // An operation without input takes an empty body.
    expect(JSON.parse((await call(event('DescribeOrganization'))).body)).toEqual({
      Organization: { Id: 'o-a1b2c3d4e5' },
    });
  });

  it('answers domain errors with __type, Message and Reason, HTTP 400', async () => {
    const content = JSON.stringify({
      Name: 'n',
      Description: '',
      Type: 'SERVICE_CONTROL_POLICY',
      Content: '{}',
    });
    const res = await call(event('CreatePolicy', content));
    expect([res.statusCode, JSON.parse(res.body)]).toEqual([
      400,
      {
        __type: 'ConstraintViolationException',
        Message: 'Too long.',
        Reason: 'POLICY_CONTENT_LIMIT_EXCEEDED',
      },
    ]);
    const token = await call(event('ListAccounts', '{"NextToken":"x"}'));
    expect(JSON.parse(token.body).__type).toBe('InvalidInputException');
  });

  it.each([
    ['a wrong type', 'CreateOrganizationalUnit', '{"ParentId":5,"Name":"x"}', 'InvalidInputException'],
    [
      'an unknown member',
      'CreateOrganizationalUnit',
      '{"ParentId":"r-ab12","Name":"x","Bogus":1}',
      'InvalidInputException',
    ],
    ['a body that is not JSON', 'CreateOrganizationalUnit', '{', 'InvalidInputException'],
    ['an operation not served', 'CreateAccount', '{}', 'UnknownOperationException'],
  ])('turns %s into %s', async (_what, target, body, code) => {
    const res = await call(event(target, body));
    expect([res.statusCode, JSON.parse(res.body).__type]).toEqual([400, code]);
  });
});

describe('the Organizations registry', () => {
  it('serves every Organizations operation at the Organizations door only, with a model shape', () => {
    expect(Object.keys(orgsActions).sort()).toEqual(Object.keys(orgsOperations).sort());
    expect(Object.values(orgsActions).every((a) => a.doors.join() === 'orgs')).toBe(true);
    expect(Object.values(orgsActions).filter((a) => !apiModel.shapes[a.shape])).toEqual([]);
    expect(orgsActions.CreateOrganization!.shape).toBe('OrgsCreateOrganizationRequest');
  });
});

describe('handlers/api/model/orgs.json', () => {
  it('is what local/gen-orgs-model.ts writes from the reference model (run it after adding an operation)', () => {
    const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
    expect(read('handlers/api/model/orgs.json')).toEqual(
      orgsModel(read('docs/reference/organizations-2016-11-28.json')),
    );
  });
});

/**
 * `POST /`: the EC2 Query protocol in front of the same core operations as the JSON API. The
 * facade only translates: verify the SigV4 signature (the caller's account and region come from the
 * credential), parse the form body by the EC2 model, run the operation, and answer EC2 XML.
 */
import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { AllotError } from '../../../core/errors';
import { isAction, operations } from '../../../core/ops/registry';
import type { CredentialRecord } from '../../../core/records';
import { runtime } from '../../runtime/deps';
import { audited } from '../audit';
import { type CredentialLookup, firstOf, issuedCredentials, localCredentials } from '../auth/credentials';
import { verifySigV4 } from '../auth/sigv4';
import { toWireError } from '../errors';
import { ec2Model } from '../model/model';
import { parseQueryRequest } from './parse';
import { ec2ResponseHeaders, serializeError, serializeResult } from './xml';

let lookup: CredentialLookup | undefined;
const credentials = (): CredentialLookup => {
  if (lookup) return lookup;
  const { deps, settings } = runtime();
  const sources: CredentialLookup[] = [];
  if (settings.ec2.localCredentials || settings.ec2.accountIdAsAccessKey) {
    sources.push(
      localCredentials({
        accountId: settings.ec2.localAccountId,
        accountIdAsAccessKey: settings.ec2.accountIdAsAccessKey,
      }),
    );
  }
  if (settings.ec2.credentialKey) {
    const source = {
      getCredential: async (id: string) => {
        const r = await deps.store.get<CredentialRecord>({ kind: 'credential', id });
        return (
          r && {
            accessKeyId: r.AccessKeyId,
            accountId: r.AccountId,
            encryptedSecret: r.EncryptedSecret,
            createdAt: r.CreatedAt,
          }
        );
      },
    };
    sources.push(issuedCredentials(source, settings.ec2.credentialKey));
  }
  lookup = firstOf(...sources);
  return lookup;
};

const bodyOf = (event: APIGatewayProxyEventV2): string =>
  event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';

export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>().handler(async (event) => {
  const requestId = randomUUID();
  const headers = ec2ResponseHeaders(requestId, new Date());
  try {
    const body = bodyOf(event);
    const who = await verifySigV4(
      {
        method: event.requestContext.http.method,
        path: event.rawPath,
        query: event.rawQueryString,
        headers: event.headers,
        body,
      },
      credentials(),
      new Date(),
    );
    const { action, input } = parseQueryRequest(body, ec2Model);
    if (!isAction(action))
      throw new AllotError('InvalidAction', `The action ${action} is not implemented by Allot yet.`);
    const { deps } = runtime();
    const run = operations[action] as (
      d: typeof deps,
      c: object,
      i: unknown,
    ) => Promise<Record<string, unknown>>;
    const caller = { accountId: who.accountId, region: who.region };
    const output = await audited({ action, caller, input, requestId }, () => run(deps, caller, input));
    return { statusCode: 200, headers, body: serializeResult(action, output, requestId, ec2Model) };
  } catch (err) {
    const wire = toWireError(err);
    if (wire.status >= 500)
      console.error(JSON.stringify({ requestId, error: String((err as Error)?.stack ?? err) }));
    return { statusCode: wire.status, headers, body: serializeError(wire.code, wire.message, requestId) };
  }
});

/**
 * The EC2 Query codec: `POST /` with a SigV4-signed form body (`Action=…&Version=2016-11-15`),
 * answered in EC2 XML, so the AWS CLI and SDKs work unchanged. The caller's account and region
 * come from the verified signature's credential.
 */

import { credentialLookup } from '../auth/lookup';
import { verifySigV4 } from '../auth/sigv4';
import { ec2Model } from '../model/model';
import { parseQueryRequest } from '../query/parse';
import { ec2ResponseHeaders, serializeError, serializeResult } from '../query/xml';
import type { Codec } from './types';

export const queryCodec: Codec = {
  door: 'query',
  identify: async (event, body, runtime) => {
    const request = {
      method: event.requestContext.http.method,
      path: event.rawPath,
      query: event.rawQueryString,
      headers: event.headers,
      body,
    };
    const who = await verifySigV4(request, credentialLookup(runtime), new Date());
    return { accountId: who.accountId, region: who.region };
  },
  decode: (_event, body) => parseQueryRequest(body, ec2Model),
  encode: (action, output, requestId) => ({
    statusCode: 200,
    headers: ec2ResponseHeaders(requestId, new Date()),
    body: serializeResult(action, output as Record<string, unknown>, requestId, ec2Model),
  }),
  encodeError: (e, requestId) => ({
    statusCode: e.status,
    headers: ec2ResponseHeaders(requestId, new Date()),
    body: serializeError(e.code, e.message, requestId),
  }),
};

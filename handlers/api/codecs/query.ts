/**
 * The EC2 Query codec: `POST /` with a SigV4-signed form body (`Action=…&Version=2016-11-15`),
 * answered in EC2 XML, so the AWS CLI and SDKs work unchanged.
 */

import { ec2Model } from '../model/model';
import { parseQueryRequest } from '../query/parse';
import { ec2ResponseHeaders, serializeError, serializeResult } from '../query/xml';
import type { Codec } from './types';

export const queryCodec: Codec = {
  door: 'query',
  decode: (_event, body, served) => parseQueryRequest(body, ec2Model, served),
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

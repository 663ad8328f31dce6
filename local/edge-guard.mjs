/**
 * Loaded into the serverless-offline process (`node --import`): the local edge's one check that
 * must see the request's raw headers. serverless-offline builds the Lambda event's headers with
 * the last of two same-named headers winning, so a request with two `Authorization` headers would
 * reach Allot as if it had only the last one, while a proxy in front that checked the first would
 * have approved another. Deployed, API Gateway joins them with a comma and the signature parser
 * refuses them (handlers/api/auth/sigv4-parse.ts); locally this refuses them before the event is
 * built, with the same EC2 error.
 */
import { Server } from 'node:http';

const MESSAGE = 'The request has more than one Authorization header; send exactly one.';

/** How many times a header occurs in a raw header list ([name, value, name, value, ...]). */
const count = (raw, name) => raw.filter((h, i) => i % 2 === 0 && h.toLowerCase() === name).length;

const refuse = (req, res) => {
  const json = req.url?.startsWith('/v1/');
  const body = json
    ? JSON.stringify({ Error: { Code: 'AuthFailure', Message: MESSAGE } })
    : `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>AuthFailure</Code><Message>${MESSAGE}</Message></Error></Errors><RequestID>local-edge</RequestID></Response>`;
  res.writeHead(401, { 'content-type': json ? 'application/json' : 'text/xml', connection: 'close' });
  res.end(body);
  req.resume();
};

const emit = Server.prototype.emit;
Server.prototype.emit = function guarded(event, req, res, ...rest) {
  if (event === 'request' && count(req.rawHeaders, 'authorization') > 1) {
    refuse(req, res);
    return true;
  }
  return emit.call(this, event, req, res, ...rest);
};

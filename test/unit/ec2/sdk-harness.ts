/**
 * The real `@aws-sdk/client-ec2` wired to an in-process request handler: the SDK serialises and
 * signs requests exactly as it would for AWS, the harness captures them and answers with whatever
 * the test serialises. No network.
 */

import { Readable } from 'node:stream';
import { EC2Client, type EC2ClientConfig } from '@aws-sdk/client-ec2';
import { HttpResponse } from '@smithy/core/transport';
import type { HttpRequest } from '@smithy/types';

export interface Reply {
  status?: number;
  body: string;
  headers?: Record<string, string>;
}

export interface Harness {
  client: EC2Client;
  /** Every request the SDK sent, signed, in order. */
  requests: HttpRequest[];
  /** Sets the answer to the next requests; by default an empty 200. */
  reply(make: (request: HttpRequest) => Reply): void;
}

/** The request body as text (the EC2 protocol always sends a string). */
export const bodyOf = (request: HttpRequest): string => {
  if (typeof request.body !== 'string') throw new Error(`expected a string body, got ${typeof request.body}`);
  return request.body;
};

export const makeHarness = (config: Partial<EC2ClientConfig> = {}): Harness => {
  const requests: HttpRequest[] = [];
  let make: (request: HttpRequest) => Reply = () => ({ body: '' });
  const client = new EC2Client({
    region: 'us-east-1',
    endpoint: 'http://localhost:4566',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: HttpRequest) => {
        requests.push(request);
        const { status = 200, body, headers = {} } = make(request);
        return {
          response: new HttpResponse({
            statusCode: status,
            headers: { 'content-type': 'text/xml;charset=UTF-8', ...headers },
            body: Readable.from([Buffer.from(body, 'utf8')]),
          }),
        };
      },
    },
    ...config,
  });
  return {
    client,
    requests,
    reply: (next) => {
      make = next;
    },
  };
};

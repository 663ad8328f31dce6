/**
 * Writes handlers/http/openapi.json: the JSON API (POST /v1/<Action>) described from the EC2 API
 * model, so request and response bodies use exactly the EC2 member names.
 * Run: npx tsx local/gen-openapi.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { operations } from '../core/ops';

interface Shape {
  type: string;
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
  enum?: string[];
  required?: string[];
}

const model = JSON.parse(
  readFileSync(new URL('../../shared/reference/ec2-ipam-api.json', import.meta.url), 'utf8'),
) as {
  operations: Record<string, { input?: { shape: string }; output?: { shape: string } }>;
  shapes: Record<string, Shape>;
};

const schemas: Record<string, unknown> = {};
const schemaOf = (name: string): unknown => {
  const s = model.shapes[name];
  if (!s) return {};
  switch (s.type) {
    case 'structure': {
      if (!(name in schemas)) {
        schemas[name] = {};
        schemas[name] = {
          type: 'object',
          ...(s.required ? { required: s.required } : {}),
          properties: Object.fromEntries(
            Object.entries(s.members ?? {}).map(([k, m]) => [k, schemaOf(m.shape)]),
          ),
        };
      }
      return { $ref: `#/components/schemas/${name}` };
    }
    case 'list':
      return { type: 'array', items: schemaOf(s.member!.shape) };
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
    case 'long':
      return { type: 'integer' };
    case 'double':
    case 'float':
      return { type: 'number' };
    case 'timestamp':
      return { type: 'string', format: 'date-time' };
    default:
      return s.enum ? { type: 'string', enum: s.enum } : { type: 'string' };
  }
};

const error = {
  description: 'EC2-style error',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          Error: { type: 'object', properties: { Code: { type: 'string' }, Message: { type: 'string' } } },
          RequestId: { type: 'string' },
        },
      },
    },
  },
};

const paths = Object.fromEntries(
  Object.keys(operations).map((action) => {
    const op = model.operations[action]!;
    return [
      `/v1/${action}`,
      {
        post: {
          operationId: action,
          security: [{ account: [] }],
          requestBody: {
            content: { 'application/json': { schema: op.input ? schemaOf(op.input.shape) : {} } },
          },
          responses: {
            200: {
              description: 'Result',
              content: { 'application/json': { schema: op.output ? schemaOf(op.output.shape) : {} } },
            },
            400: error,
            401: error,
            403: error,
            412: { ...error, description: 'DryRunOperation: the request would have succeeded' },
          },
        },
      },
    ];
  }),
);

const doc = {
  openapi: '3.0.3',
  info: {
    title: 'Allot JSON API',
    version: '2016-11-15',
    description:
      'EC2 IPAM actions as JSON: POST /v1/<Action> with the request shape, answering the result shape.',
  },
  servers: [{ url: 'http://127.0.0.1:3000' }],
  paths,
  components: {
    securitySchemes: {
      account: {
        type: 'apiKey',
        in: 'header',
        name: 'x-allot-account-id',
        description: '12-digit caller account id; x-allot-region sets the region context.',
      },
    },
    schemas,
  },
};
writeFileSync(new URL('../handlers/http/openapi.json', import.meta.url), `${JSON.stringify(doc, null, 2)}\n`);
console.log(`wrote ${Object.keys(paths).length} operations, ${Object.keys(schemas).length} schemas`);

/**
 * Writes handlers/api/openapi.json: the JSON API (POST /v1/<Action>) described from the EC2 API
 * model, so request and response bodies use exactly the EC2 member names.
 * Run: npx tsx local/gen-openapi.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { actions } from '../handlers/api/actions';
import { allotModel } from '../handlers/api/model/allot';

interface Shape {
  type: string;
  members?: Record<string, { shape: string }>;
  member?: { shape: string };
  enum?: string[];
  required?: string[];
}

type Reference = {
  operations: Record<
    string,
    { input?: { shape: string }; output?: { shape: string }; documentation?: string }
  >;
  shapes: Record<string, Shape>;
};
const read = (file: string) =>
  JSON.parse(readFileSync(new URL(`../docs/reference/${file}`, import.meta.url), 'utf8')) as Reference;
// The IPAM reference and the facade's operations from the full EC2 model.
const ipam = read('ec2-ipam-api.json');
const facade = read('ec2-facade-api.json');
const model = {
  operations: { ...ipam.operations, ...facade.operations, ...allotModel.operations },
  shapes: { ...facade.shapes, ...ipam.shapes, ...(allotModel.shapes as Record<string, Shape>) },
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
    case 'document':
      return {};
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

const path = (action: string, input: unknown, output: unknown, summary?: string) => [
  `/v1/${action}`,
  {
    post: {
      operationId: action,
      ...(summary ? { summary } : {}),
      security: [{ sigv4: [] }],
      requestBody: { content: { 'application/json': { schema: input } } },
      responses: {
        200: { description: 'Result', content: { 'application/json': { schema: output } } },
        400: error,
        401: error,
        403: error,
        412: { ...error, description: 'DryRunOperation: the request would have succeeded' },
      },
    },
  },
];

// Every action the JSON door serves: EC2 shapes from the reference model, Allot's own from its model.
const paths = Object.fromEntries(
  Object.entries(actions)
    .filter(([, a]) => a.doors.includes('json'))
    .map(([action]) => {
      const op = model.operations[action]!;
      const schema = (io?: { shape: string }) => (io ? schemaOf(io.shape) : {});
      return path(action, schema(op.input), schema(op.output), allotModel.operations[action]?.documentation);
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
      sigv4: {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description:
          'AWS Signature Version 4 for service ec2 (as the EC2 endpoint): the key names the account, the credential scope the region.',
      },
    },
    schemas,
  },
};
writeFileSync(new URL('../handlers/api/openapi.json', import.meta.url), `${JSON.stringify(doc, null, 2)}\n`);
console.log(`wrote ${Object.keys(paths).length} operations, ${Object.keys(schemas).length} schemas`);

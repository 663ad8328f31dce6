/**
 * EC2 Query protocol request -> Allot's JSON input (the EC2 request shape, PascalCase member names).
 *
 * Wire rules of the `ec2` protocol (botocore `EC2Serializer`, JS SDK `AwsEc2QueryProtocol`):
 * - a member's wire name is its `queryName`, else its `locationName` with the first letter upper-cased,
 *   else the member name (`TagSpecifications` -> `TagSpecification`, Tag `Key` (locationName `key`) -> `Key`);
 * - lists are always flattened, 1-based: `Filter.1.Value.2`, `AllowedCidr.1`; the list member's own
 *   locationName (`item`) never appears on the wire; empty lists are not sent at all;
 * - scalars are text (see query-values.ts).
 * Parameters the model does not know are rejected, as EC2 does, rather than silently dropped:
 * a typo'd `Filter.1.Values.1` must not turn into "no filter".
 */
import { AllotError } from '../../../core/errors';
import { type Ec2Model, type Ec2Shape, shapeOf } from '../model/types';
import { parseScalar } from './values';

export interface QueryRequest {
  action: string;
  version?: string;
  input: Record<string, unknown>;
}

/** One segment of a dotted parameter name; `value` is set when the full name was sent. */
interface Node {
  value?: string;
  children: Map<string, Node>;
}

// Protocol and presigned-URL auth parameters: they travel with the input but are not part of it.
const isReserved = (key: string): boolean =>
  key === 'Action' || key === 'Version' || key.startsWith('X-Amz-');
const INDEX = /^[1-9]\d*$/;

const unknownParameter = (path: string): AllotError =>
  new AllotError('InvalidParameter', `The parameter ${path} is not recognized.`);

const treeOf = (params: URLSearchParams): Node => {
  const root: Node = { children: new Map() };
  for (const [key, value] of params) {
    if (isReserved(key)) continue;
    let node = root;
    for (const segment of key.split('.')) {
      if (segment === '') throw unknownParameter(key);
      let next = node.children.get(segment);
      if (!next) {
        next = { children: new Map() };
        node.children.set(segment, next);
      }
      node = next;
    }
    if (node.value !== undefined)
      throw new AllotError('InvalidParameterValue', `The parameter ${key} is given more than once.`);
    node.value = value;
  }
  return root;
};

const wireName = (name: string, m: { locationName?: string; queryName?: string }): string =>
  m.queryName ?? (m.locationName ? m.locationName[0]!.toUpperCase() + m.locationName.slice(1) : name);

const join = (path: string, segment: string): string => (path ? `${path}.${segment}` : segment);

const decode = (model: Ec2Model, shape: Ec2Shape, node: Node, path: string): unknown => {
  if (shape.type === 'structure') {
    if (node.value !== undefined)
      throw new AllotError('InvalidParameterValue', `The parameter ${path} takes members, not a value.`);
    const byWire = new Map(Object.entries(shape.members).map(([name, m]) => [wireName(name, m), name]));
    const out: Record<string, unknown> = {};
    for (const [segment, child] of node.children) {
      const name = byWire.get(segment);
      if (name === undefined) throw unknownParameter(join(path, segment));
      out[name] = decode(model, shapeOf(model, shape.members[name]!.shape), child, join(path, segment));
    }
    for (const name of shape.required ?? []) {
      if (!(name in out)) {
        const param = join(path, wireName(name, shape.members[name] ?? { shape: '' }));
        throw new AllotError('MissingParameter', `The request must contain the parameter ${param}.`);
      }
    }
    return out;
  }
  if (shape.type === 'list') {
    // `Name=` is how the plain awsQuery protocol sends an empty list; accept it as one.
    if (node.value !== undefined && (node.value !== '' || node.children.size > 0)) {
      throw new AllotError(
        'InvalidParameterValue',
        `The parameter ${path} takes numbered members (${path}.1), not a value.`,
      );
    }
    const indexed = [...node.children].map(([segment, child]) => {
      if (!INDEX.test(segment)) throw unknownParameter(join(path, segment));
      return [Number(segment), child, segment] as const;
    });
    // Numeric, not text, order (`.10` after `.9`); gaps are allowed, as in EC2.
    indexed.sort((a, b) => a[0] - b[0]);
    const member = shapeOf(model, shape.member.shape);
    return indexed.map(([, child, segment]) => decode(model, member, child, join(path, segment)));
  }
  const [first] = node.children.keys();
  if (first !== undefined) throw unknownParameter(join(path, first));
  return parseScalar(shape.type, path, node.value ?? '');
};

/**
 * Parses an EC2 Query request body (or query string) into the action and its JSON input.
 * Throws `AllotError`: `InvalidAction` for an action the model does not know or the caller's door
 * does not serve (`served`), `InvalidParameter`
 * for unknown parameters, `InvalidParameterValue` for malformed values or a foreign `Version`,
 * `MissingParameter` for missing `Action` or required members.
 * @example
 * parseQueryRequest('Action=DescribeIpamPools&Version=2016-11-15&Filter.1.Name=locale&Filter.1.Value.1=us-east-1', ec2Model)
 * // => { action: 'DescribeIpamPools', version: '2016-11-15',
 * //      input: { Filters: [{ Name: 'locale', Values: ['us-east-1'] }] } }
 */
export const parseQueryRequest = (
  body: string | URLSearchParams,
  model: Ec2Model,
  served: (action: string) => boolean = () => true,
): QueryRequest => {
  const params = typeof body === 'string' ? new URLSearchParams(body) : body;
  const action = params.get('Action');
  if (!action) throw new AllotError('MissingParameter', 'The request must contain the parameter Action.');
  if (!Object.hasOwn(model.operations, action) || !served(action)) {
    throw new AllotError('InvalidAction', `The action ${action} is not valid for this web service.`);
  }
  const version = params.get('Version') ?? undefined;
  if (version !== undefined && version !== model.metadata.apiVersion) {
    throw new AllotError(
      'InvalidParameterValue',
      `The requested version (${version}) of service AmazonEC2 does not exist.`,
    );
  }
  const inputShape = model.operations[action]!.input?.shape;
  const tree = treeOf(params);
  const shape: Ec2Shape = inputShape ? shapeOf(model, inputShape) : { type: 'structure', members: {} };
  const input = decode(model, shape, tree, '') as Record<string, unknown>;
  return { action, ...(version !== undefined ? { version } : {}), input };
};

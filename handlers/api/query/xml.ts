/**
 * Allot's JSON output (the EC2 result shape) -> the EC2 Query protocol's XML response.
 *
 * Output wire rules: elements are named by `locationName` (camelCase: `ipamPoolSet`, `tagSet`),
 * list elements by the list member's `locationName` (`item`), timestamps in ISO 8601 with
 * milliseconds like EC2 itself (`2024-05-01T12:00:00.000Z`). An empty list is written as
 * `<ipamPoolSet/>`, which the JS SDK reads back as `[]`; an absent list is omitted and reads back
 * as undefined, so the two stay distinguishable.
 * Output members the model does not know are dropped: the JSON shape may grow before the model does.
 */
import { type Ec2Model, type Ec2Shape, shapeOf } from '../model/types';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#xD;',
};
// Characters XML 1.0 cannot carry at all, even escaped, and unpaired surrogates: expat (botocore)
// rejects the whole document for one of them, so each becomes U+FFFD instead.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes text for an XML element or attribute. `\r` is written as a character reference because
 * parsers normalise a literal one away.
 * @example escapeXml('a<b & "c"') // => 'a&lt;b &amp; &quot;c&quot;'
 */
export const escapeXml = (text: string): string =>
  text.replace(NOT_XML, '\uFFFD').replace(/[&<>"'\r]/g, (c) => ENTITIES[c]!);

const mismatch = (path: string, expected: string, value: unknown): Error =>
  new Error(
    `EC2 output ${path}: expected ${expected}, got ${typeof value} ${typeof value === 'bigint' ? value : JSON.stringify(value)}`,
  );

const scalarText = (type: string, value: unknown, path: string): string => {
  switch (type) {
    case 'boolean':
      if (typeof value === 'boolean') return String(value);
      if (value === 'true' || value === 'false') return value;
      throw mismatch(path, 'a boolean', value);
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'bigint')
        return String(value);
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return value;
      throw mismatch(path, 'a number', value);
    case 'timestamp': {
      const date =
        value instanceof Date
          ? value
          : typeof value === 'string' || typeof value === 'number'
            ? new Date(value)
            : undefined;
      if (!date || Number.isNaN(date.getTime())) throw mismatch(path, 'a timestamp', value);
      return date.toISOString();
    }
    default:
      if (typeof value === 'object') throw mismatch(path, 'a string', value);
      return escapeXml(String(value));
  }
};

// A thrown Error here is a bug in Allot (core produced a value its own shape does not allow),
// which the error handler turns into a 500, rather than a response the SDK would misread.
const element = (model: Ec2Model, tag: string, shape: Ec2Shape, value: unknown, path: string): string => {
  if (value === undefined || value === null) return '';
  if (shape.type === 'structure') {
    if (typeof value !== 'object' || Array.isArray(value)) throw mismatch(path, 'an object', value);
    return `<${tag}>${members(model, shape, value as Record<string, unknown>, path)}</${tag}>`;
  }
  if (shape.type === 'list') {
    if (!Array.isArray(value)) throw mismatch(path, 'an array', value);
    if (value.length === 0) return `<${tag}/>`;
    const itemTag = shape.member.locationName ?? 'item';
    const itemShape = shapeOf(model, shape.member.shape);
    const items = value.map((v, i) => element(model, itemTag, itemShape, v, `${path}[${i}]`));
    return `<${tag}>${items.join('')}</${tag}>`;
  }
  return `<${tag}>${scalarText(shape.type, value, path)}</${tag}>`;
};

const members = (
  model: Ec2Model,
  shape: Extract<Ec2Shape, { type: 'structure' }>,
  value: Record<string, unknown>,
  path: string,
): string =>
  Object.entries(shape.members)
    .map(([name, m]) =>
      Object.hasOwn(value, name)
        ? element(
            model,
            m.locationName ?? name,
            shapeOf(model, m.shape),
            value[name],
            path ? `${path}.${name}` : name,
          )
        : '',
    )
    .join('');

/**
 * Serialises an operation's JSON output as the EC2 XML response body.
 * @example
 * serializeResult('ReleaseIpamPoolAllocation', { Success: true }, 'req-1', ec2Model)
 * // => '<?xml version="1.0" encoding="UTF-8"?><ReleaseIpamPoolAllocationResponse
 * //      xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-1</requestId>
 * //      <success>true</success></ReleaseIpamPoolAllocationResponse>'
 */
export const serializeResult = (
  action: string,
  output: Record<string, unknown>,
  requestId: string,
  model: Ec2Model,
): string => {
  if (!Object.hasOwn(model.operations, action)) throw new Error(`EC2 model has no operation '${action}'`);
  const outputShape = model.operations[action]!.output?.shape;
  const shape = outputShape ? shapeOf(model, outputShape) : undefined;
  if (shape && shape.type !== 'structure')
    throw new Error(`EC2 output shape '${outputShape}' is not a structure`);
  const body = shape ? members(model, shape, output, '') : '';
  // EC2 answers with the namespace URI ending in '/', which the model's metadata leaves off.
  const ns = model.metadata.xmlNamespace.replace(/\/?$/, '/');
  return `${DECLARATION}<${action}Response xmlns="${escapeXml(ns)}"><requestId>${escapeXml(requestId)}</requestId>${body}</${action}Response>`;
};

/**
 * Serialises an error in EC2's envelope (note `RequestID` here versus `requestId` in results).
 * @example serializeError('InvalidIpamPoolId.NotFound', "The pool ID 'ipam-pool-1' does not exist", 'req-1')
 */
export const serializeError = (code: string, message: string, requestId: string): string =>
  `${DECLARATION}<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${escapeXml(requestId)}</RequestID></Response>`;

/**
 * Headers of every EC2 answer. The JS SDK takes `$metadata.requestId` from `x-amzn-requestid`, not
 * from the body, and corrects its clock from `Date` when told `RequestExpired`, so both matter.
 * @example ec2ResponseHeaders('req-1', new Date()) // => { 'content-type': 'text/xml;charset=UTF-8', ... }
 */
export const ec2ResponseHeaders = (requestId: string, now: Date): Record<string, string> => ({
  'content-type': 'text/xml;charset=UTF-8',
  'x-amzn-requestid': requestId,
  date: now.toUTCString(),
});

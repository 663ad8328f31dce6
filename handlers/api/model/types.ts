/**
 * The botocore-style EC2 model as the Query facade reads it. The same types fit both the full
 * reference model (docs/reference/ec2-ipam-api.json) and the trimmed handlers/api/model/model.json,
 * so tests and tools may pass either.
 */

/** A member of a structure: `locationName`/`queryName` carry the wire names. */
export interface Ec2Member {
  shape: string;
  locationName?: string;
  queryName?: string;
}

/** A list's member: its `locationName` names each XML element of an output list (`item`). */
export interface Ec2ListMember {
  shape: string;
  locationName?: string;
}

export type Ec2ScalarType =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'long'
  | 'double'
  | 'float'
  | 'timestamp'
  | 'blob'
  /** Any JSON value (Allot's own shapes only, e.g. an EventBridge event's `detail`). */
  | 'document';

export type Ec2Shape =
  | { type: 'structure'; members: Record<string, Ec2Member>; required?: string[] }
  | { type: 'list'; member: Ec2ListMember }
  | { type: Ec2ScalarType; enum?: string[] };

export interface Ec2Operation {
  input?: { shape: string };
  output?: { shape: string };
  /** RAM's REST-JSON route (handlers/api/model/ram.json): the HTTP method and lower-case path. */
  method?: string;
  path?: string;
  /** One line on what the action does (Allot's own actions). */
  documentation?: string;
}

export interface Ec2Model {
  /** `targetPrefix`: the JSON 1.1 protocol's X-Amz-Target prefix (Organizations). */
  metadata: { apiVersion: string; xmlNamespace: string; protocol?: string; targetPrefix?: string };
  operations: Record<string, Ec2Operation>;
  shapes: Record<string, Ec2Shape>;
}

/** Looks a shape up, failing loudly: a dangling reference is a broken model, not a bad request. */
export const shapeOf = (model: Ec2Model, name: string): Ec2Shape => {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`EC2 model has no shape '${name}'`);
  return shape;
};

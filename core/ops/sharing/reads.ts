/** RAM's read operations over resource shares: GetResourceShares, GetResourceShareAssociations. */
import { fail } from '../../errors';
import type { Caller, Deps } from '../../ports';
import { associationShape, shareShape, sharesOf } from './shares';

export const getResourceShares = async (
  deps: Deps,
  caller: Caller,
  input: {
    resourceOwner?: string;
    resourceShareArns?: string[];
    resourceShareStatus?: string;
    name?: string;
  },
) => {
  const shares = (await sharesOf(deps, caller, input.resourceOwner)).filter(
    (s) =>
      (!input.resourceShareArns || input.resourceShareArns.includes(s.ResourceShareArn)) &&
      (!input.resourceShareStatus || s.Status === input.resourceShareStatus) &&
      (!input.name || s.Name === input.name),
  );
  return { resourceShares: shares.map(shareShape) };
};

export const getResourceShareAssociations = async (
  deps: Deps,
  caller: Caller,
  input: {
    associationType?: string;
    resourceShareArns?: string[];
    resourceArn?: string;
    principal?: string;
    associationStatus?: string;
  },
) => {
  const type = input.associationType;
  if (type !== 'PRINCIPAL' && type !== 'RESOURCE')
    return fail('InvalidParameterException', 'associationType must be PRINCIPAL or RESOURCE.');
  const shares = (await sharesOf(deps, caller, 'SELF')).filter(
    (s) => !input.resourceShareArns || input.resourceShareArns.includes(s.ResourceShareArn),
  );
  const all = shares.flatMap((s) =>
    (type === 'RESOURCE' ? s.Resources : s.Principals).map((e) => associationShape(s, e, type)),
  );
  const want = type === 'RESOURCE' ? input.resourceArn : input.principal;
  return {
    resourceShareAssociations: all.filter(
      (a) =>
        (!want || a.associatedEntity === want) &&
        (!input.associationStatus || a.status === input.associationStatus),
    ),
  };
};

/** Space-tree node items: `SPACE#<spaceId>#<4|6>` / `NODE#<hex start>/<3-digit length>`. */
import { type Family, toHex } from '../../cidr';
import type { ItemKey } from '../../records';
import type { NodeKey } from '../../space/node';

export const nodeItemKey = (k: NodeKey): ItemKey => ({
  PK: `SPACE#${k.space}#${k.version}`,
  SK: `NODE#${toHex(k.version, k.start)}/${String(k.prefix).padStart(3, '0')}`,
});

export const nodeKeyOf = (item: { PK: string; SK: string }): NodeKey => {
  const pk = item.PK.split('#');
  const [hex, len] = item.SK.slice('NODE#'.length).split('/');
  return {
    space: pk.slice(1, -1).join('#'),
    version: Number(pk[pk.length - 1]) as Family,
    start: BigInt(`0x${hex}`),
    prefix: Number(len),
  };
};

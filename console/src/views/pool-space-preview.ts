/** F-MON-25: the source pool's space before and after a request, for the pool page and pool creation. */
import type { Answer } from '../api';
import { cidrSize, ipsLabel, percentOf } from '../sizes';
import { html } from '../ui';
import type { PoolData } from './pool';

const total = (items: Answer[], key: string) =>
  items.reduce((n, i) => n + (cidrSize(i[key] ?? '') ?? 0n), 0n);

/** F-MON-25: "10.0.0.0/16 (100% available → 75% available after allocations)". */
export const SpacePreview = ({ source, cidr }: { source: NonNullable<PoolData['source']>; cidr: string }) => {
  const provisioned = total(
    source.cidrs.filter((c) => c.State === 'provisioned'),
    'Cidr',
  );
  const used = total(source.allocations, 'Cidr');
  const asked = cidrSize(cidr) ?? 0n;
  const before = percentOf(provisioned - used, provisioned);
  const after = percentOf(provisioned - used - asked, provisioned);
  const names = source.cidrs.map((c) => c.Cidr).join(', ');
  return html`<p class="note" aria-live="polite" data-testid="space-preview">
    Source pool space: ${names} (${before}% available → ${after}% available after allocations)${asked > 0n ? ` · ${ipsLabel(asked)}` : ''}
  </p>`;
};

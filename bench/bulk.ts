/**
 * Bulk import, measured: 10,000 rows into one pool on DynamoDB Local through the operation layer,
 * as `npm run import -- file --apply` sends them (a dry run of the whole file, then chunks of 250).
 */
import { importIpamPoolAllocations } from '../core/ops/bulk/import';
import { operations } from '../core/ops/registry';
import { type Deps, defaultConfig, randomIds } from '../core/ports';
import { createDocumentClient, DynamoStore } from '../core/store/dynamo';
import { CHUNK, chunksOf } from '../local/import';

const ROWS = 10_000;

export const benchImport = async (endpoint: string, tableName: string) => {
  const deps: Deps = {
    store: new DynamoStore({ client: createDocumentClient({ endpoint, region: 'us-east-1' }), tableName }),
    now: Date.now,
    ids: randomIds(),
    config: defaultConfig(),
  };
  const caller = { accountId: '300000000001', region: 'us-east-1' };
  const { Ipam } = (await operations.CreateIpam(deps, caller, {})) as {
    Ipam: { PrivateDefaultScopeId: string };
  };
  const { IpamPool } = (await operations.CreateIpamPool(deps, caller, {
    IpamScopeId: Ipam.PrivateDefaultScopeId,
    AddressFamily: 'ipv4',
  })) as { IpamPool: { IpamPoolId: string } };
  await operations.ProvisionIpamPoolCidr(deps, caller, {
    IpamPoolId: IpamPool.IpamPoolId,
    Cidr: '10.0.0.0/8',
  });
  const lines = Array.from(
    { length: ROWS },
    (_, i) => `${IpamPool.IpamPoolId},10.${i >> 8}.${i & 255}.0/24,row ${i},env=bench`,
  );
  const csv = `pool,cidr,description,tags\n${lines.join('\n')}\n`;
  const started = performance.now();
  const checked = await importIpamPoolAllocations(deps, caller, { Csv: csv });
  const dry = performance.now() - started;
  let imported = 0;
  for (const chunk of chunksOf(csv, CHUNK))
    imported += (await importIpamPoolAllocations(deps, caller, { Csv: chunk.text, Apply: true })).Summary
      .Imported;
  const total = (performance.now() - started) / 1000;
  if (checked.Summary.Ok !== ROWS || imported !== ROWS)
    throw new Error(`imported ${imported} of ${ROWS} rows`);
  return {
    import_10k_rows_s: Number(total.toFixed(1)),
    import_10k_dry_run_s: Number((dry / 1000).toFixed(1)),
  };
};

export type { ReconcileInput } from '../run/types';
export { RELEASE_GRACE_MS, type ReconcileReport, reconcileIpam } from './reconcile';
export { loadView, type ViewRow } from './view';

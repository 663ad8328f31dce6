/** Vocabulary shared by several record kinds: tags, lifecycle states, tiers. */

export interface Tag {
  Key: string;
  Value?: string;
}

export type LifecycleState =
  | 'create-in-progress'
  | 'create-complete'
  | 'create-failed'
  | 'modify-in-progress'
  | 'modify-complete'
  | 'modify-failed'
  | 'delete-in-progress'
  | 'delete-complete'
  | 'delete-failed'
  | 'isolate-in-progress'
  | 'isolate-complete'
  | 'restore-in-progress';

/** The state a cascade delete marks first; a counter write refuses a record in it. */
export const DELETING = 'delete-in-progress' satisfies LifecycleState;

export type Tier = 'free' | 'advanced';

import { RULES } from '../../generated/plans';
import { validateWorkspace, type FieldError, type WorkspaceSettings } from '../../settings/plans';
import type { WorkspaceEntry } from '../../api/workspaces';

/** What an unsaved edit does to a row of the listing. */
export type RowState = 'saved' | 'added' | 'changed' | 'removed';

export interface Changes {
  added: WorkspaceSettings[];
  changed: WorkspaceSettings[];
  removed: string[];
}

const byId = (list: WorkspaceSettings[]) => new Map(list.map((w) => [w.id, w]));

const same = (a: WorkspaceSettings, b: WorkspaceSettings) => a.clusterId === b.clusterId && a.plan === b.plan;

/** The manual workspaces after an add (no originalId) or an edit of originalId. */
export function upsertWorkspace(
  list: WorkspaceSettings[],
  ws: WorkspaceSettings,
  originalId?: string
): WorkspaceSettings[] {
  const at = list.findIndex((w) => w.id === (originalId ?? ws.id));
  if (at < 0) {
    return [...list, ws];
  }
  return [...list.slice(0, at), ws, ...list.slice(at + 1)];
}

export function removeWorkspace(list: WorkspaceSettings[], id: string): WorkspaceSettings[] {
  return list.filter((w) => w.id !== id);
}

/** The manual workspaces added, changed and removed since the settings were saved. */
export function pendingChanges(saved: WorkspaceSettings[], current: WorkspaceSettings[]): Changes {
  const before = byId(saved);
  const after = byId(current);
  const changes: Changes = { added: [], changed: [], removed: [] };
  for (const w of current) {
    const old = before.get(w.id);
    if (!old) {
      changes.added.push(w);
    } else if (!same(old, w)) {
      changes.changed.push(w);
    }
  }
  changes.removed = saved.filter((w) => !after.has(w.id)).map((w) => w.id);
  return changes;
}

export interface RowView {
  workspace: WorkspaceSettings;
  source: string;
  state: RowState;
  /** Whether the row has a manual entry in the form, which Remove deletes. */
  manual: boolean;
}

/** A row of the saved listing as the unsaved form changes it. */
export function rowViews(
  entries: WorkspaceEntry[],
  saved: WorkspaceSettings[],
  current: WorkspaceSettings[]
): RowView[] {
  const before = byId(saved);
  const after = byId(current);
  return entries.map((e) => {
    const { source, ...workspace } = e;
    const now = after.get(e.id);
    if (now) {
      const old = before.get(e.id);
      return { workspace: now, source, manual: true, state: !old ? 'added' : same(old, now) ? 'saved' : 'changed' };
    }
    return { workspace, source, manual: false, state: before.has(e.id) ? 'removed' : 'saved' };
  });
}

/** Errors of a workspace being added or edited; fields are named as in the editor. */
export function workspaceEditErrors(
  ws: WorkspaceSettings,
  list: WorkspaceSettings[],
  originalId?: string
): FieldError[] {
  const errors = validateWorkspace(ws);
  if (ws.id !== originalId && list.some((w) => w.id === ws.id)) {
    errors.push({ field: 'id', rule: RULES.duplicateId });
  }
  return errors;
}

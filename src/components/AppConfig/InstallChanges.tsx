import React from 'react';

import { installActionText, installKindText } from './installText';
import type { InstallChange } from './saveSettings';

/** What an installer did, one row per resource, in the user's language. */
export function InstallChanges({ changes, testId }: { changes: InstallChange[]; testId: string }) {
  if (changes.length === 0) {
    return null;
  }
  return (
    <table data-testid={testId}>
      <tbody>
        {changes.map((c) => (
          <tr key={`${c.kind}/${c.name}`}>
            <td>{installKindText(c.kind)}</td>
            <td>{c.name}</td>
            <td>{installActionText(c.action)}</td>
            <td>{c.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

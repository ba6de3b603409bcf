import { useEffect, useState } from 'react';
import { openConflictsOf, type FieldConflict } from '../../../shared/index.js';
import type { BoardConnection } from '../sync/boardConnection';

export interface MyConflict {
  cardId: string;
  conflict: FieldConflict;
}

/**
 * The conflicts this person lost and has not answered (docs/protocol.md "Concurrent
 * edits"), kept current as the board changes: the server's record arrives like any other
 * change, also when it was written while this device was offline.
 */
export function useMyConflicts(connection: BoardConnection, userId: string): readonly MyConflict[] {
  const [mine, setMine] = useState<readonly MyConflict[]>(() =>
    openConflictsOf(userId, connection.board.allConflicts()),
  );
  useEffect(() => {
    const read = () => {
      const next = openConflictsOf(userId, connection.board.allConflicts());
      setMine((prev) => (sameIds(prev, next) ? prev : next));
    };
    read();
    return connection.board.onChange(read);
  }, [connection, userId]);
  return mine;
}

function sameIds(a: readonly MyConflict[], b: readonly MyConflict[]): boolean {
  return a.length === b.length && a.every((x, i) => x.conflict.id === b[i]!.conflict.id);
}

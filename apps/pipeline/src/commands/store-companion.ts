import type { Store } from '@prefstream/clickhouse';

/** Something that lives as long as the pipeline on its store (the dashboard, the analysis loop). */
export type StoreCompanion = (store: Store) => Promise<{ close(): Promise<void> }>;

/** Several companions as one: started in order, closed in reverse; if one fails to start, those started are closed. */
export function combineCompanions(...companions: (StoreCompanion | undefined)[]): StoreCompanion | undefined {
  const present = companions.filter((c): c is StoreCompanion => c !== undefined);
  if (present.length <= 1) return present[0];
  return async (store) => {
    const started: { close(): Promise<void> }[] = [];
    const closeAll = async () => {
      for (const companion of started.reverse()) await companion.close();
    };
    try {
      for (const companion of present) started.push(await companion(store));
    } catch (error) {
      await closeAll();
      throw error;
    }
    return { close: closeAll };
  };
}
